// Active Job's QueuePriority concern (active-job.md §2.2): queue_with_priority and the default.
//
// - default_priority is a module attribute (mattr_accessor), nil unless set: one value for every
//   job class, read lazily per job (Rails' class default is `-> { self.class.default_priority }`).
// - queue_with_priority stores a value as given, or a function run per job (job as `this`) the
//   first time its priority is read; set({ priority }) cuts to an integer (to_i) instead.
// - jobsim refuses what is not an integer where Rails would pass it on unchecked ("high" would
//   reach Solid Queue's integer column as 0); docs/fidelity.md says so.
import { nearest, own } from "./class-settings.js";
import { ArgumentError } from "./errors.js";
import { show, toInteger } from "./options.js";

export type PriorityBlock = (job: any) => number | null | undefined;

let defaultPriority: number | null = null;

export function getDefaultPriority(): number | null {
  return defaultPriority;
}

export function setDefaultPriority(p: number | null): void {
  defaultPriority = p === null || p === undefined ? null : checkedPriority("defaultPriority", p);
}

/** queue_with_priority: an integer, null (none), or a function run per job. */
export function declarePriority(cls: object, priority: unknown): void {
  if (typeof priority === "function") own(cls).priority = priority as never;
  else own(cls).priority = priority === null || priority === undefined ? null : checkedPriority("queueWithPriority", priority);
}

/** The job instance's priority, resolved the first time it is read. */
export function resolvePriority(job: object): number | null {
  const spec = nearest(job.constructor, "priority");
  if (typeof spec === "function") {
    const v = (spec as PriorityBlock).call(job, job);
    return v ?? null;
  }
  return spec === undefined ? defaultPriority : spec;
}

/** An integer (or an integer string, cut as to_i); anything else is an ArgumentError. */
export function checkedPriority(method: string, p: unknown): number {
  const n = toInteger(p);
  if (n === undefined || (typeof p === "number" && !Number.isInteger(p) && method !== "set")) {
    throw new ArgumentError(`${method}: priority must be an integer (or an integer string such as "7"), got ${show(p)}`);
  }
  return n;
}
