import { claimedByProcess, deleteClaimed } from "../store/claimed-executions.js";
import { insertFailed, type FailedError } from "../store/failed-executions.js";
import { deleteJob, findJob, markFinished, type JobRow } from "../store/jobs.js";
import { insertReady } from "../store/ready-executions.js";
import { releaseSlot } from "./concurrency.js";
import { jobFields, type JobRef } from "./job-ref.js";
import type { EngineRuntime } from "./runtime.js";

// How a claimed execution ends (spec §2.5-2.7, §5.6). Finishing and failing happen only while the
// claim still exists; otherwise the job's code ran but nothing is recorded.

/** Finish: finished_at (or delete the row), drop the claim, then signal / unblock. */
export function finishClaimed(rt: EngineRuntime, job: JobRef, processId?: number, fields?: { process?: string; thread?: number }): boolean {
  const done = rt.store.unit(() => {
    if (!deleteClaimed(rt.store, job.id, processId)) return false;
    if (rt.settings.preserveFinishedJobs) markFinished(rt.store, job.id);
    else deleteJob(rt.store, job.id, "finished_not_preserved");
    return true;
  });
  if (!done) {
    rt.trace("lost_result", jobFields(job, { ...fields, data: { outcome: "succeeded" } }));
    return false;
  }
  rt.trace("succeeded", jobFields(job, fields));
  rt.store.unit(() => releaseSlot(rt, job));
  return true;
}

/** Fail: a failed execution with the error's class, message and backtrace; then signal / unblock. */
export function failClaimed(rt: EngineRuntime, job: JobRef, error: FailedError, processId?: number, fields?: { process?: string; thread?: number }): boolean {
  const done = rt.store.unit(() => {
    if (!deleteClaimed(rt.store, job.id, processId)) return false;
    insertFailed(rt.store, job.id, error);
    return true;
  });
  if (!done) {
    rt.trace("lost_result", jobFields(job, { ...fields, data: { outcome: "failed", error: error.exception_class } }));
    return false;
  }
  rt.trace("failed", jobFields(job, { ...fields, data: { error: error.exception_class, message: error.message } }));
  rt.store.unit(() => releaseSlot(rt, job));
  return true;
}

/** Back to ready, bypassing the gate and keeping the slot (shutdown, deregistration). */
export function releaseClaimed(rt: EngineRuntime, job: JobRow, reason: string, processId?: number): void {
  rt.store.unit(() => {
    if (!deleteClaimed(rt.store, job.id)) return;
    insertReady(rt.store, job.id, job.queueName, job.priority);
  });
  rt.instrument("release_claimed", () => ({ job_id: job.id, process_id: processId }));
  rt.trace("released", jobFields(job, { data: { reason } }));
  rt.trace("ready", jobFields(job));
}

export function releaseClaimsOf(rt: EngineRuntime, processId: number, reason: string): number {
  const ids = claimedByProcess(rt.store, processId);
  for (const id of ids) {
    const job = findJob(rt.store, id);
    if (job !== undefined) releaseClaimed(rt, job, reason, processId);
  }
  // ClaimedExecution.release_all: emitted for a worker's destroy even when it held nothing.
  rt.instrument("release_many_claimed", () => ({ size: ids.length }));
  return ids.length;
}

/** Fails every claim of a process with a process error (exit, prune, missing). */
export function failClaimsOf(rt: EngineRuntime, jobIds: readonly number[], error: FailedError, processName?: string): number {
  // ClaimedExecution.fail_all_with (spec §9.8): which processes held them, read before failing.
  const processIds = rt.listening("fail_many_claimed") ? claimingProcesses(rt, jobIds) : [];
  let n = 0;
  for (const id of jobIds) {
    const job = findJob(rt.store, id);
    if (job === undefined) continue;
    if (failClaimed(rt, job, error, undefined, processName === undefined ? undefined : { process: processName })) n++;
  }
  rt.instrument("fail_many_claimed", () => ({ process_ids: processIds, job_ids: [...new Set(jobIds)], size: jobIds.length }));
  return n;
}

function claimingProcesses(rt: EngineRuntime, jobIds: readonly number[]): number[] {
  if (jobIds.length === 0) return [];
  const rows = rt.store.db.rows(`SELECT DISTINCT process_id FROM solid_queue_claimed_executions WHERE job_id IN (${jobIds.map(() => "?").join(",")}) ORDER BY process_id`, [...jobIds]);
  return rows.map((r) => r[0] as number);
}

export function processError(exceptionClass: string, message: string): FailedError {
  return { exception_class: exceptionClass, message, backtrace: [] };
}
