import { Job, type JobClass } from "../job/job.js";
import type { JobEntry } from "./entry.js";
import { instantMs, type Instant } from "./instants.js";

// only / except / queue / at (active-job.md §7.3): a class, a list of classes (exact class
// equality, a subclass does not match), or a function. The function receives the entry when it
// filters recorded lists, and the job instance when the filter is handed to the adapter.

// `any`: the same option receives an entry or a job instance depending on the helper (see above).
export type JobFilterFn = (subject: any) => unknown;
export type JobFilter = JobClass<any> | readonly JobClass<any>[] | JobFilterFn;

export interface FilterOptions {
  only?: JobFilter | null;
  except?: JobFilter | null;
  queue?: string | null;
}

export interface FilterAtOptions extends FilterOptions {
  at?: Instant | null;
}

export function isJobClass(value: unknown): value is JobClass {
  return typeof value === "function" && (value === Job || value.prototype instanceof Job);
}

export function filterMatches<S>(filter: JobFilter, subject: S, classOf: (s: S) => unknown): boolean {
  if (Array.isArray(filter)) return filter.includes(classOf(subject) as JobClass);
  if (isJobClass(filter)) return classOf(subject) === filter;
  return Boolean((filter as JobFilterFn)(subject));
}

/** Rails' jobs_with: only (else except), queue, and `at` keeping unscheduled jobs and those due by then. */
export function entryPasses(entry: JobEntry, options: FilterAtOptions): boolean {
  const classOf = (e: JobEntry) => e.job;
  if (options.only != null) {
    if (!filterMatches(options.only, entry, classOf)) return false;
  } else if (options.except != null) {
    if (filterMatches(options.except, entry, classOf)) return false;
  }
  if (options.queue != null && String(options.queue) !== entry.queue) return false;
  if (options.at != null && entry.at !== undefined && entry.at > instantMs(options.at, "at") / 1000) return false;
  return true;
}
