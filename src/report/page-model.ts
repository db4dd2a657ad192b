import type { TraceEvent } from "../sim/trace.js";
import { deriveExecutions, OUTCOMES, type Execution, type Outcome } from "./executions.js";
import { queueDepth } from "./queue-depth.js";
import { displayJson } from "./safe-json.js";
import { StringTable } from "./string-table.js";
import type { ExpectationResult, ScenarioResult } from "./types.js";

// The data one scenario's part of index.html is drawn from. Flat number arrays with a fixed
// stride and a string table keep a 100,000-job run to a few megabytes of JSON.

/** Up to this many executions a scenario's bars are DOM elements (`.bar`); above, a canvas. */
export const DOM_BAR_LIMIT = 20_000;
/** The trace and jobs tables embed at most this many rows; the full trace is in the JSON file. */
export const TABLE_ROW_LIMIT = 100_000;
const DETAIL_LENGTH = 300;
const ARGS_LENGTH = 500;

/** Columns of `execs`: lane, start, end, outcome, jobId, group, nudge, class, queue, note, priority. */
export const EXEC_STRIDE = 11;
/** Columns of `events.rows`: t, seq, type, jobId, class, queue, process, thread, activeJobId, detail. */
export const EVENT_STRIDE = 10;
/** Columns of `jobs.rows`: id, class, queue, priority, activeJobId, status, args. */
export const JOB_STRIDE = 7;

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
  expectations: ExpectationResult[];
  span: [number, number];
  str: string[];
  outcomes: readonly Outcome[];
  counts: number[];
  bars: "dom" | "canvas";
  /** Flat [process, thread, kind, supervisor] per lane. */
  lanes: number[];
  execs: number[];
  /** activeJobId (string index) of each group of executions. */
  groups: number[];
  depth: { q: number; max: number; p: number[] }[];
  /** Flat [t, jobId]: when a scheduled job is due. */
  scheduled: number[];
  /** Flat [t, jobId]: recurring tasks enqueued. */
  recurring: number[];
  /** Flat [process, from, to, end]: end 0 alive at the end, 1 stopped, 2 died. */
  life: number[];
  events: { total: number; rows: (number | string)[] };
  jobs: { total: number; rows: (number | string)[] };
}

function laneOrder(r: ScenarioResult, execs: readonly Execution[]): Map<string, number> {
  const rank = new Map<string, number>();
  r.processes.forEach((p, i) => rank.set(p.name, i));
  const keys = new Map<string, { process: string; thread: number; order: number }>();
  let unknown = r.processes.length;
  for (const x of execs) {
    const key = `${x.process}\u0000${x.thread}`;
    if (keys.has(key)) continue;
    if (!rank.has(x.process)) rank.set(x.process, unknown++);
    keys.set(key, { process: x.process, thread: x.thread, order: rank.get(x.process)! });
  }
  const sorted = [...keys.entries()].sort(([, a], [, b]) => a.order - b.order || a.thread - b.thread);
  return new Map(sorted.map(([key], i) => [key, i]));
}

function eventRows(trace: readonly TraceEvent[], str: StringTable): (number | string)[] {
  const n = Math.min(trace.length, TABLE_ROW_LIMIT);
  const rows: (number | string)[] = new Array(n * EVENT_STRIDE);
  for (let i = 0, o = 0; i < n; i++, o += EVENT_STRIDE) {
    const e = trace[i]!;
    rows[o] = e.t;
    rows[o + 1] = e.seq;
    rows[o + 2] = str.id(e.type);
    rows[o + 3] = e.jobId ?? -1;
    rows[o + 4] = str.id(e.jobClass);
    rows[o + 5] = str.id(e.queue);
    rows[o + 6] = str.id(e.process);
    rows[o + 7] = e.thread ?? -1;
    rows[o + 8] = str.id(e.activeJobId);
    rows[o + 9] = e.data === undefined ? "" : displayJson(e.data, DETAIL_LENGTH);
  }
  return rows;
}

function jobRows(r: ScenarioResult, str: StringTable): (number | string)[] {
  const n = Math.min(r.jobs.length, TABLE_ROW_LIMIT);
  const rows: (number | string)[] = new Array(n * JOB_STRIDE);
  for (let i = 0, o = 0; i < n; i++, o += JOB_STRIDE) {
    const j = r.jobs[i]!;
    rows[o] = j.id;
    rows[o + 1] = str.id(j.className);
    rows[o + 2] = str.id(j.queue);
    rows[o + 3] = j.priority;
    rows[o + 4] = str.id(j.activeJobId);
    rows[o + 5] = str.id(j.status);
    rows[o + 6] = displayJson(j.args, ARGS_LENGTH);
  }
  return rows;
}

function lifetimes(r: ScenarioResult, str: StringTable, end: number): number[] {
  const life = new Map<string, number[]>();
  for (const e of r.trace) {
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

export function buildPageScenario(r: ScenarioResult, slug: string, traceFile?: string): PageScenario {
  const str = new StringTable();
  const execs = deriveExecutions(r.trace);
  let t0 = Number.isFinite(r.start) ? r.start : Infinity;
  let t1 = -Infinity;
  for (const e of r.trace) {
    if (e.t < t0) t0 = e.t;
    if (e.t > t1) t1 = e.t;
  }
  if (t0 === Infinity) t0 = 0;
  t1 = Math.max(t1, t0 + 10);

  const lanes = laneOrder(r, execs);
  const kinds = new Map(r.processes.map((p) => [p.name, p] as const));
  const laneList: number[] = [];
  for (const key of lanes.keys()) {
    const [process, thread] = key.split("\u0000") as [string, string];
    const info = kinds.get(process);
    laneList.push(str.id(process), Number(thread), str.id(info?.kind ?? "worker"), str.id(info?.supervisor));
  }

  const groupOf = new Map<string, number>();
  const groups: number[] = [];
  const counts = OUTCOMES.map(() => 0);
  const sameInstant = new Map<number, { t: number; n: number }>(); // lane -> executions starting at t so far
  const flat: number[] = new Array(execs.length * EXEC_STRIDE);
  execs.forEach((x, i) => {
    const lane = lanes.get(`${x.process}\u0000${x.thread}`)!;
    let g = groupOf.get(x.activeJobId);
    if (g === undefined) {
      g = groups.length;
      groups.push(str.id(x.activeJobId));
      groupOf.set(x.activeJobId, g);
    }
    // Jobs that take no virtual time start one after another at the same instant: nudged apart.
    const s = sameInstant.get(lane);
    const nudge = s !== undefined && s.t === x.start ? s.n : 0;
    sameInstant.set(lane, { t: x.start, n: nudge + 1 });
    const outcome = OUTCOMES.indexOf(x.outcome);
    counts[outcome]!++;
    const o = i * EXEC_STRIDE;
    flat[o] = lane;
    flat[o + 1] = x.start;
    flat[o + 2] = x.end;
    flat[o + 3] = outcome;
    flat[o + 4] = x.jobId;
    flat[o + 5] = g;
    flat[o + 6] = nudge;
    flat[o + 7] = str.id(x.className);
    flat[o + 8] = str.id(x.queue);
    flat[o + 9] = str.id(x.note);
    flat[o + 10] = x.priority;
  });

  const scheduled: number[] = [];
  const recurring: number[] = [];
  for (const e of r.trace) {
    if (e.type === "scheduled" && typeof e.data?.scheduledAt === "number") scheduled.push(e.data.scheduledAt, e.jobId ?? -1);
    else if (e.type === "recurring_enqueued") recurring.push(e.t, e.jobId ?? -1);
  }

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
    expectations: r.expectations.map((e) => ({ name: e.name, passed: e.passed, ...(e.message !== undefined ? { message: e.message } : {}) })),
    span: [t0, t1],
    outcomes: OUTCOMES,
    counts,
    bars: execs.length > DOM_BAR_LIMIT ? "canvas" : "dom",
    lanes: laneList,
    execs: flat,
    groups,
    depth: queueDepth(r.trace).map((d) => ({ q: str.id(d.queue), max: d.max, p: d.points })),
    scheduled,
    recurring,
    life: lifetimes(r, str, t1),
    events: { total: r.trace.length, rows: eventRows(r.trace, str) },
    jobs: { total: r.jobs.length, rows: jobRows(r, str) },
    str: str.list,
  };
}
