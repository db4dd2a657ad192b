import type { JobClass } from "../job/job.js";
import { entryClassName, type JobEntry } from "./entry.js";
import { formatTime, inspectValue } from "./inspect.js";

// rspec-rails' job matchers (active-job.md §8.3, §8.5, §8.7), free of vitest: which entries
// match, whether the count is right, and the failure messages in rspec-rails' shape.

export type CountKind = "exactly" | "atLeast" | "atMost";

export interface ExpectedCount {
  kind: CountKind;
  n: number;
}

export type AtExpectation =
  | { kind: "noWait" }
  | { kind: "time"; ms: number }
  | { kind: "matcher"; matcher: { asymmetricMatch(other: unknown): boolean } };

export interface JobExpectation {
  action: "enqueue" | "perform";
  job?: JobClass<any>;
  /** Expected arguments; an empty list checks nothing (rspec's `with()` with no arguments). */
  args?: unknown[];
  /** Called with each matching job's deserialized arguments (rspec's `with { |*args| }`). */
  check?: (...args: any[]) => unknown;
  queue?: string;
  priority?: number;
  at?: AtExpectation;
  /** When the matching executions started: offsets from the first enqueue (a scenario's attempts_at). */
  attempts?: AttemptsExpectation;
  count: ExpectedCount;
}

export interface AttemptsExpectation {
  offsetsMs: number[];
  toleranceMs: number;
}

export interface MatchTools {
  /** Deep equality honouring asymmetric matchers (vitest's `equals`). */
  equals(actual: unknown, expected: unknown): boolean;
  /** The entry's arguments deserialized, or the stored ones when that fails. */
  deserialize(entry: JobEntry): unknown[];
  /** Expected arguments through a serialize / deserialize round trip, or as given when they cannot be serialized. */
  roundTrip(args: unknown[]): unknown[];
  warn(message: string): void;
  /** rspec-rails' perform signature check: the failure message for these arguments, or undefined. */
  signatureMismatch?(job: JobClass<any>, args: unknown[]): string | undefined;
  /** Epoch ms at which a performed entry started, and of an Active Job id's first enqueue. */
  performedAt?(entry: JobEntry): number | undefined;
  firstEnqueuedAt?(jobId: string): number | undefined;
}

export interface MatchOutcome {
  pass: boolean;
  count: number;
  matching: JobEntry[];
  unmatching: JobEntry[];
  message(): string;
  negatedMessage(): string;
}

export const PRECISION_WARNING = [
  "[jobsim] The expected `at` time matches the job's scheduled time only once its milliseconds",
  "are dropped: a precision error. travelTo() and travel() drop milliseconds, as Rails' travel_to",
  "drops microseconds, so `wait:` times computed under them are whole seconds, while a time taken",
  "from Date.now() or new Date() elsewhere may carry milliseconds.",
  "",
  "Drop the milliseconds from the expected time, e.g. new Date(Math.floor(t / 1000) * 1000).",
  "",
  "jobsim cannot do this for you: a job may be scheduled with milliseconds on purpose.",
].join("\n");

export function matchJobs(exp: JobExpectation, entries: readonly JobEntry[], tools: MatchTools): MatchOutcome {
  const expectedArgs = exp.args !== undefined && exp.args.length > 0 ? tools.roundTrip(exp.args) : undefined;
  const argsCache = new Map<JobEntry, unknown[]>();
  const argsOf = (e: JobEntry) => {
    let a = argsCache.get(e);
    if (a === undefined) {
      a = tools.deserialize(e);
      argsCache.set(e, a);
    }
    return a;
  };
  const matching: JobEntry[] = [];
  const unmatching: JobEntry[] = [];
  for (const entry of entries) {
    if (constraintsHold(exp, entry, expectedArgs, argsOf, tools)) {
      exp.check?.(...argsOf(entry));
      matching.push(entry);
    } else unmatching.push(entry);
  }
  const count = matching.length;
  const { kind, n } = exp.count;
  // §8.3 step 3: a matching job whose arguments do not fit its perform fails the match, and
  // that message replaces the whole positive one.
  const mismatch = firstMismatch(matching, argsOf, tools);
  const attempts = exp.attempts === undefined ? undefined : attemptTimes(exp.attempts, matching, tools);
  const pass =
    mismatch === undefined &&
    (kind === "exactly" ? count === n : kind === "atLeast" ? count >= n : count <= n) &&
    (attempts?.close ?? true);
  const base = () => baseMessage(exp, count) + (attempts === undefined ? "" : `, starting at ${offsets(attempts.actual)} from the first enqueue`);
  return {
    pass,
    count,
    matching,
    unmatching,
    message: () => {
      if (mismatch !== undefined) return mismatch;
      let msg = `expected to ${exp.action} ${base()}`;
      if (unmatching.length > 0) {
        msg += "\nQueued jobs:";
        for (const e of unmatching) msg += `\n  ${jobLine(e, argsOf)}`;
      }
      return msg;
    },
    negatedMessage: () => `expected not to ${exp.action} ${base()}`,
  };
}

function firstMismatch(matching: JobEntry[], argsOf: (e: JobEntry) => unknown[], tools: MatchTools): string | undefined {
  if (tools.signatureMismatch === undefined) return undefined;
  for (const entry of matching) {
    const message = entry.job === undefined ? undefined : tools.signatureMismatch(entry.job, argsOf(entry));
    if (message !== undefined) return message;
  }
  return undefined;
}

// The same order as rspec-rails: class, arguments, queue, time, priority.
function constraintsHold(
  exp: JobExpectation,
  entry: JobEntry,
  expectedArgs: unknown[] | undefined,
  argsOf: (e: JobEntry) => unknown[],
  tools: MatchTools,
): boolean {
  if (exp.job !== undefined && exp.job !== entry.job) return false;
  if (expectedArgs !== undefined && !tools.equals(argsOf(entry), expectedArgs)) return false;
  if (exp.queue !== undefined && exp.queue !== entry.queue) return false;
  if (exp.at !== undefined && !atMatches(exp.at, entry, tools)) return false;
  if (exp.priority !== undefined && exp.priority !== entry.priority) return false;
  return true;
}

export function atMatches(at: AtExpectation, entry: JobEntry, tools: MatchTools): boolean {
  if (at.kind === "noWait") return entry.at === undefined;
  if (entry.at === undefined) return false;
  const scheduledMs = Math.round(entry.at * 1000);
  if (at.kind === "matcher") return at.matcher.asymmetricMatch(new Date(scheduledMs));
  // Exact equality of float epoch seconds, as rspec compares Time.at(t.to_f) with Time.at(at).
  if (at.ms / 1000 === entry.at) return true;
  if (at.ms % 1000 !== 0 && Math.floor(at.ms / 1000) === entry.at) tools.warn(PRECISION_WARNING);
  return false;
}

const MODIFIER: Record<CountKind, string> = { exactly: "exactly", atLeast: "at least", atMost: "at most" };
const PAST = { enqueue: "enqueued", perform: "performed" } as const;

function baseMessage(exp: JobExpectation, count: number): string {
  let msg = `${MODIFIER[exp.count.kind]} ${exp.count.n} jobs,`;
  if (exp.args !== undefined && exp.args.length > 0) msg += ` with ${inspectValue(exp.args)},`;
  if (exp.queue !== undefined) msg += ` on queue ${exp.queue},`;
  if (exp.at !== undefined) msg += ` at ${inspectAt(exp.at)},`;
  if (exp.priority !== undefined) msg += ` with priority ${exp.priority},`;
  if (exp.attempts !== undefined) msg += ` starting at ${offsets(exp.attempts.offsetsMs)} (±${seconds(exp.attempts.toleranceMs)}) from the first enqueue,`;
  return `${msg} but ${PAST[exp.action]} ${count}`;
}

export function inspectAt(at: AtExpectation): string {
  if (at.kind === "noWait") return "noWait";
  if (at.kind === "time") return formatTime(at.ms, true);
  return inspectValue(at.matcher);
}

function jobLine(entry: JobEntry, argsOf: (e: JobEntry) => unknown[]): string {
  const parts: string[] = [];
  if (entry.args.length > 0) parts.push(`with ${inspectValue(argsOf(entry))}`);
  parts.push(`on queue ${entry.queue}`);
  if (entry.at !== undefined) parts.push(`at ${formatTime(Math.round(entry.at * 1000))}`);
  parts.push(entry.priority !== null ? `with priority ${entry.priority}` : "with no priority specified");
  return `${entryClassName(entry)} job ${parts.join(", ")}`;
}

// The executions' start times as offsets from the first enqueue of the jobs they belong to,
// in start order; close when there are as many as expected and each is within the tolerance.
function attemptTimes(a: AttemptsExpectation, matching: readonly JobEntry[], tools: MatchTools): { actual: number[]; close: boolean } {
  const starts = matching.map((e) => tools.performedAt?.(e)).filter((t): t is number => t !== undefined);
  const enqueues = matching.map((e) => tools.firstEnqueuedAt?.(e.job_id)).filter((t): t is number => t !== undefined);
  const base = enqueues.length > 0 ? Math.min(...enqueues) : Math.min(...starts);
  const actual = starts.sort((x, y) => x - y).map((t) => t - base);
  const close = actual.length === a.offsetsMs.length && actual.every((t, i) => Math.abs(t - a.offsetsMs[i]!) <= a.toleranceMs);
  return { actual, close };
}

function offsets(ms: readonly number[]): string {
  return ms.length === 0 ? "none" : ms.map((t) => `+${seconds(t)}`).join(", ");
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}
