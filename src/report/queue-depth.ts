import type { TraceEvent } from "../sim/trace.js";

// Ready executions per queue over time, from the trace alone: `ready` adds a job to its queue,
// `claimed` takes it out, and so does a `discarded` of a job still waiting (an operator's discard).

export interface DepthSeries {
  queue: string;
  max: number;
  /** Flat [t0, depth0, t1, depth1, ...]: the depth from each time on; one point per instant. */
  points: number[];
}

export function queueDepth(trace: readonly TraceEvent[]): DepthSeries[] {
  const waiting = new Map<number, string>(); // job id -> its queue while ready
  const series = new Map<string, DepthSeries & { depth: number }>();
  const bump = (queue: string, t: number, by: number) => {
    let s = series.get(queue);
    if (s === undefined) series.set(queue, (s = { queue, max: 0, points: [], depth: 0 }));
    s.depth += by;
    if (s.depth > s.max) s.max = s.depth;
    const n = s.points.length;
    if (n > 0 && s.points[n - 2] === t) s.points[n - 1] = s.depth;
    else s.points.push(t, s.depth);
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
