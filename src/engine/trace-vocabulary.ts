// The trace vocabulary: the events the engine and the world emit, one per state change, in
// virtual time. The engine writes them through EngineRuntime.trace; sim/trace.ts keeps them;
// reports, matchers and properties read them.

export const TRACE_TYPES = [
  "enqueued", // a job row was inserted (data.scheduledAt when delayed)
  "enqueue_aborted", // a before_enqueue callback halted; no row
  "scheduled", // the row got a scheduled execution
  "ready", // the row got a ready execution (enqueue, dispatch, unblock, release, retry)
  "dispatched", // a scheduled execution became due and left the scheduled table
  "blocked", // the concurrency gate was closed: blocked execution
  "unblocked", // a blocked execution was released to ready
  "discarded_on_conflict", // gate closed with on_conflict: discard; the row was deleted
  "claimed",
  "started", // job code began (one per execution)
  "perform_aborted", // a before_perform callback halted
  "succeeded", // finished: finished_at set or row deleted
  "failed", // failed execution created (data.error)
  "retried", // retry_on re-enqueued the job (data.wait, data.error); the row itself finishes
  "retry_stopped", // retry_on attempts exhausted
  "discarded", // discard_on fired, or a job was discarded by an operator
  "released", // a claimed execution went back to ready (shutdown, deregistration)
  "lost_result", // job code returned after its claim was gone: nothing recorded
  "failed_retry", // an operator retried a failed execution
  "process_started",
  "process_stopping",
  "process_stopped",
  "process_died", // killed / crashed / exited
  "process_pruned",
  "heartbeats_stopped",
  "paused",
  "resumed",
  "recurring_enqueued",
  "recurring_skipped",
  "recurring_error",
  "fault", // an injected fault fired (data.kind)
  "clock_jump",
  "cleared", // finished jobs cleared (data.count)
  "delivered", // the test mailer recorded a message
  "thread_error", // a lifecycle hook raised (Solid Queue reports it to on_thread_error)
  "log", // job code wrote to this.log
] as const;

export type TraceType = (typeof TRACE_TYPES)[number];

export interface TraceEvent {
  t: number; // virtual wall-clock time, epoch ms
  seq: number;
  type: TraceType;
  jobId?: number;
  activeJobId?: string;
  jobClass?: string;
  queue?: string;
  priority?: number;
  process?: string;
  thread?: number;
  data?: Record<string, unknown>;
}

export type TraceFields = Omit<TraceEvent, "t" | "seq" | "type">;
