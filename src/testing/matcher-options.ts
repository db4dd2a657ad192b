import type { Args, Job, JobClass } from "../job/job.js";
import { parseDuration } from "../job/duration.js";
import { ArgumentError } from "./errors.js";
import { isJobClass } from "./filters.js";
import { isAsymmetricMatcher } from "./inspect.js";
import { instantMs, type Instant } from "./instants.js";
import type { AtExpectation, ExpectedCount, JobExpectation } from "./job-matcher.js";
import { checkOptions } from "./options.js";

// The matchers' options object, the TypeScript shape of rspec-rails' chain methods:
// `{ args, check, queue, priority, at, times | atLeast | atMost }` for
// `.with(...)`, `.with { }`, `.on_queue`, `.at_priority`, `.at`, `.exactly / .at_least / .at_most`.

/** A count: a non-negative integer (or its digits), or rspec's :once / :twice / :thrice. */
export type JobCount = number | `${number}` | "once" | "twice" | "thrice";

export interface JobMatchOptions<J extends Job = Job> {
  /**
   * The expected argument list, compared whole with vitest's equality, so asymmetric matchers
   * work (`expect.any(Number)`, `expect.objectContaining({...})`). The expected values first go
   * through Active Job serialization and back, as the job's did. As in rspec-rails, an empty
   * list checks nothing.
   */
  args?: Args<J>;
  /** Called with each matching job's deserialized arguments; expectations inside fail the matcher with their own message. */
  check?: (...args: Args<J>) => unknown;
  queue?: string;
  /** Compared as an integer (`"2"` works); a job without a priority never matches. */
  priority?: number | string;
  /**
   * The scheduled time, compared exactly (a Date, epoch ms or an ISO string); `"noWait"` for
   * jobs enqueued without a time; or an asymmetric matcher applied to the scheduled Date
   * (`expect.toBeCloseToTime(t, 5)`).
   */
  at?: Instant | "noWait";
  /** Exactly this many (the default is exactly 1). */
  times?: JobCount;
  atLeast?: JobCount;
  atMost?: JobCount;
  /**
   * Perform matchers only: each matching execution starts at this offset from the jobs' first
   * enqueue (seconds, or a duration such as "3s" / "+1 minute"), within `tolerance`; as a
   * scenario's `attempts_at`. Without a count option, the count is the number of offsets.
   */
  attemptsAt?: readonly (number | string)[];
  /** For attemptsAt: seconds (or a duration) either side; default 1, a dispatcher's poll. */
  tolerance?: number | string;
}

const KEYS = ["args", "check", "queue", "priority", "at", "times", "atLeast", "atMost", "attemptsAt", "tolerance"] as const;
const DEFAULT_TOLERANCE_MS = 1000;
const COUNT_KEYS = ["times", "atLeast", "atMost"] as const;
const KIND = { times: "exactly", atLeast: "atLeast", atMost: "atMost" } as const;

/** Reads `(jobClass?, options?)` or `(options?)` into an expectation, before the block runs. */
export function readExpectation(matcher: string, action: "enqueue" | "perform", jobOrOptions: unknown, maybeOptions: unknown): JobExpectation {
  let job: JobClass<any> | undefined;
  let options: unknown;
  if (jobOrOptions === undefined || jobOrOptions === null) options = maybeOptions;
  else if (isJobClass(jobOrOptions)) {
    job = jobOrOptions;
    options = maybeOptions;
  } else if (typeof jobOrOptions === "function") {
    throw new ArgumentError(`${matcher}: ${jobOrOptions.name || "this function"} is not a job class (a class extending Job)`);
  } else {
    if (maybeOptions !== undefined) throw new ArgumentError(`${matcher}: expected (JobClass, options) or (options), got two arguments and the first is not a job class`);
    options = jobOrOptions;
  }
  return withOptions(matcher, action, job, options as JobMatchOptions | undefined);
}

export function withOptions(matcher: string, action: "enqueue" | "perform", job: JobClass<any> | undefined, options: JobMatchOptions | undefined): JobExpectation {
  checkOptions(matcher, options, KEYS);
  const o = options ?? {};
  const exp: JobExpectation = { action, count: readCount(matcher, o) };
  if (job !== undefined) exp.job = job;
  if (o.args !== undefined) {
    if (!Array.isArray(o.args)) throw new ArgumentError(`${matcher}: args must be the argument list (an array), got ${typeof o.args}`);
    exp.args = o.args;
  }
  if (o.check !== undefined) {
    if (typeof o.check !== "function") throw new ArgumentError(`${matcher}: check must be a function`);
    exp.check = o.check as JobExpectation["check"];
  }
  if (o.queue !== undefined) exp.queue = String(o.queue);
  if (o.priority !== undefined) exp.priority = toInteger(o.priority);
  if (o.at !== undefined) exp.at = readAt(matcher, o.at);
  if (o.attemptsAt !== undefined || o.tolerance !== undefined) {
    if (action !== "perform") throw new ArgumentError(`${matcher}: attemptsAt and tolerance are for the perform matchers (toHaveBeenPerformed, toHavePerformedJob)`);
    if (o.attemptsAt === undefined) throw new ArgumentError(`${matcher}: tolerance goes with attemptsAt`);
    if (!Array.isArray(o.attemptsAt)) throw new ArgumentError(`${matcher}: attemptsAt must be a list of offsets from the first enqueue, e.g. [0, "3s", "21s"]`);
    const offsetsMs = o.attemptsAt.map((v, i) => durationMs(matcher, `attemptsAt[${i}]`, v));
    const toleranceMs = o.tolerance === undefined ? DEFAULT_TOLERANCE_MS : durationMs(matcher, "tolerance", o.tolerance);
    exp.attempts = { offsetsMs, toleranceMs };
    if (COUNT_KEYS.every((k) => o[k] === undefined)) exp.count = { kind: "exactly", n: offsetsMs.length };
  }
  return exp;
}

// Seconds, or a duration string ("3s", "1 minute"), with an optional leading "+" as in attempts_at.
function durationMs(matcher: string, key: string, value: unknown): number {
  const text = typeof value === "string" ? value.trim().replace(/^\+\s*/, "") : value;
  if (typeof text !== "number" && typeof text !== "string") throw new ArgumentError(`${matcher}: ${key} must be seconds or a duration such as "3s", got ${JSON.stringify(value)}`);
  try {
    const s = parseDuration(text, `${matcher} ${key}`);
    if (s < 0) throw new ArgumentError(`${matcher}: ${key} must not be negative, got ${JSON.stringify(value)}`);
    return Math.round(s * 1000);
  } catch (e) {
    if (e instanceof ArgumentError) throw e;
    throw new ArgumentError(`${matcher}: ${key}: ${(e as Error).message}`);
  }
}

export function readCount(matcher: string, o: JobMatchOptions): ExpectedCount {
  const given = COUNT_KEYS.filter((k) => o[k] !== undefined);
  if (given.length > 1) throw new ArgumentError(`${matcher}: give one of times, atLeast, atMost (got ${given.join(" and ")})`);
  const key = given[0];
  if (key === undefined) return { kind: "exactly", n: 1 };
  return { kind: KIND[key], n: countValue(matcher, key, o[key]) };
}

export function countValue(matcher: string, key: string, value: unknown): number {
  if (value === "once") return 1;
  if (value === "twice") return 2;
  if (value === "thrice") return 3;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) {
    throw new ArgumentError(`${matcher}: ${key} must be a non-negative integer or "once" / "twice" / "thrice", got ${JSON.stringify(value)}`);
  }
  return n;
}

export function readAt(matcher: string, at: unknown): AtExpectation {
  if (at === "noWait") return { kind: "noWait" };
  if (isAsymmetricMatcher(at)) return { kind: "matcher", matcher: at };
  if (at instanceof Date || typeof at === "number" || typeof at === "string") return { kind: "time", ms: instantMs(at, `${matcher} at`) };
  throw new ArgumentError(`${matcher}: at must be a Date, epoch ms, an ISO 8601 string, "noWait" or an asymmetric matcher`);
}

// Ruby's to_i: a number is truncated, a string read up to its first non-digit ("abc" is 0).
function toInteger(v: number | string): number {
  if (typeof v === "number") return Math.trunc(v);
  const n = parseInt(String(v), 10);
  return Number.isNaN(n) ? 0 : n;
}
