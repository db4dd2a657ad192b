import { NotImplementedError, type Job, type JobClass } from "../job/job.js";

// Per-class adapters under the test adapter (active-job.md §7.2): a job class that sets its own
// adapter keeps it while ActiveJob::TestHelper is in use. The one a test can meaningfully keep
// is Rails' InlineAdapter (`self.queue_adapter = :inline`), declared here as
// `static queueAdapter = "inline"` (inherited by subclasses). Its semantics (Active Job's
// InlineAdapter): enqueue runs the job at once from its serialized payload (Base.execute), is
// neither recorded in enqueued_jobs nor in performed_jobs, and lets errors reach the caller;
// enqueue_at raises NotImplementedError with the text below.

export const INLINE_ENQUEUE_AT_MESSAGE =
  "Use a queueing backend to enqueue jobs in the future. Read more at https://guides.rubyonrails.org/active_job_basics.html";

const NAMES = ["test", "inline"] as const;

/** True when the job's class declares `static queueAdapter = "inline"`. */
export function usesInlineAdapter(job: Job): boolean {
  const declared = (job.constructor as { queueAdapter?: unknown }).queueAdapter;
  if (declared === undefined || declared === null || declared === "test") return false;
  if (declared === "inline") return true;
  throw new Error(
    `${(job.constructor as JobClass).jobClassName}.queueAdapter must be one of ${NAMES.map((n) => JSON.stringify(n)).join(", ")} under the test adapter, got ${JSON.stringify(declared)}`,
  );
}

/** InlineAdapter#enqueue: Base.execute(job.serialize), on a fresh instance. */
export async function performInline(job: Job): Promise<void> {
  const fresh = (job.constructor as JobClass).deserialize(job.serialize());
  await fresh.performNow();
}

/** InlineAdapter#enqueue_at. */
export function refuseScheduledInline(): never {
  throw new NotImplementedError(INLINE_ENQUEUE_AT_MESSAGE);
}
