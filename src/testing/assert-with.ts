import { deserializeArguments, type DeserializeContext } from "../job/arguments.js";
import type { Args, Job, JobClass } from "../job/job.js";
import { entryClassName, type JobEntry } from "./entry.js";
import { rubyEquals } from "./equality.js";
import { AssertionError } from "./errors.js";
import { inspectValue } from "./inspect.js";
import { instantMs, isTimeLike, type Instant } from "./instants.js";
import { isJobClass } from "./filters.js";
import { instantiate } from "./instantiate.js";
import { checkOptions } from "./options.js";
import { performEnqueuedJobs } from "./perform-enqueued.js";
import { rejecting } from "./rejecting.js";
import { requireTestAdapter } from "./world.js";

// assert_enqueued_with / assert_performed_with (active-job.md §7.5): the first recorded job
// matching every expectation given, compared on its deserialized view; `at` within ±1 s.
// Returns the job as an instance.

export interface JobWith<J extends Job = Job> {
  /** The exact class, or a predicate on it (Rails calls any expectation that responds to `call`). */
  job?: JobClass<J> | ((job: JobClass<any>) => unknown);
  /** The whole argument list (deep equality, key order ignored), or a predicate on it. */
  args?: Args<J> | ((args: Args<J>) => unknown);
  /** An instant (matches within one second either side), or a predicate on the scheduled Date (null when unscheduled). */
  at?: Instant | ((at: Date | null) => unknown);
  queue?: string | ((queue: string) => unknown);
  priority?: number | null | ((priority: number | null) => unknown);
}

/** An entry as the assertions compare it: arguments deserialized, `at` a Date. */
export type DeserializedEntry = Omit<JobEntry, "args" | "at"> & { args: unknown[]; at?: Date };

type Block = () => unknown;
const KEYS = ["job", "args", "at", "queue", "priority"] as const;

export function assertEnqueuedWith<J extends Job = Job>(expected: JobWith<J>): J;
export function assertEnqueuedWith<J extends Job = Job>(expected: JobWith<J>, block: Block): Promise<J>;
export function assertEnqueuedWith(expected: JobWith, block?: Block): Job | Promise<Job> {
  if (block !== undefined) return rejecting(() => assertWith("assertEnqueuedWith", "enqueued", expected, block));
  return assertWith("assertEnqueuedWith", "enqueued", expected, block);
}

/** With a block: runs it inside performEnqueuedJobs() and looks only at the jobs performed in it. */
export function assertPerformedWith<J extends Job = Job>(expected: JobWith<J>): J;
export function assertPerformedWith<J extends Job = Job>(expected: JobWith<J>, block: Block): Promise<J>;
export function assertPerformedWith(expected: JobWith, block?: Block): Job | Promise<Job> {
  if (block !== undefined) return rejecting(() => assertWith("assertPerformedWith", "performed", expected, block));
  return assertWith("assertPerformedWith", "performed", expected, block);
}

function assertWith(method: string, what: "enqueued" | "performed", expected: JobWith, block: Block | undefined): Job | Promise<Job> {
  checkOptions(method, expected, KEYS);
  const given = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined && v !== null)) as JobWith;
  const adapter = requireTestAdapter(method).adapter;
  const list = () => (what === "enqueued" ? adapter.enqueuedJobs : adapter.performedJobs);
  const ctx = adapter.deserializeContext();
  if (block === undefined) return find(what, given, list(), ctx);
  return (async () => {
    let jobs: JobEntry[];
    if (what === "enqueued") {
      const original = new Set(list());
      await block();
      jobs = list().filter((e) => !original.has(e));
    } else {
      const start = list().length;
      await performEnqueuedJobs(block);
      jobs = list().slice(start);
    }
    return find(what, given, jobs, ctx);
  })();
}

function find(what: "enqueued" | "performed", expected: JobWith, jobs: readonly JobEntry[], ctx: DeserializeContext): Job {
  const checks = Object.entries(expected).map(([key, value]) => [key, checkFor(key, value)] as const);
  const candidates: { entry: JobEntry; view: DeserializedEntry }[] = [];
  for (const entry of jobs) {
    const view = deserializedView(entry, ctx);
    candidates.push({ entry, view });
    if (checks.every(([key, check]) => check((view as unknown as Record<string, unknown>)[key]))) return instantiate(entry, ctx);
  }
  throw new AssertionError(failureMessage(what, expected, candidates.map((c) => c.view)));
}

function checkFor(key: string, value: unknown): (actual: unknown) => boolean {
  // A job class is a function too: only a function that is not a job class is a predicate.
  if (typeof value === "function" && !isJobClass(value)) return (actual) => Boolean((value as (a: unknown) => unknown)(actual ?? null));
  if (key === "job") return (actual) => actual === value;
  if (key === "queue") return (actual) => actual === String(value);
  if (key === "at" && isTimeLike(value)) {
    const ms = instantMs(value, "at");
    // An unscheduled job never matches a given time.
    return (actual) => actual instanceof Date && actual.getTime() >= ms - 1000 && actual.getTime() <= ms + 1000;
  }
  return (actual) => rubyEquals(value, actual);
}

export function deserializedView(entry: JobEntry, ctx: DeserializeContext): DeserializedEntry {
  const { at, ...rest } = entry;
  const view: DeserializedEntry = { ...rest, args: deserializeArguments(entry.args, ctx) };
  if (at !== undefined) view.at = new Date(Math.round(at * 1000));
  return view;
}

function failureMessage(what: "enqueued" | "performed", expected: JobWith, candidates: DeserializedEntry[]): string {
  let message = `No ${what} job found with ${inspectValue(expected)}`;
  if (candidates.length === 0) return `${message}\n\nNo jobs were ${what}`;
  const sameClass = expected.job === undefined ? candidates : candidates.filter((c) => c.job === expected.job);
  if (sameClass.length === 0) {
    message += `\n\nNo jobs of class ${inspectValue(expected.job)} were ${what}, job classes ${what}: `;
    return message + candidates.map((c) => entryClassName(c as unknown as JobEntry)).join(", ");
  }
  return `${message}\n\nPotential matches: ${sameClass.map((c) => inspectValue(c)).join("\n")}`;
}
