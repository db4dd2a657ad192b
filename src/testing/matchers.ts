import type { MatcherState } from "vitest";
import { deserializeArguments, serializeArguments } from "../job/arguments.js";
import { DeserializationError, SerializationError } from "../job/errors.js";
import type { JobClass } from "../job/job.js";
import type { JobEntry } from "./entry.js";
import { ArgumentError } from "./errors.js";
import { isJobClass } from "./filters.js";
import { formatTime } from "./inspect.js";
import { instantMs, isTimeLike } from "./instants.js";
import { matchJobs, type JobExpectation, type MatchOutcome, type MatchTools } from "./job-matcher.js";
import { isMailerClass, matchDelivered, matchMail, readMailExpectation, type DeliveredMailOptions } from "./mail-matchers.js";
import { readExpectation, withOptions, type JobMatchOptions } from "./matcher-options.js";
import { signatureMismatch } from "./perform-signature.js";
import { requireWorld, type TestWorld } from "./world.js";

// The vitest matchers (registered by ./vitest.ts): rspec-rails' have_enqueued_job,
// have_been_enqueued, have_performed_job and have_been_performed (active-job.md §8), plus a
// time-closeness matcher for `at:` (rspec's a_value_within(...).of(time)).

interface Result {
  pass: boolean;
  message: () => string;
}

export async function toHaveEnqueuedJob(this: MatcherState, received: unknown, jobOrOptions?: unknown, options?: unknown): Promise<Result> {
  const name = "toHaveEnqueuedJob";
  const world = requireWorld(name);
  const block = blockOf(name, received, "toHaveBeenEnqueued");
  const exp = readExpectation(name, "enqueue", jobOrOptions, options);
  // Negated, rspec-rails counts "at least one": `not` passes only when nothing matches.
  if (this.isNot) exp.count = { kind: "atLeast", n: 1 };
  const before = new Set(world.enqueuedJobs());
  await block();
  const added = world.enqueuedJobs().filter((e) => !before.has(e));
  return result(this, evaluate(this, world, exp, added));
}

export async function toHavePerformedJob(this: MatcherState, received: unknown, jobOrOptions?: unknown, options?: unknown): Promise<Result> {
  const name = "toHavePerformedJob";
  const world = requireWorld(name);
  const block = blockOf(name, received, "toHaveBeenPerformed");
  const exp = readExpectation(name, "perform", jobOrOptions, options);
  const start = world.performedJobs().length;
  await block();
  return result(this, evaluate(this, world, exp, world.performedJobs().slice(start)));
}

export function toHaveBeenEnqueued(this: MatcherState, received: unknown, options?: JobMatchOptions): Result {
  const name = "toHaveBeenEnqueued";
  const world = requireWorld(name);
  if (isBlock(received)) return blockRefused(this, "have been enqueued");
  const exp = withOptions(name, "enqueue", classOf(name, received), options);
  if (this.isNot) exp.count = { kind: "atLeast", n: 1 };
  return result(this, evaluate(this, world, exp, world.enqueuedJobs()));
}

export function toHaveBeenPerformed(this: MatcherState, received: unknown, options?: JobMatchOptions): Result {
  const name = "toHaveBeenPerformed";
  const world = requireWorld(name);
  if (isBlock(received)) return blockRefused(this, "have been performed");
  const exp = withOptions(name, "perform", classOf(name, received), options);
  return result(this, evaluate(this, world, exp, world.performedJobs()));
}

/** rspec-rails' have_enqueued_mail: `await expect(() => ...).toHaveEnqueuedMail(UserMailer, "welcome", { args })`. */
export async function toHaveEnqueuedMail(this: MatcherState, received: unknown, mailer?: unknown, action?: unknown, options?: unknown): Promise<Result> {
  const name = "toHaveEnqueuedMail";
  const world = requireWorld(name);
  if (isMailerClass(received)) {
    throw new ArgumentError(`${name} only supports block expectations: expect(() => mail(${received.mailerName}, ...).deliverLater()).${name}(...); for the mail ${received.mailerName} delivered, use expect(${received.mailerName}).toHaveBeenDelivered(...)`);
  }
  const block = blockOf(name, received, "toHaveBeenDelivered");
  const exp = readMailExpectation(name, mailer, action, options);
  if (this.isNot) exp.count = { kind: "atLeast", n: 1 };
  const before = new Set(world.enqueuedJobs());
  await block();
  const added = world.enqueuedJobs().filter((e) => !before.has(e));
  const outcome = matchMail(exp, added, tools(this, world));
  return { pass: outcome.pass, message: () => (this.isNot ? outcome.negatedMessage() : outcome.message()) };
}

/** Mail the test mailer delivered (deliverNow, or a MailDeliveryJob performed): `expect(UserMailer).toHaveBeenDelivered({ action: "welcome" })`. */
export function toHaveBeenDelivered(this: MatcherState, received: unknown, options?: DeliveredMailOptions): Result {
  const world = requireWorld("toHaveBeenDelivered");
  const outcome = matchDelivered(this, world, received, options);
  return { pass: outcome.pass, message: () => (this.isNot ? outcome.negatedMessage() : outcome.message()) };
}

/** `expect(date).toBeCloseToTime(t, 5)`, or `at: expect.toBeCloseToTime(t, 5)`: within 5 seconds of t, inclusive. */
export function toBeCloseToTime(this: MatcherState, received: unknown, instant: unknown, withinSeconds: unknown): Result {
  if (!isTimeLike(instant)) throw new ArgumentError("toBeCloseToTime: the expected instant must be a Date, epoch ms or an ISO 8601 string");
  if (typeof withinSeconds !== "number" || !(withinSeconds >= 0)) throw new ArgumentError("toBeCloseToTime: withinSeconds must be a non-negative number");
  const expectedMs = instantMs(instant, "toBeCloseToTime");
  const receivedMs = received instanceof Date ? received.getTime() : typeof received === "number" ? received : NaN;
  const pass = Number.isFinite(receivedMs) && Math.abs(receivedMs - expectedMs) <= withinSeconds * 1000;
  const shown = Number.isFinite(receivedMs) ? formatTime(receivedMs, true) : String(received);
  return {
    pass,
    message: () => `expected ${shown}${this.isNot ? " not" : ""} to be within ${withinSeconds} s of ${formatTime(expectedMs, true)}`,
  };
}

function evaluate(state: MatcherState, world: TestWorld, exp: JobExpectation, entries: readonly JobEntry[]): MatchOutcome {
  return matchJobs(exp, entries, tools(state, world));
}

function result(state: MatcherState, outcome: MatchOutcome): Result {
  return { pass: outcome.pass, message: () => (state.isNot ? outcome.negatedMessage() : outcome.message()) };
}

function tools(state: MatcherState, world: TestWorld): MatchTools {
  return {
    equals: (actual, expected) => state.equals(actual, expected, state.customTesters),
    deserialize(entry) {
      try {
        return deserializeArguments(entry.args, world.deserializeContext());
      } catch (e) {
        // A job whose arguments cannot be read (a deleted record) is compared as stored: it does not match.
        if (e instanceof DeserializationError) return entry.args;
        throw e;
      }
    },
    roundTrip(args) {
      try {
        return deserializeArguments(serializeArguments(args, world.serializers()), world.deserializeContext());
      } catch (e) {
        // Asymmetric matchers (and anything else Active Job cannot store) are compared as given.
        if (e instanceof SerializationError || e instanceof DeserializationError) return args;
        throw e;
      }
    },
    warn: (message) => console.warn(message),
    signatureMismatch,
    performedAt: (entry) => world.times().performedAt(entry),
    firstEnqueuedAt: (jobId) => world.times().firstEnqueuedAt(jobId),
  };
}

function blockOf(matcher: string, received: unknown, classMatcher: string): () => unknown {
  if (isJobClass(received)) {
    throw new ArgumentError(
      `${matcher} only supports block expectations: expect(() => ${received.jobClassName}.performLater(...)).${matcher}(...); to look at every recorded ${received.jobClassName}, use expect(${received.jobClassName}).${classMatcher}(...)`,
    );
  }
  if (typeof received !== "function") {
    throw new ArgumentError(`${matcher} only supports block expectations: pass a function, expect(() => ...).${matcher}(...), not ${describe(received)}`);
  }
  return received as () => unknown;
}

function isBlock(received: unknown): boolean {
  return typeof received === "function" && !isJobClass(received);
}

// rspec-expectations fails (it does not raise an ArgumentError) when a matcher without
// supports_block_expectations? gets a block, with or without `not` (active-job.md §8.1); the
// matcher is named by its description, "have been enqueued". Negated, pass must be true to fail.
function blockRefused(state: MatcherState, description: string): Result {
  const message = `You must pass an argument rather than a block to \`expect\` to use the provided matcher (${description}), or the matcher must implement \`supports_block_expectations?\`.`;
  return { pass: state.isNot, message: () => message };
}

function classOf(matcher: string, received: unknown): JobClass<any> {
  if (isJobClass(received)) return received;
  throw new ArgumentError(`${matcher} needs a job class as the subject, expect(HelloJob).${matcher}(...), not ${describe(received)}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `a ${(value as object).constructor?.name ?? "value"} (did you call the block instead of passing it?)`;
  return value === undefined ? "undefined" : `a ${typeof value}`;
}
