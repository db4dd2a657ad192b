import type { JsonValue } from "../job/arguments.js";
import type { Job, JobClass } from "../job/job.js";
import type { JobPayload } from "../job/payload.js";

// One element of enqueued_jobs / performed_jobs, as Rails' test adapter records it
// (active-job.md §7.1): the job's serialized payload plus the class, the stored arguments, the
// queue, the priority and, only for scheduled jobs, `at` in float epoch seconds.

export interface JobEntry extends JobPayload {
  /** The job class (Rails' `:job`); undefined only for a simulation row of a class it does not know. */
  job: JobClass | undefined;
  /** The stored (serialized) arguments, the same value as `arguments`. */
  args: JsonValue[];
  queue: string;
  priority: number | null;
  /** Float epoch seconds; present only when the job was scheduled (enqueue_at). */
  at?: number;
}

/** The entry the test adapter records for a job it is given (`atSeconds` for enqueue_at). */
export function entryOf(job: Job, atSeconds?: number): JobEntry {
  const payload = job.serialize();
  return withPayload(payload, job.constructor as JobClass, atSeconds);
}

/** An entry from a stored payload (a simulation row). */
export function entryFromPayload(payload: JobPayload, cls: JobClass | undefined): JobEntry {
  const at = payload.scheduled_at === null || payload.scheduled_at === undefined ? undefined : Date.parse(payload.scheduled_at) / 1000;
  return withPayload(payload, cls, at);
}

function withPayload(payload: JobPayload, cls: JobClass | undefined, atSeconds: number | undefined): JobEntry {
  const entry: JobEntry = { ...payload, job: cls, args: payload.arguments, queue: payload.queue_name, priority: payload.priority };
  if (atSeconds !== undefined) entry.at = atSeconds;
  return entry;
}

/** The class name to show for an entry. */
export function entryClassName(entry: JobEntry): string {
  return entry.job?.jobClassName ?? entry.job_class;
}
