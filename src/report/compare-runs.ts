import type { TraceEvents } from "../sim/trace.js";
import { ExecutionTable, executionTable, OUTCOMES } from "./executions.js";
import { dueTimes, executionWaits } from "./job-groups.js";
import { bucketWidth, loadSeries, type QueueSeries } from "./latency-series.js";

// `jobsim run --compare <other trace.json>`: this run and another side by side, on time since
// each run's first event (two runs rarely start at the same instant): per queue the waits per
// bucket and over the whole run, and how many executions ended how.

export interface RunSide {
  label: string;
  executions: number;
  /** Executions per outcome, in OUTCOMES order. */
  counts: number[];
  span: number;
  queues: QueueSeries[];
}

export interface RunComparison {
  slug: string;
  bucketMs: number;
  buckets: number;
  a: RunSide;
  b: RunSide;
}

/** A run's executions and waits, and its first instant (its times are read from there). */
function shifted(trace: TraceEvents): { execs: ExecutionTable; waits: number[]; t0: number; span: number } {
  const execs = executionTable(trace);
  const waits = executionWaits(execs, dueTimes(trace));
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const e of trace) {
    if (e.t < t0) t0 = e.t;
    if (e.t > t1) t1 = e.t;
  }
  if (t0 === Infinity) t0 = t1 = 0;
  return { execs, waits, t0, span: Math.max(10, t1 - t0) };
}

export function compareRuns(slug: string, a: { label: string; trace: TraceEvents }, b: { label: string; trace: TraceEvents }): RunComparison {
  const sa = shifted(a.trace);
  const sb = shifted(b.trace);
  const span = Math.max(sa.span, sb.span);
  const bucketMs = bucketWidth(span);
  const side = (label: string, s: ReturnType<typeof shifted>): RunSide => {
    const load = loadSeries(s.execs, s.waits, [], [0, span], s.t0);
    const counts = OUTCOMES.map(() => 0);
    for (let i = 0; i < s.execs.length; i++) counts[s.execs.outcome[i]!]!++;
    return { label, executions: s.execs.length, counts, span: s.span, queues: load.queues };
  };
  const A = side(a.label, sa);
  const B = side(b.label, sb);
  return { slug, bucketMs, buckets: loadSeries(new ExecutionTable(), [], [], [0, span]).buckets, a: A, b: B };
}
