import type { ExecutionTable } from "./executions.js";
import { queueDepth } from "./queue-depth.js";

// Latency and load over time for the page's charts, computed here so the page carries a few
// hundred numbers per queue instead of every execution: per queue and time bucket, the wait of
// the executions that started in it (p50 / p95 / max, nearest rank as scenario/latency.ts) and
// the deepest ready queue; per process, the average number of busy threads.

const STEPS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5];
const TARGET_BUCKETS = 120;

export interface QueueSeries {
  queue: string;
  /** Per bucket: executions started, wait p50, p95, max (ms; -1 none), deepest ready queue. */
  n: number[];
  p50: number[];
  p95: number[];
  max: number[];
  depth: number[];
  /** Over the whole run. */
  total: { n: number; p50: number; p95: number; p99: number; max: number };
}

export interface LoadSeries {
  bucketMs: number;
  /** Start of bucket 0 (a multiple of bucketMs). */
  from: number;
  buckets: number;
  queues: QueueSeries[];
  /** Per process: average busy threads per bucket (2 decimals). */
  busy: { process: string; threads: number; avg: number[] }[];
}

export function bucketWidth(span: number): number {
  return STEPS_MS.find((s) => span / s <= TARGET_BUCKETS) ?? Math.ceil(span / TARGET_BUCKETS);
}

/** Nearest-rank percentile of ascending values (as scenario/latency.ts `statistic`). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return -1;
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

/** `shift`: subtracted from every execution's times (compare-runs.ts puts runs on time since their start). */
export function loadSeries(x: ExecutionTable, waits: readonly number[], depth: ReturnType<typeof queueDepth>, span: [number, number], shift = 0): LoadSeries {
  const bucketMs = bucketWidth(Math.max(1, span[1] - span[0]));
  const from = Math.floor(span[0] / bucketMs) * bucketMs;
  const buckets = Math.max(1, Math.floor((span[1] - from) / bucketMs) + 1);
  const at = (t: number) => Math.min(buckets - 1, Math.max(0, Math.floor((t - from) / bucketMs)));

  const perQueue = new Map<string, { all: number[]; per: number[][] }>();
  const q = (name: string) => {
    let s = perQueue.get(name);
    if (s === undefined) perQueue.set(name, (s = { all: [], per: Array.from({ length: buckets }, () => []) }));
    return s;
  };
  for (let i = 0; i < x.length; i++) {
    const w = waits[i]!;
    if (w < 0) continue;
    const s = q(x.name(x.queue[i]!)!);
    s.all.push(w);
    s.per[at(x.start[i]! - shift)]!.push(w);
  }
  const depthOf = new Map<string, number[]>();
  for (const d of depth) {
    q(d.queue);
    const arr = new Array<number>(buckets).fill(0);
    let level = 0;
    for (let b = 0, k = 0; b < buckets; b++) {
      let m = level; // the depth carried in from before the bucket
      for (; k < d.points.length && at(d.points[k]!) <= b; k += 3) {
        m = Math.max(m, d.points[k + 2]!);
        level = d.points[k + 1]!;
      }
      arr[b] = Math.max(m, level);
    }
    depthOf.set(d.queue, arr);
  }
  const queues: QueueSeries[] = [...perQueue.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([queue, s]) => {
      const all = s.all.sort((a, b) => a - b);
      const series: QueueSeries = { queue, n: [], p50: [], p95: [], max: [], depth: depthOf.get(queue) ?? new Array<number>(buckets).fill(0), total: { n: all.length, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: percentile(all, 100) } };
      for (const list of s.per) {
        list.sort((a, b) => a - b);
        series.n.push(list.length);
        series.p50.push(percentile(list, 50));
        series.p95.push(percentile(list, 95));
        series.max.push(percentile(list, 100));
      }
      return series;
    });

  const busy = new Map<string, { threads: Set<number>; sum: number[] }>();
  for (let i = 0; i < x.length; i++) {
    const process = x.name(x.process[i]!)!;
    const start = x.start[i]! - shift;
    const end = x.end[i]! - shift;
    let b = busy.get(process);
    if (b === undefined) busy.set(process, (b = { threads: new Set(), sum: new Array<number>(buckets).fill(0) }));
    b.threads.add(x.thread[i]!);
    for (let k = at(start), last = at(end); k <= last; k++) {
      const lo = Math.max(start, from + k * bucketMs);
      const hi = Math.min(end, from + (k + 1) * bucketMs);
      if (hi > lo) b.sum[k]! += hi - lo;
    }
  }
  return {
    bucketMs,
    from,
    buckets,
    queues,
    busy: [...busy.entries()].map(([process, b]) => ({ process, threads: b.threads.size, avg: b.sum.map((v) => Math.round((v / bucketMs) * 100) / 100) })),
  };
}
