import type { TraceEvent, TraceEvents } from "../sim/trace.js";

// Ready executions per queue over time, from the trace alone: `ready` adds a job to its queue,
// `claimed` takes it out, and so does a `discarded` of a job still waiting (an operator's discard).
// In virtual time a job is often ready and claimed at one instant: the peak within the instant is
// kept beside the depth after it, so such bursts still show.

export interface DepthSeries {
  queue: string;
  max: number;
  /** Flat [t, depthAfter, peak, ...]: one point per instant at which the depth changed. */
  points: number[];
}

export const DEPTH_STRIDE = 3;

export function queueDepth(trace: TraceEvents): DepthSeries[] {
  const waiting = new Map<number, string>(); // job id -> its queue while ready
  const series = new Map<string, DepthSeries & { depth: number }>();
  const bump = (queue: string, t: number, by: number) => {
    let s = series.get(queue);
    if (s === undefined) series.set(queue, (s = { queue, max: 0, points: [], depth: 0 }));
    s.depth += by;
    if (s.depth > s.max) s.max = s.depth;
    const p = s.points;
    const n = p.length;
    if (n > 0 && p[n - 3] === t) {
      p[n - 2] = s.depth;
      if (s.depth > p[n - 1]!) p[n - 1] = s.depth;
    } else p.push(t, s.depth, s.depth);
  };
  for (const e of trace) {
    if (e.jobId === undefined) continue;
    if (e.type === "ready") {
      const queue = e.queue ?? "";
      const before = waiting.get(e.jobId);
      if (before === queue) continue;
      if (before !== undefined) bump(before, e.t, -1);
      waiting.set(e.jobId, queue);
      bump(queue, e.t, 1);
    } else if (e.type === "claimed" || e.type === "discarded") {
      const queue = waiting.get(e.jobId);
      if (queue === undefined) continue;
      waiting.delete(e.jobId);
      bump(queue, e.t, -1);
    }
  }
  return [...series.values()]
    .map(({ queue, max, points }) => ({ queue, max, points }))
    .sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
}
