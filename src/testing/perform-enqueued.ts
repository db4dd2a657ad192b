import { instantMs } from "./instants.js";
import { entryPasses, type FilterAtOptions } from "./filters.js";
import { instantiate } from "./instantiate.js";
import { checkOnlyExcept, checkOptions } from "./options.js";
import { requireTestAdapter, requireWorld } from "./world.js";

// perform_enqueued_jobs (active-job.md §7.6). With a block: perform mode for the block's
// duration, every setting restored afterwards. Without: flush a snapshot of the recorded jobs.

export type PerformOptions = FilterAtOptions;

const KEYS = ["only", "except", "queue", "at"] as const;

export function performEnqueuedJobs(): Promise<number>;
export function performEnqueuedJobs(options: PerformOptions): Promise<number>;
export function performEnqueuedJobs<T>(block: () => T | Promise<T>): Promise<T>;
export function performEnqueuedJobs<T>(options: PerformOptions, block: () => T | Promise<T>): Promise<T>;
export async function performEnqueuedJobs(a?: PerformOptions | (() => unknown), b?: () => unknown): Promise<unknown> {
  const options = typeof a === "function" ? {} : (a ?? {});
  const block = typeof a === "function" ? a : b;
  checkOptions("performEnqueuedJobs", options, KEYS);
  checkOnlyExcept(options);
  return block === undefined ? flush(options) : performDuring(options, block);
}

async function performDuring(options: PerformOptions, block: () => unknown): Promise<unknown> {
  const world = requireWorld("performEnqueuedJobs");
  // On another adapter Rails just runs the block; in a simulation jobs run when time passes.
  if (world.mode !== "testAdapter") return await block();
  const adapter = world.adapter;
  const saved = {
    performEnqueuedJobs: adapter.performEnqueuedJobs,
    performEnqueuedAtJobs: adapter.performEnqueuedAtJobs,
    filter: adapter.filter,
    reject: adapter.reject,
    queue: adapter.queue,
    at: adapter.at,
  };
  try {
    adapter.performEnqueuedJobs = true;
    adapter.performEnqueuedAtJobs = true;
    adapter.filter = options.only ?? null;
    adapter.reject = options.except ?? null;
    adapter.queue = options.queue ?? null;
    adapter.at = options.at == null ? null : instantMs(options.at, "performEnqueuedJobs at") / 1000;
    return await block();
  } finally {
    Object.assign(adapter, saved);
  }
}

// Jobs enqueued while flushing (nested jobs, retries) are recorded, not performed: a second
// call runs them. An error stops the flush; the failing job still counts as performed.
async function flush(options: PerformOptions): Promise<number> {
  const adapter = requireTestAdapter("performEnqueuedJobs (without a block)").adapter;
  const snapshot = adapter.enqueuedJobs.filter((e) => entryPasses(e, options));
  for (const entry of snapshot) {
    const i = adapter.enqueuedJobs.indexOf(entry);
    if (i >= 0) adapter.enqueuedJobs.splice(i, 1);
    adapter.performedJobs.push(entry);
    adapter.times.recordPerform(entry, adapter.now());
    await instantiate(entry).performNow();
  }
  return snapshot.length;
}
