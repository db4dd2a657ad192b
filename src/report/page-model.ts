import type { TraceEvents } from "../sim/trace.js";
import { executionTable, OUTCOMES, type ExecutionTable, type Outcome } from "./executions.js";
import { failureEvidence } from "./failure-evidence.js";
import { executionWaits, JOB_OUTCOMES, jobGroups } from "./job-groups.js";
import { loadSeries, type LoadSeries } from "./latency-series.js";
import { eventColumns, execColumns, jobColumns, type EventColumns, type ExecColumns, type JobColumns } from "./page-columns.js";
import { processLabels } from "./process-labels.js";
import { queueDepth } from "./queue-depth.js";
import { StringTable } from "../sim/string-table.js";
import type { ExpectationResult, ScenarioResult } from "./types.js";

// The data one scenario's part of index.html is drawn from: columns and a string table
// (page-columns.ts) keep a 100,000-job run to a few megabytes of JSON. Times in the columns are
// ms after `t0`; everything else (span, life, marks, depth) is in epoch ms.

/** Up to this many executions a scenario's bars are DOM elements (`.bar`); above, a canvas. */
export const DOM_BAR_LIMIT = 20_000;
/** Queue-depth points kept per queue for the timeline (1 px of a day is about a minute). */
export const DEPTH_POINTS = 4000;

/**
 * Depth points [t, after, peak] thinned to at most DEPTH_POINTS per queue (the points of one slot
 * merge: the last `after`, the highest `peak`), then stored as [Δt from t0, after, peak].
 */
function compactDepth(points: readonly number[], t0: number, span: number): number[] {
  const slot = points.length / 3 > DEPTH_POINTS ? span / DEPTH_POINTS : 0;
  const kept: number[] = [];
  for (let k = 0; k < points.length; k += 3) {
    const n = kept.length;
    const t = slot === 0 ? points[k]! : t0 + Math.floor((points[k]! - t0) / slot) * slot;
    if (n > 0 && kept[n - 3] === t) {
      kept[n - 2] = points[k + 1]!;
      kept[n - 1] = Math.max(kept[n - 1]!, points[k + 2]!);
    } else kept.push(t, points[k + 1]!, points[k + 2]!);
  }
  let prev = t0;
  for (let k = 0; k < kept.length; k += 3) {
    const t = kept[k]!;
    kept[k] = Math.round(t - prev);
    prev += kept[k]!;
  }
  return kept;
}

export interface PageExpectation extends ExpectationResult {
  /** Executions (indices) that explain a failure (failure-evidence.ts). */
  evidence: number[];
}

export interface PageScenario {
  slug: string;
  /** The trace file written beside the page, if any. */
  traceFile?: string;
  name: string;
  file: string;
  description?: string;
  seed: number;
  start: number;
  timeZone: string;
  passed: boolean;
  error?: string;
  wallMs: number;
  droppedEvents: number;
  expectations: PageExpectation[];
  span: [number, number];
  t0: number;
  str: string[];
  outcomes: readonly Outcome[];
  jobOutcomes: readonly string[];
  counts: number[];
  bars: "dom" | "canvas";
  /** Flat [process, thread, kind, supervisor] per lane (string ids but thread). */
  lanes: number[];
  /** Process name -> how the scenario selects it (worker:0). */
  labels: Record<string, string>;
  x: ExecColumns;
  jobs: JobColumns;
  events: EventColumns;
  /** Per queue: flat [Δt, after, peak] (compactDepth). */
  depth: { q: number; max: number; p: number[] }[];
  /** Flat [Δt, jobId]: when a scheduled job is due. */
  scheduled: number[];
  /** Flat [Δt, jobId]: recurring tasks enqueued. */
  recurring: number[];
  /** Flat [process, from, to, end]: end 0 alive at the end, 1 stopped, 2 died. */
  life: number[];
  /** Flat [t, kind, text]: deaths, pauses, resumes, faults, clock jumps (kind and text string ids). */
  marks: (number | string)[];
  load: LoadSeries;
}

/** One lane per process thread that ran something, processes in the order they started: the
 * lanes, and each execution's lane. */
function laneOrder(r: ScenarioResult, x: ExecutionTable): { lanes: { process: string; thread: number }[]; laneOf: Int32Array } {
  const rank = new Map<string, number>();
  r.processes.forEach((p, i) => rank.set(p.name, i));
  const seen: { process: string; thread: number; order: number }[] = [];
  const seenIndex = new Map<number, Map<number, number>>(); // process name id -> thread -> index in seen
  const seenOf = new Int32Array(x.length);
  let unknown = r.processes.length;
  for (let i = 0; i < x.length; i++) {
    let threads = seenIndex.get(x.process[i]!);
    if (threads === undefined) seenIndex.set(x.process[i]!, (threads = new Map()));
    let k = threads.get(x.thread[i]!);
    if (k === undefined) {
      const process = x.name(x.process[i]!)!;
      if (!rank.has(process)) rank.set(process, unknown++);
      k = seen.length;
      threads.set(x.thread[i]!, k);
      seen.push({ process, thread: x.thread[i]!, order: rank.get(process)! });
    }
    seenOf[i] = k;
  }
  const sorted = seen.map((_, k) => k).sort((a, b) => seen[a]!.order - seen[b]!.order || seen[a]!.thread - seen[b]!.thread);
  const laneOfSeen = new Int32Array(seen.length);
  sorted.forEach((k, lane) => (laneOfSeen[k] = lane));
  for (let i = 0; i < x.length; i++) seenOf[i] = laneOfSeen[seenOf[i]!]!;
  return { lanes: sorted.map((k) => seen[k]!), laneOf: seenOf };
}

function lifetimes(trace: TraceEvents, str: StringTable, end: number): number[] {
  const life = new Map<string, number[]>();
  for (const e of trace) {
    if (e.process === undefined) continue;
    if (e.type === "process_started") life.set(e.process, [str.id(e.process), e.t, end, 0]);
    else if (e.type === "process_stopped" || e.type === "process_died") {
      const l = life.get(e.process);
      if (l !== undefined && l[3] === 0) {
        l[2] = e.t;
        l[3] = e.type === "process_died" ? 2 : 1;
      }
    }
  }
  return [...life.values()].flat();
}

/** What happened to the world, drawn on every time axis: deaths, pauses, faults, clock jumps. */
function worldMarks(trace: TraceEvents, str: StringTable, labels: Map<string, string>): (number | string)[] {
  const out: (number | string)[] = [];
  for (const e of trace) {
    const d = e.data ?? {};
    const who = e.process === undefined ? "" : labels.get(e.process) ?? e.process;
    if (e.type === "process_died") out.push(e.t, str.id("death"), str.id(`${who} died (${d.signal !== undefined ? `signal ${String(d.signal)}` : `exit ${String(d.status ?? "?")}`})`));
    else if (e.type === "paused" || e.type === "resumed") out.push(e.t, str.id(e.type), str.id(`${e.queue ?? ""} ${e.type}`));
    else if (e.type === "fault") out.push(e.t, str.id("fault"), str.id(`fault: ${String(d.kind ?? "?")}${who ? ` on ${who}` : ""}`));
    else if (e.type === "clock_jump") out.push(e.t, str.id("clock_jump"), str.id("clock jump"));
  }
  return out;
}

/** Flat [t, jobId] with each t stored as the difference from the previous one (from t0). */
function deltaTimes(flat: readonly number[], t0: number): number[] {
  const out = [...flat];
  let prev = t0;
  for (let k = 0; k < out.length; k += 2) {
    out[k] = flat[k]! - prev;
    prev = flat[k]!;
  }
  return out;
}

export function buildPageScenario(r: ScenarioResult, slug: string, traceFile?: string): PageScenario {
  const str = new StringTable();
  const execs = executionTable(r.trace);
  let t0 = Number.isFinite(r.start) ? r.start : Infinity;
  let t1 = -Infinity;
  for (const e of r.trace) {
    if (e.t < t0) t0 = e.t;
    if (e.t > t1) t1 = e.t;
  }
  if (t0 === Infinity) t0 = 0;
  t1 = Math.max(t1, t0 + 10);

  const labels = processLabels(r.processes);
  const { lanes, laneOf } = laneOrder(r, execs);
  const kinds = new Map(r.processes.map((p) => [p.name, p] as const));
  const laneList: number[] = [];
  for (const { process, thread } of lanes) {
    const info = kinds.get(process);
    laneList.push(str.id(process), thread, str.id(info?.kind ?? "worker"), str.id(info?.supervisor));
  }
  const jg = jobGroups(r.trace, execs, r.jobs);
  const waits = executionWaits(execs, jg.dueOf);
  const counts = OUTCOMES.map(() => 0);
  for (let i = 0; i < execs.length; i++) counts[execs.outcome[i]!]!++;

  const scheduled: number[] = [];
  const recurring: number[] = [];
  for (const e of r.trace) {
    if (e.type === "scheduled" && typeof e.data?.scheduledAt === "number") scheduled.push(e.data.scheduledAt, e.jobId ?? -1);
    else if (e.type === "recurring_enqueued") recurring.push(e.t, e.jobId ?? -1);
  }
  const depth = queueDepth(r.trace);
  // Failed expectations first: the page reads top-down from what went wrong.
  const expectations = [...r.expectations.filter((e) => !e.passed), ...r.expectations.filter((e) => e.passed)].map((e) => ({ ...e, evidence: failureEvidence(e, execs, waits, jg) }));

  return {
    slug,
    ...(traceFile !== undefined ? { traceFile } : {}),
    name: r.name,
    file: r.file,
    ...(r.description !== undefined ? { description: r.description } : {}),
    seed: r.seed,
    start: r.start,
    timeZone: r.timeZone,
    passed: r.passed,
    ...(r.error !== undefined ? { error: r.error } : {}),
    wallMs: r.wallMs,
    droppedEvents: r.droppedEvents ?? 0,
    expectations,
    span: [t0, t1],
    t0,
    outcomes: OUTCOMES,
    jobOutcomes: JOB_OUTCOMES,
    counts,
    bars: execs.length > DOM_BAR_LIMIT ? "canvas" : "dom",
    lanes: laneList,
    labels: Object.fromEntries(labels),
    x: execColumns(execs, laneOf, waits, jg, str, t0),
    jobs: jobColumns(jg, str, t0),
    events: eventColumns(r.trace, str, t0),
    depth: depth.map((d) => ({ q: str.id(d.queue), max: d.max, p: compactDepth(d.points, t0, t1 - t0) })),
    scheduled: deltaTimes(scheduled, t0),
    recurring: deltaTimes(recurring, t0),
    life: lifetimes(r.trace, str, t1),
    marks: worldMarks(r.trace, str, labels),
    load: loadSeries(execs, waits, depth, [t0, t1]),
    str: str.list,
  };
}
