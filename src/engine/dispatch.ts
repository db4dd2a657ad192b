import { findJob } from "../store/jobs.js";
import { insertReadyMany, type ReadyRow } from "../store/ready-executions.js";
import { deleteScheduled, dueScheduled } from "../store/scheduled-executions.js";
import { readyOrBlock } from "./concurrency.js";
import { jobFields, type JobRef } from "./job-ref.js";
import type { EngineRuntime } from "./runtime.js";
import type { JobRow } from "../store/jobs.js";

// One dispatcher poll (spec §2.3): due scheduled executions in (scheduled_at, priority, job_id)
// order become ready together; limited jobs go through the gate one by one in job id order.
// Returns the number of scheduled executions that ended ready or blocked (0 → sleep a full
// interval, even when the batch held only discarded jobs: a quirk we keep).

export function dispatchNextBatch(rt: EngineRuntime, batchSize: number): number {
  return rt.store.unit(() => {
    const due = dueScheduled(rt.store, batchSize);
    if (due.length === 0) return 0;
    const jobs = due.map((d) => findJob(rt.store, d.jobId)).filter((j): j is JobRow => j !== undefined);
    const unlimited: JobRow[] = [];
    const limited: JobRow[] = [];
    for (const j of jobs) (j.concurrencyKey !== null && rt.concurrency(j.className) !== undefined ? limited : unlimited).push(j);
    let moved = 0;
    for (const j of unlimited) {
      deleteScheduled(rt.store, j.id);
      rt.trace("dispatched", jobFields(j));
    }
    const rows: ReadyRow[] = unlimited.map((j) => ({ jobId: j.id, queueName: j.queueName, priority: j.priority }));
    insertReadyMany(rt.store, rows);
    for (const j of unlimited) rt.trace("ready", jobFields(j));
    moved += unlimited.length;
    limited.sort((a, b) => a.id - b.id);
    for (const j of limited) {
      const ref: JobRef = j;
      rt.trace("dispatched", jobFields(ref));
      deleteScheduled(rt.store, j.id);
      const outcome = readyOrBlock(rt, ref);
      if (outcome !== "discarded") moved++;
    }
    return moved;
  });
}
