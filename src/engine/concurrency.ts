import { deleteBlocked, expiredBlockedKeys, insertBlocked, nextBlocked } from "../store/blocked-executions.js";
import { deleteJob, findJob } from "../store/jobs.js";
import { insertReady, insertReadyMany } from "../store/ready-executions.js";
import { deleteExpiredSemaphores, semaphoreSignal, semaphoresFor, semaphoreWait } from "../store/semaphores.js";
import { jobFields, type JobRef } from "./job-ref.js";
import type { EngineRuntime } from "./runtime.js";

// Concurrency controls (spec §3): the gate a due job passes, the signal a finished one sends,
// and the dispatcher's maintenance that frees keys whose holders vanished.

export type GateOutcome = "ready" | "blocked" | "discarded";

/**
 * A due job goes through the gate: ready, blocked, or (on_conflict: discard) its row deleted.
 * A row whose class is gone or has no key bypasses the gate.
 */
export function readyOrBlock(rt: EngineRuntime, job: JobRef): GateOutcome {
  const limits = job.concurrencyKey === null ? undefined : rt.concurrency(job.className);
  if (limits === undefined || job.concurrencyKey === null) {
    insertReady(rt.store, job.id, job.queueName, job.priority);
    rt.trace("ready", jobFields(job));
    return "ready";
  }
  if (semaphoreWait(rt.store, job.concurrencyKey, limits.limit, limits.durationMs)) {
    insertReady(rt.store, job.id, job.queueName, job.priority);
    rt.trace("ready", jobFields(job));
    return "ready";
  }
  if (limits.onConflict === "discard") {
    deleteJob(rt.store, job.id, "discarded_on_conflict");
    rt.trace("discarded_on_conflict", jobFields(job, { data: { concurrencyKey: job.concurrencyKey } }));
    return "discarded";
  }
  insertBlocked(rt.store, job.id, job.queueName, job.priority, job.concurrencyKey, rt.store.now() + limits.durationMs);
  rt.trace("blocked", jobFields(job, { data: { concurrencyKey: job.concurrencyKey } }));
  return "blocked";
}

/**
 * Several due jobs at once (a dispatch batch, a bulk enqueue, retry-all): the unlimited ones
 * become ready in one insert, the limited ones go through the gate one by one in job id order.
 */
export function dispatchJobs(rt: EngineRuntime, jobs: readonly JobRef[]): Map<number, GateOutcome> {
  const outcomes = new Map<number, GateOutcome>();
  const unlimited: JobRef[] = [];
  const limited: JobRef[] = [];
  for (const j of jobs) (j.concurrencyKey !== null && rt.concurrency(j.className) !== undefined ? limited : unlimited).push(j);
  insertReadyMany(rt.store, unlimited.map((j) => ({ jobId: j.id, queueName: j.queueName, priority: j.priority })));
  for (const j of unlimited) {
    rt.trace("ready", jobFields(j));
    outcomes.set(j.id, "ready");
  }
  for (const j of [...limited].sort((a, b) => a.id - b.id)) outcomes.set(j.id, readyOrBlock(rt, j));
  return outcomes;
}

/** After a limited job finished, failed or was discarded while ready: signal, then unblock one. */
export function releaseSlot(rt: EngineRuntime, job: JobRef): void {
  if (job.concurrencyKey === null) return;
  const limits = rt.concurrency(job.className);
  if (limits === undefined) return;
  if (semaphoreSignal(rt.store, job.concurrencyKey, limits.limit, limits.durationMs)) releaseOne(rt, job.concurrencyKey);
}

/** Unblocks the blocked job of `key` with the lowest (priority, job_id), if the gate opens for it. */
export function releaseOne(rt: EngineRuntime, key: string): boolean {
  const blocked = nextBlocked(rt.store, key);
  if (blocked === undefined) return false;
  const row = findJob(rt.store, blocked.jobId);
  if (row === undefined) return false;
  const limits = rt.concurrency(row.className);
  const open = limits === undefined || semaphoreWait(rt.store, key, limits.limit, limits.durationMs);
  // BlockedExecution#release: released false when the semaphore could not be taken (§9.8).
  rt.instrument("release_blocked", () => ({ job_id: row.id, concurrency_key: key, released: open }));
  if (!open) return false;
  deleteBlocked(rt.store, blocked.jobId);
  insertReady(rt.store, blocked.jobId, blocked.queueName, blocked.priority);
  rt.trace("unblocked", jobFields(row, { data: { concurrencyKey: key } }));
  rt.trace("ready", jobFields(row));
  return true;
}

/** Concurrency maintenance (spec §3.6): expire semaphores, then release one job per releasable key. */
export function concurrencyMaintenance(rt: EngineRuntime, batchSize: number): void {
  rt.store.unit(() => deleteExpiredSemaphores(rt.store, batchSize));
  const keys = expiredBlockedKeys(rt.store, batchSize);
  let size = 0;
  if (keys.length > 0) {
    const semaphores = semaphoresFor(rt.store, keys);
    const releasable = [...keys.filter((k) => !semaphores.has(k)), ...keys.filter((k) => (semaphores.get(k)?.value ?? 0) > 0)];
    for (const key of releasable) if (rt.store.unit(() => releaseOne(rt, key))) size++;
  }
  // BlockedExecution.unblock: every maintenance run, size 0 when nothing was released (§9.8).
  rt.instrument("release_many_blocked", () => ({ limit: batchSize, size }));
}
