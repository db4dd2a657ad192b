import type { JobEntry } from "./entry.js";

// When each recorded entry happened, for `attemptsAt` (offsets of executions from the job's
// first enqueue, as a scenario's `attempts_at` reads them). Entries are kept by identity; the
// first enqueue by Active Job id, so a retry (a new entry, the same job_id) counts from the
// original enqueue.

export class JobTimes {
  private readonly performed = new WeakMap<JobEntry, number>();
  private readonly firstEnqueue = new Map<string, number>();

  recordEnqueue(entry: JobEntry, ms: number): void {
    if (!this.firstEnqueue.has(entry.job_id)) this.firstEnqueue.set(entry.job_id, ms);
  }

  recordPerform(entry: JobEntry, ms: number): void {
    this.performed.set(entry, ms);
  }

  /** Epoch ms at which the entry was performed (its execution started). */
  performedAt(entry: JobEntry): number | undefined {
    return this.performed.get(entry);
  }

  /** Epoch ms of the first enqueue of the Active Job id. */
  firstEnqueuedAt(jobId: string): number | undefined {
    return this.firstEnqueue.get(jobId);
  }
}
