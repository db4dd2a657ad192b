import type { MatcherState } from "vitest";
import { Mailer, type DeliveredMail } from "../job/mailer.js";
import { ArgumentError } from "./errors.js";
import { formatTime, inspectValue } from "./inspect.js";
import type { Instant } from "./instants.js";
import { atMatches, inspectAt, type AtExpectation, type ExpectedCount, type MatchTools } from "./job-matcher.js";
import { readAt, readCount, type JobCount } from "./matcher-options.js";
import { checkOptions } from "./options.js";
import type { JobEntry } from "./entry.js";
import type { TestWorld } from "./world.js";

// Mail matchers, after rspec-rails' have_enqueued_mail (active-job.md §8): deliverLater enqueues
// ActionMailer::MailDeliveryJob with [mailer, action, "deliver_now", {args}], and the matcher
// looks at those jobs by mailer and action, with the mail's own arguments. Its counterpart for
// delivered mail (deliverNow, or a MailDeliveryJob performed) reads the test mailer's
// deliveries. Messages keep rspec-rails' shape: "expected to enqueue UserMailer.welcome exactly
// 1 time with [1], but enqueued 0" and a "Queued deliveries:" list.

export const MAIL_JOB = "ActionMailer::MailDeliveryJob";
type MailerClass = typeof Mailer;

export interface MailMatchOptions {
  /** The mail method's arguments (after the mailer and action), compared with vitest's equality. */
  args?: unknown[];
  queue?: string;
  /** The scheduled time, exactly (or "noWait", or an asymmetric matcher), as for toHaveEnqueuedJob. */
  at?: Instant | "noWait";
  times?: JobCount;
  atLeast?: JobCount;
  atMost?: JobCount;
}

export interface DeliveredMailOptions {
  /** The mailer method that built the mail. */
  action?: string;
  /** Compared with vitest's equality (asymmetric matchers work). */
  to?: unknown;
  subject?: unknown;
  times?: JobCount;
  atLeast?: JobCount;
  atMost?: JobCount;
}

const MAIL_KEYS = ["args", "queue", "at", "times", "atLeast", "atMost"] as const;
const DELIVERED_KEYS = ["action", "to", "subject", "times", "atLeast", "atMost"] as const;
const MODIFIER = { exactly: "exactly", atLeast: "at least", atMost: "at most" } as const;

export interface MailExpectation {
  mailer?: string;
  action?: string;
  args?: unknown[];
  queue?: string;
  at?: AtExpectation;
  count: ExpectedCount;
}

export function isMailerClass(value: unknown): value is MailerClass {
  return typeof value === "function" && (value === Mailer || value.prototype instanceof Mailer);
}

/** `(Mailer?, action?, options?)` as given to toHaveEnqueuedMail. */
export function readMailExpectation(matcher: string, a: unknown, b: unknown, c: unknown): MailExpectation {
  const given = [a, b, c];
  let i = 0;
  let mailer: string | undefined;
  let action: string | undefined;
  if (isMailerClass(given[i])) mailer = (given[i++] as MailerClass).mailerName;
  else if (typeof given[i] === "function") throw new ArgumentError(`${matcher}: ${(given[i] as () => void).name || "this function"} is not a mailer class (a class extending Mailer)`);
  if (typeof given[i] === "string") {
    if (mailer === undefined) throw new ArgumentError(`${matcher}: give the mailer class before the action: ${matcher}(UserMailer, ${JSON.stringify(given[i])})`);
    action = given[i++] as string;
  }
  const options = given[i] as MailMatchOptions | undefined;
  if (given.slice(i + 1).some((x) => x !== undefined)) throw new ArgumentError(`${matcher}: expected (Mailer?, action?, options?)`);
  checkOptions(matcher, options, MAIL_KEYS);
  const o = options ?? {};
  if (o.args !== undefined && !Array.isArray(o.args)) throw new ArgumentError(`${matcher}: args must be the mail method's argument list (an array)`);
  const exp: MailExpectation = { count: readCount(matcher, o) };
  if (mailer !== undefined) exp.mailer = mailer;
  if (action !== undefined) exp.action = action;
  if (o.args !== undefined && o.args.length > 0) exp.args = o.args;
  if (o.queue !== undefined) exp.queue = String(o.queue);
  if (o.at !== undefined) exp.at = readAt(matcher, o.at);
  return exp;
}

export interface MailOutcome {
  pass: boolean;
  message(): string;
  negatedMessage(): string;
}

/** Which of the entries are mail jobs matching the expectation, and the messages. */
export function matchMail(exp: MailExpectation, entries: readonly JobEntry[], tools: MatchTools): MailOutcome {
  const mails = entries.filter((e) => e.job_class === MAIL_JOB).map((entry) => ({ entry, args: tools.deserialize(entry) }));
  const expectedArgs = exp.args === undefined ? undefined : tools.roundTrip(exp.args);
  const holds = ({ entry, args }: (typeof mails)[number]) =>
    (exp.mailer === undefined || args[0] === exp.mailer) &&
    (exp.action === undefined || args[1] === exp.action) &&
    (expectedArgs === undefined || tools.equals(mailArgs(args), expectedArgs)) &&
    (exp.queue === undefined || entry.queue === exp.queue) &&
    (exp.at === undefined || atMatches(exp.at, entry, tools));
  const count = mails.filter(holds).length;
  const unmatching = mails.filter((m) => !holds(m));
  const { kind, n } = exp.count;
  const pass = kind === "exactly" ? count === n : kind === "atLeast" ? count >= n : count <= n;
  const base = () => {
    let msg = [exp.mailer ?? "ActionMailer::Base", exp.action].filter((x) => x !== undefined).join(".");
    msg += ` ${MODIFIER[kind]} ${n} ${n === 1 ? "time" : "times"}`;
    if (exp.args !== undefined) msg += ` with ${inspectValue(exp.args)},`;
    if (exp.queue !== undefined) msg += ` on queue ${exp.queue},`;
    if (exp.at !== undefined) msg += ` at ${inspectAt(exp.at)},`;
    return `${msg} but enqueued ${count}`;
  };
  return {
    pass,
    message: () => `expected to enqueue ${base()}${unmatching.length > 0 ? `\nQueued deliveries:${unmatching.map((m) => `\n  ${deliveryLine(m.entry, m.args)}`).join("")}` : ""}`,
    negatedMessage: () => `expected not to enqueue ${base()}`,
  };
}

// [mailer, action, "deliver_now", { args: [...] }]: the mail method's own arguments.
function mailArgs(args: readonly unknown[]): unknown[] {
  const params = args[3] as { args?: unknown } | undefined;
  return Array.isArray(params?.args) ? params.args : args.slice(3);
}

function deliveryLine(entry: JobEntry, args: readonly unknown[]): string {
  const parts: string[] = [];
  const own = mailArgs(args);
  if (own.length > 0) parts.push(`with ${inspectValue(own)}`);
  parts.push(`on queue ${entry.queue}`);
  if (entry.at !== undefined) parts.push(`at ${formatTime(Math.round(entry.at * 1000))}`);
  return `${String(args[0])}.${String(args[1])} ${parts.join(", ")}`;
}

/** `expect(UserMailer).toHaveBeenDelivered({ action, to, subject, times })`: the test mailer's deliveries. */
export function matchDelivered(state: MatcherState, world: TestWorld, received: unknown, options: DeliveredMailOptions | undefined): MailOutcome {
  const matcher = "toHaveBeenDelivered";
  if (!isMailerClass(received)) throw new ArgumentError(`${matcher} needs a mailer class as the subject, expect(UserMailer).${matcher}(...); for jobs use toHaveBeenPerformed`);
  checkOptions(matcher, options, DELIVERED_KEYS);
  const o = options ?? {};
  const count: ExpectedCount = readCount(matcher, o);
  const equals = (actual: unknown, expected: unknown) => state.equals(actual, expected, state.customTesters);
  const own = world.deliveries().filter((m) => m.mailer === received.mailerName);
  const holds = (m: DeliveredMail) =>
    (o.action === undefined || m.action === o.action) && (o.to === undefined || equals(m.to, o.to)) && (o.subject === undefined || equals(m.subject, o.subject));
  const matching = own.filter(holds).length;
  const { kind, n } = count;
  const pass = kind === "exactly" ? matching === n : kind === "atLeast" ? matching >= n : matching <= n;
  const base = () => {
    let msg = `${MODIFIER[kind]} ${n} ${n === 1 ? "mail" : "mails"},`;
    if (o.action !== undefined) msg += ` from ${received.mailerName}.${o.action},`;
    if (o.to !== undefined) msg += ` to ${inspectValue(o.to)},`;
    if (o.subject !== undefined) msg += ` with subject ${inspectValue(o.subject)},`;
    return `${msg} but delivered ${matching}`;
  };
  const others = own.filter((m) => !holds(m));
  return {
    pass,
    message: () =>
      `expected ${received.mailerName} to deliver ${base()}${others.length > 0 ? `\nDelivered mail:${others.map((m) => `\n  ${m.mailer}.${m.action} to ${inspectValue(m.to)}, subject ${inspectValue(m.subject)}`).join("")}` : ""}`,
    negatedMessage: () => `expected ${received.mailerName} not to deliver ${base()}`,
  };
}
