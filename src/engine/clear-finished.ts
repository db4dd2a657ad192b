import { clearFinished } from "../store/jobs.js";
import type { EngineRuntime } from "./runtime.js";

// Clearing finished jobs (spec §8): SolidQueue::Job.clear_finished_in_batches deletes rows with
// finished_at strictly before now - clear_finished_jobs_after, in batches, until a round deletes
// nothing. Recurring tasks run it as the command below.

const CLEAR_FINISHED_COMMAND = /^\s*SolidQueue::Job\.clear_finished_in_batches\b/;

/** The recurring `command:` Solid Queue's default recurring.yml uses to clear finished jobs. */
export function isClearFinishedCommand(command: string): boolean {
  return CLEAR_FINISHED_COMMAND.test(command);
}

export function clearFinishedJobs(rt: EngineRuntime, opts: { batchSize?: number; finishedBefore?: number; className?: string } = {}): number {
  const before = opts.finishedBefore ?? rt.store.now() - rt.settings.clearFinishedJobsAfter;
  const batch = opts.batchSize ?? 500;
  let total = 0;
  for (;;) {
    const n = clearFinished(rt.store, before, batch, opts.className);
    total += n;
    if (n === 0) break;
  }
  if (total > 0) rt.trace("cleared", { data: { count: total, finishedBefore: before } });
  return total;
}
