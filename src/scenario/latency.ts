// Queue latency: for each execution, wait = when it started − when it was due (the row's
// scheduled_at: the enqueue time, or the time a delay / retry wait ends). Read from the trace.
import type { TraceEvent, TraceEvents } from "../sim/trace.js";
import type { LatencyStat } from "./spec.js";

export interface ExecutionWait {
  jobId: number;
  jobClass: string;
  queue: string;
  ms: number;
}

/** `keep`: only executions of that class and queue (a 100,000-job trace need not build a wait
 * for every execution to measure one queue's). */
export function executionWaits(events: TraceEvents, keep?: (jobClass: string, queue: string) => boolean): ExecutionWait[] {
  const due = new Map<number, number>();
  const out: ExecutionWait[] = [];
  for (const e of events) {
    if (e.type === "enqueued" && e.jobId !== undefined) {
      const at = e.data?.scheduledAt;
      due.set(e.jobId, typeof at === "number" ? at : e.t);
    } else if (e.type === "started" && e.jobId !== undefined) {
      const d = due.get(e.jobId);
      const jobClass = e.jobClass ?? "";
      const queue = e.queue ?? "";
      if (d !== undefined && (keep === undefined || keep(jobClass, queue))) out.push({ jobId: e.jobId, jobClass, queue, ms: Math.max(0, e.t - d) });
    }
  }
  return out;
}

/** Nearest-rank percentile (p in 0..100) of ascending values; the mean and the max. */
export function statistic(sorted: readonly number[], stat: LatencyStat): number {
  if (sorted.length === 0) return NaN;
  if (stat === "max") return sorted[sorted.length - 1]!;
  if (stat === "mean") return Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length);
  const p = Number(stat.slice(1));
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
