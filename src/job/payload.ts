import { serializeArguments, type JsonValue } from "./arguments.js";
import type { Job } from "./job.js";
import { isoTime } from "../store/time.js";

// The hash Active Job's serialize returns (active-job.md §1.1), stored whole in
// solid_queue_jobs.arguments. Times are ISO 8601 with 9 fraction digits.

export interface JobPayload {
  job_class: string;
  job_id: string;
  provider_job_id: number | null;
  queue_name: string;
  priority: number | null;
  arguments: JsonValue[];
  executions: number;
  /** null in payloads written before per-declaration counters existed. */
  exception_executions: Record<string, number> | null;
  locale: string;
  timezone: string;
  enqueued_at: string;
  scheduled_at: string | null;
}

let isoMs = NaN;
let isoText = "";

/** ISO 8601 with 9 fraction digits; a batch of enqueues shares one instant, so the last is kept. */
export function iso9(ms: number): string {
  if (ms !== isoMs) {
    isoText = `${isoTime(ms).slice(0, 23)}000000Z`;
    isoMs = ms;
  }
  return isoText;
}

export function toPayload(job: Job): JobPayload {
  return {
    job_class: job.className,
    job_id: job.jobId,
    provider_job_id: job.providerJobId,
    queue_name: job.queueName,
    priority: job.priority,
    arguments: job.serializedArguments ?? serializeArguments(job.arguments, job.env.serializers()),
    executions: job.executions,
    exception_executions: job.legacyExceptionCounters ? null : job.exceptionExecutions,
    locale: job.locale,
    timezone: job.timezone,
    enqueued_at: iso9(job.env.now()),
    scheduled_at: job.scheduledAt === null ? null : iso9(job.scheduledAt),
  };
}

/** Copies a payload into a fresh instance; arguments stay serialized until perform. */
export function fromPayload(job: Job, p: JobPayload): void {
  job.jobId = p.job_id;
  job.providerJobId = p.provider_job_id;
  job.queueName = p.queue_name;
  job.priority = p.priority;
  job.serializedArguments = p.arguments;
  job.arguments = [];
  job.executions = p.executions;
  job.exceptionExecutions = p.exception_executions ?? {};
  job.legacyExceptionCounters = p.exception_executions == null;
  job.locale = p.locale;
  job.timezone = p.timezone;
  if (p.enqueued_at != null) job.enqueuedAt = Date.parse(p.enqueued_at);
  if (p.scheduled_at != null) job.scheduledAt = Date.parse(p.scheduled_at);
}
