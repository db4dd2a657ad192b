import { findJobsByIds } from "../store/jobs.js";
import { deleteScheduledMany, dueScheduled } from "../store/scheduled-executions.js";
import { dispatchJobs } from "./concurrency.js";
import { jobFields } from "./job-ref.js";
import type { EngineRuntime } from "./runtime.js";

// One dispatcher poll (spec §2.3): due scheduled executions in (scheduled_at, priority, job_id)
// order become ready together; limited jobs go through the gate one by one in job id order.
// Returns the number of scheduled executions that ended ready or blocked (0 → sleep a full
// interval, even when the batch held only discarded jobs: a quirk we keep).

export function dispatchNextBatch(rt: EngineRuntime, batchSize: number): number {
  return rt.store.unit(() => {
    const due = dueScheduled(rt.store, batchSize);
    if (due.length === 0) return 0;
    // As Solid Queue's dispatch_jobs: one select of the batch's jobs, one delete of their
    // scheduled rows (Solid Queue deletes after making them ready; the rows are the same).
    const jobs = findJobsByIds(rt.store, due.map((d) => d.jobId));
    deleteScheduledMany(rt.store, jobs.map((j) => j.id));
    for (const j of jobs) rt.trace("dispatched", jobFields(j));
    let moved = 0;
    for (const outcome of dispatchJobs(rt, jobs).values()) if (outcome !== "discarded") moved++;
    // ScheduledExecution.dispatch_next_batch: only for a non-empty batch (spec §9.8).
    rt.instrument("dispatch_scheduled", () => ({ batch_size: batchSize, size: moved }));
    return moved;
  });
}
