import { concurrencyKey } from "../job/concurrency-key.js";
import type { Job } from "../job/job.js";
import type { AnyJobClass, JobRegistry } from "../job/registry.js";
import type { NewJob } from "../store/jobs.js";

// The Active Job adapter's half of an enqueue: the solid_queue_jobs row for a job about to be
// enqueued (spec §1.1). Its class becomes known to the world by name on the way.

export function newJobRow(registry: JobRegistry, job: Job, scheduledAt: number): NewJob {
  const cls = job.constructor as AnyJobClass & { concurrencyOptions?: Parameters<typeof concurrencyKey>[1] };
  registry.add(cls);
  const limits = cls.concurrencyOptions;
  return {
    queueName: job.queueName,
    className: job.className,
    arguments: JSON.stringify(job.serialize()),
    priority: job.priority ?? 0,
    activeJobId: job.jobId,
    scheduledAt,
    concurrencyKey: limits === undefined ? null : concurrencyKey(job.className, limits, job),
  };
}
