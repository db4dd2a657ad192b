import type { TraceFields } from "./trace-vocabulary.js";

/** The parts of a job row the engine carries between steps. */
export interface JobRef {
  id: number;
  className: string;
  queueName: string;
  priority: number;
  activeJobId: string;
  concurrencyKey: string | null;
}

export function jobFields(job: JobRef, extra?: TraceFields): TraceFields {
  return { jobId: job.id, activeJobId: job.activeJobId, jobClass: job.className, queue: job.queueName, priority: job.priority, ...extra };
}
