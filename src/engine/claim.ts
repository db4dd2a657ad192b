import { insertClaimed } from "../store/claimed-executions.js";
import { findJob, type JobRow } from "../store/jobs.js";
import { pausedQueues } from "../store/pauses.js";
import { deleteReady, selectReady } from "../store/ready-executions.js";
import { jobFields } from "./job-ref.js";
import { selectQueues, type QueueEntry } from "./queue-selector.js";
import type { EngineRuntime } from "./runtime.js";

// A worker's claim (spec §2.4): relation by relation, while the limit lasts, take ready rows by
// (priority, job_id), insert their claimed executions and delete the ready rows, one
// transaction per relation.

export function claim(rt: EngineRuntime, entries: readonly QueueEntry[], limit: number, processId: number, processName: string): JobRow[] {
  if (limit <= 0) return [];
  const store = rt.store;
  if (store.readyByQueue.size === 0) return [];
  const paused = store.pausedCount > 0 ? pausedQueues(store) : EMPTY;
  const relations = selectQueues(entries, store.readyByQueue.keys(), paused);
  const claimed: JobRow[] = [];
  for (const queue of relations) {
    if (limit <= 0) break;
    if (queue !== null && store.readyCount(queue) === 0) continue;
    const batch = store.unit(() => {
      const rows = selectReady(store, queue, limit);
      const jobs: JobRow[] = [];
      for (const r of rows) {
        insertClaimed(store, r.jobId, processId);
        deleteReady(store, r.jobId, r.queueName);
        const job = findJob(store, r.jobId);
        if (job !== undefined) jobs.push(job);
      }
      return jobs;
    });
    for (const job of batch) rt.trace("claimed", jobFields(job, { process: processName }));
    claimed.push(...batch);
    limit -= batch.length;
  }
  return claimed;
}

const EMPTY: ReadonlySet<string> = new Set();
