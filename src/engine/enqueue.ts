import { insertJob, insertJobs, type NewJob } from "../store/jobs.js";
import { insertScheduled, insertScheduledMany, type ScheduledRow } from "../store/scheduled-executions.js";
import { dispatchJobs, readyOrBlock, type GateOutcome } from "./concurrency.js";
import { jobFields, type JobRef } from "./job-ref.js";
import type { EngineRuntime } from "./runtime.js";

// Enqueueing (spec §2.1, §2.2): a job row, then in the same step a ready / blocked execution
// (due) or a scheduled one (not due).

export type EnqueueOutcome = GateOutcome | "scheduled";

export interface Enqueued {
  id: number;
  outcome: EnqueueOutcome;
}

/** Solid Queue's EnqueueError: "<OriginalErrorClass>: <original message>" (spec §2.1.4). */
export class EnqueueError extends Error {
  constructor(cause: unknown) {
    const e = cause instanceof Error ? cause : new Error(String(cause));
    super(`${e.name}: ${e.message}`, { cause });
    this.name = "EnqueueError";
  }
}

export function enqueueJob(rt: EngineRuntime, job: NewJob): Enqueued {
  try {
    return rt.store.unit(() => {
      const id = insertJob(rt.store, job);
      const ref = refOf(id, job);
      rt.trace("enqueued", jobFields(ref, { data: { scheduledAt: job.scheduledAt } }));
      return { id, outcome: prepare(rt, ref, job.scheduledAt) };
    });
  } catch (e) {
    throw new EnqueueError(e);
  }
}

/** Bulk: one multi-row insert, unlimited due jobs ready in one insert, limited ones gated by id. */
export function enqueueJobs(rt: EngineRuntime, jobs: readonly NewJob[]): Enqueued[] {
  try {
    return rt.store.unit(() => {
      const ids = insertJobs(rt.store, jobs);
      const now = rt.store.now();
      const refs = jobs.map((job, i) => refOf(ids[i]!, job));
      const due: JobRef[] = [];
      const later: ScheduledRow[] = [];
      refs.forEach((ref, i) => {
        const scheduledAt = jobs[i]!.scheduledAt;
        rt.trace("enqueued", jobFields(ref, { data: { scheduledAt } }));
        if (scheduledAt > now) {
          later.push({ jobId: ref.id, queueName: ref.queueName, priority: ref.priority, scheduledAt });
          rt.trace("scheduled", jobFields(ref, { data: { scheduledAt } }));
        } else due.push(ref);
      });
      insertScheduledMany(rt.store, later);
      const outcomes = dispatchJobs(rt, due);
      const results: Enqueued[] = refs.map((ref) => ({ id: ref.id, outcome: outcomes.get(ref.id) ?? "scheduled" }));
      return results;
    });
  } catch (e) {
    throw new EnqueueError(e);
  }
}

/** Due → gate; not due → scheduled. Also used by retries of failed executions. */
export function prepare(rt: EngineRuntime, job: JobRef, scheduledAt: number | null): EnqueueOutcome {
  if (scheduledAt === null || scheduledAt <= rt.store.now()) return readyOrBlock(rt, job);
  insertScheduled(rt.store, job.id, job.queueName, job.priority, scheduledAt);
  rt.trace("scheduled", jobFields(job, { data: { scheduledAt } }));
  return "scheduled";
}

function refOf(id: number, job: NewJob): JobRef {
  return { id, className: job.className, queueName: job.queueName, priority: job.priority, activeJobId: job.activeJobId, concurrencyKey: job.concurrencyKey };
}
