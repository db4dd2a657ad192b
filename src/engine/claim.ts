import { insertClaimedMany } from "../store/claimed-executions.js";
import { findJobsByIds, type JobRow } from "../store/jobs.js";
import { pausedQueues } from "../store/pauses.js";
import { deleteReadyMany, selectReady } from "../store/ready-executions.js";
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
    // As Solid Queue: one select, one multi-row insert of the claims, one delete, one load.
    let candidates: number[] = [];
    const batch = store.unit(() => {
      const rows = selectReady(store, queue, limit);
      const ids = rows.map((r) => r.jobId);
      candidates = ids;
      if (ids.length === 0) return [];
      insertClaimedMany(store, ids, processId);
      deleteReadyMany(store, rows);
      return findJobsByIds(store, ids);
    });
    // ClaimedExecution.claiming: only when the relation had candidates (spec §9.8).
    if (candidates.length > 0) {
      rt.instrument("claim", () => ({ process_id: processId, job_ids: candidates, size: batch.length, claimed_job_ids: batch.map((j) => j.id) }));
    }
    for (const job of batch) rt.trace("claimed", jobFields(job, { process: processName }));
    claimed.push(...batch);
    limit -= batch.length;
  }
  return claimed;
}

const EMPTY: ReadonlySet<string> = new Set();
