import { blockedRow, deleteBlocked } from "../store/blocked-executions.js";
import { claimExists } from "../store/claimed-executions.js";
import { deleteFailed, failedJobIds } from "../store/failed-executions.js";
import { deleteJob, findJob, updateJobArguments, type JobRow } from "../store/jobs.js";
import { deleteReady, readyInQueue, readyRow } from "../store/ready-executions.js";
import { deleteScheduled } from "../store/scheduled-executions.js";
import { semaphoreSignalBulk } from "../store/semaphores.js";
import { dispatchJobs, releaseSlot } from "./concurrency.js";
import { prepare } from "./enqueue.js";
import { jobFields } from "./job-ref.js";
import type { EngineRuntime } from "./runtime.js";

// What an operator does from Mission Control (spec §2.8, §2.10): retry or discard failed
// executions, discard jobs, clear a queue, one at a time and in bulk.

export class UndiscardableError extends Error {
  override name = "UndiscardableError";
}

/** FailedExecution#retry: reset the counters, prepare the same row again, drop the failure. */
export function retryFailed(rt: EngineRuntime, jobId: number): void {
  const job = findJob(rt.store, jobId);
  if (job === undefined) throw new Error(`no job ${jobId}`);
  rt.store.unit(() => {
    if (!deleteFailed(rt.store, jobId)) throw new Error(`job ${jobId} (${job.className}) has no failed execution to retry`);
    const payload = JSON.parse(job.arguments) as Record<string, unknown>;
    payload.executions = 0;
    payload.exception_executions = {};
    updateJobArguments(rt.store, jobId, JSON.stringify(payload));
    rt.trace("failed_retry", jobFields(job));
    prepare(rt, job, job.scheduledAt);
  });
  rt.instrument("retry", () => ({ job_id: jobId }));
}

/** FailedExecution.retry_all: dispatch the jobs directly (no due check, no counter reset). */
export function retryAllFailed(rt: EngineRuntime, jobIds?: readonly number[]): number {
  const size = rt.store.unit(() => {
    const ids = [...(jobIds ?? failedJobIds(rt.store))].sort((a, b) => a - b);
    const jobs: JobRow[] = [];
    for (const id of ids) {
      const job = findJob(rt.store, id);
      if (job === undefined || !deleteFailed(rt.store, id)) continue;
      rt.trace("failed_retry", jobFields(job));
      jobs.push(job);
    }
    let n = 0;
    for (const outcome of dispatchJobs(rt, jobs).values()) if (outcome !== "discarded") n++;
    return n;
  });
  rt.instrument("retry_all", () => ({ jobs_size: jobIds?.length ?? size, size }));
  return size;
}

/** Job#discard for a ready, scheduled, blocked or failed job; a claimed one cannot be discarded. */
export function discardJob(rt: EngineRuntime, jobId: number): boolean {
  const job = findJob(rt.store, jobId);
  if (job === undefined || job.finishedAt !== null) return false;
  if (claimExists(rt.store, jobId)) throw new UndiscardableError("Can't discard a job in progress");
  let status = "";
  rt.store.unit(() => {
    const ready = readyRow(rt.store, jobId);
    status = executionType(rt, job, ready !== undefined);
    removeExecutions(rt, job);
    deleteJob(rt.store, jobId, "discarded");
    rt.trace("discarded", jobFields(job, { data: { by: "operator" } }));
    // A ready limited job held a slot: give it back and unblock the next one.
    if (ready !== undefined) releaseSlot(rt, job);
  });
  rt.instrument("discard", () => ({ job_id: jobId, status }));
  return true;
}

/** Execution.type: which execution the job has (the discard payload's status). */
function executionType(rt: EngineRuntime, job: JobRow, ready: boolean): string {
  if (ready) return "ready";
  if (blockedRow(rt.store, job.id) !== undefined) return "blocked";
  if (rt.store.db.rows("SELECT 1 FROM solid_queue_failed_executions WHERE job_id = ?", [job.id]).length > 0) return "failed";
  return "scheduled";
}

/** discard_all_from_jobs for failed executions (or every failed one). */
export function discardAllFailed(rt: EngineRuntime, jobIds?: readonly number[]): number {
  const ids = [...(jobIds ?? failedJobIds(rt.store))].sort((a, b) => a - b);
  let n = 0;
  rt.store.unit(() => {
    for (const id of ids) {
      const job = findJob(rt.store, id);
      if (job === undefined || !deleteFailed(rt.store, id)) continue;
      deleteJob(rt.store, id, "discarded");
      rt.trace("discarded", jobFields(job, { data: { by: "operator" } }));
      n++;
    }
  });
  rt.instrument("discard_all", () => ({ jobs_size: jobIds?.length ?? ids.length, status: "failed", size: n }));
  return n;
}

/** Queue#clear: bulk discard of a queue's ready executions, in job id batches. Semaphores of
 * limited jobs are incremented (capped) but nothing is unblocked: that waits for maintenance. */
export function clearQueue(rt: EngineRuntime, queue: string, batchSize = 500): number {
  let total = 0;
  let batches = 0;
  for (;;) {
    const rows = readyInQueue(rt.store, queue, batchSize);
    if (rows.length === 0) {
      // discard_all_in_batches: at least one batch, even for an empty queue (§9.8).
      rt.instrument("discard_all", () => ({ batch_size: batchSize, status: "ready", batches: Math.max(1, batches), size: total }));
      return total;
    }
    batches++;
    rt.store.unit(() => {
      const keys = new Map<string, number>(); // concurrency key -> limit
      for (const r of rows) {
        const job = findJob(rt.store, r.jobId);
        deleteReady(rt.store, r.jobId, r.queueName);
        if (job === undefined) continue;
        const limits = job.concurrencyKey === null ? undefined : rt.concurrency(job.className);
        if (limits !== undefined) keys.set(job.concurrencyKey!, limits.limit);
        deleteJob(rt.store, r.jobId, "discarded");
        rt.trace("discarded", jobFields(job, { data: { by: "queue clear" } }));
      }
      // One increment per key per batch, as Solid Queue's bulk update does.
      for (const [key, limit] of keys) semaphoreSignalBulk(rt.store, key, limit);
    });
    total += rows.length;
  }
}

function removeExecutions(rt: EngineRuntime, job: JobRow): void {
  const ready = readyRow(rt.store, job.id);
  if (ready !== undefined) deleteReady(rt.store, job.id, ready.queueName);
  deleteScheduled(rt.store, job.id);
  if (blockedRow(rt.store, job.id) !== undefined) deleteBlocked(rt.store, job.id);
  deleteFailed(rt.store, job.id);
}
