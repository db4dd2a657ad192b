// What a what-if compares, per queue, from one run's trace alone (as reports do):
//   wait        started − due (scenario/latency.ts), nearest-rank p50 / p95 / p99, and max
//   peak depth  the most ready executions waiting at once (report/queue-depth.ts)
//   throughput  executions that succeeded, per hour of the run's virtual time
//   failed      executions that failed (a failed execution row: retries exhausted or none)
//   retried     retry_on re-enqueues
// and, for the page, the p95 wait per time bucket.
import { queueDepth } from "../report/queue-depth.js";
import { executionWaits, statistic } from "../scenario/latency.js";
import type { LatencyStat } from "../scenario/spec.js";
import type { TraceEvent, TraceEvents } from "../sim/trace.js";

export const WAIT_STATS = ["p50", "p95", "p99", "max"] as const satisfies readonly LatencyStat[];
export type WaitStat = (typeof WAIT_STATS)[number];

export interface QueueStats {
  queue: string;
  executions: number;
  /** Milliseconds; NaN when nothing ran on the queue. */
  wait: Record<WaitStat, number>;
  peakDepth: number;
  succeeded: number;
  /** Succeeded executions per virtual hour. */
  throughput: number;
  failed: number;
  retried: number;
  /** [bucket start (epoch ms), p95 wait (ms)] for each bucket in which something started. */
  series: [number, number][];
}

export interface RunStats {
  start: number;
  end: number;
  bucketMs: number;
  queues: QueueStats[];
}

/** Buckets so that a run has at most about this many points per queue on the page. */
const POINTS = 96;

export function runStats(trace: TraceEvents, start: number, end: number): RunStats {
  const span = Math.max(1, end - start);
  const bucketMs = Math.max(60_000, Math.ceil(span / POINTS / 60_000) * 60_000);
  const byQueue = new Map<string, { ms: number[]; t: number[] }>();
  // executionWaits gives each execution's wait; its start is the `started` event it came from.
  const started = trace.filter((e) => e.type === "started" && e.jobId !== undefined);
  const waits = executionWaits(trace);
  let k = 0;
  for (const w of waits) {
    while (k < started.length && started[k]!.jobId !== w.jobId) k++;
    const t = started[k++]?.t ?? start;
    let q = byQueue.get(w.queue);
    if (q === undefined) byQueue.set(w.queue, (q = { ms: [], t: [] }));
    q.ms.push(w.ms);
    q.t.push(t);
  }
  const depth = new Map(queueDepth(trace).map((d) => [d.queue, d.max]));
  const count = (type: TraceEvent["type"]) => {
    const m = new Map<string, number>();
    for (const e of trace) if (e.type === type && e.queue !== undefined) m.set(e.queue, (m.get(e.queue) ?? 0) + 1);
    return m;
  };
  const succeeded = count("succeeded");
  const failed = count("failed");
  const retried = count("retried");
  const names = [...new Set([...byQueue.keys(), ...depth.keys(), ...failed.keys(), ...retried.keys()])].filter((q) => q !== "").sort();
  const hours = span / 3_600_000;
  const queues = names.map((queue): QueueStats => {
    const q = byQueue.get(queue) ?? { ms: [], t: [] };
    const sorted = [...q.ms].sort((a, b) => a - b);
    const wait = Object.fromEntries(WAIT_STATS.map((s) => [s, statistic(sorted, s)])) as Record<WaitStat, number>;
    return {
      queue,
      executions: q.ms.length,
      wait,
      peakDepth: depth.get(queue) ?? 0,
      succeeded: succeeded.get(queue) ?? 0,
      throughput: (succeeded.get(queue) ?? 0) / hours,
      failed: failed.get(queue) ?? 0,
      retried: retried.get(queue) ?? 0,
      series: bucketP95(q.t, q.ms, start, bucketMs),
    };
  });
  return { start, end, bucketMs, queues };
}

function bucketP95(times: readonly number[], ms: readonly number[], start: number, bucketMs: number): [number, number][] {
  const buckets = new Map<number, number[]>();
  times.forEach((t, i) => {
    const b = start + Math.floor((t - start) / bucketMs) * bucketMs;
    let list = buckets.get(b);
    if (list === undefined) buckets.set(b, (list = []));
    list.push(ms[i]!);
  });
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([b, list]) => [b, statistic(list.sort((x, y) => x - y), "p95")]);
}
