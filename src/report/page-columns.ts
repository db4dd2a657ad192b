import type { TraceEvent, TraceEvents } from "../sim/trace.js";
import { delta, packed, type Column } from "./columns.js";
import { displayArgs } from "./display-args.js";
import type { ExecutionTable } from "./executions.js";
import type { JobGroups } from "./job-groups.js";
import { displayJson } from "./safe-json.js";
import type { StringTable } from "../sim/string-table.js";

// The page's bulk data as columns (one array per field): executions, Active Jobs, trace events.
// Times are milliseconds after the run's first instant `t0`; columns marked Δ are stored as
// differences from the previous row (columns.ts). The page decodes them in page-script-data.ts.

/** The trace table embeds at most this many events; the full trace is in <slug>.trace.json. */
export const TRACE_ROW_LIMIT = 20_000;
const DETAIL_LENGTH = 300;
const ARGS_LENGTH = 300;

export interface ExecColumns {
  lane: Column;
  /** Δ start */
  start: Column;
  dur: Column;
  outcome: Column;
  /** Δ job row id */
  job: Column;
  /** Δ Active Job (group) index */
  group: Column;
  nudge: Column;
  note: Column;
  /** ms from due to start; -1 unknown */
  wait: Column;
}

export interface JobColumns {
  /** Δ first row id */
  id: Column;
  cls: Column;
  queue: Column;
  prio: Column;
  args: string[];
  /** Δ first enqueue (rows without one repeat the previous value, with due -1) */
  enq: Column;
  /** due - enqueued; -1 unknown */
  due: Column;
  outcome: Column;
  /** Job row ids beyond the first, as [group, id, group, id...] (retry_on re-enqueues). */
  more: number[];
}

export interface EventColumns {
  total: number;
  /** Δ t */
  t: Column;
  /** Δ seq */
  seq: Column;
  type: Column;
  job: Column;
  cls: Column;
  queue: Column;
  process: Column;
  thread: Column;
  detail: string[];
}

/** `laneOf`: each execution's lane (page-model.ts laneOrder). */
export function execColumns(x: ExecutionTable, laneOf: Int32Array, waits: readonly number[], jg: JobGroups, str: StringTable, t0: number): ExecColumns {
  const n = x.length;
  const c = { lane: new Array<number>(n), dur: new Array<number>(n), outcome: new Array<number>(n), nudge: new Array<number>(n), note: new Array<number>(n), wait: new Array<number>(n) };
  const starts = new Array<number>(n);
  const jobs = new Array<number>(n);
  const groups = new Array<number>(n);
  const sameInstant = new Map<number, { t: number; n: number }>(); // lane -> executions starting at t so far
  for (let i = 0; i < n; i++) {
    const lane = laneOf[i]!;
    const start = x.start[i]!;
    // Jobs that take no virtual time start one after another at the same instant: nudged apart.
    const s = sameInstant.get(lane);
    const nudge = s !== undefined && s.t === start ? s.n : 0;
    sameInstant.set(lane, { t: start, n: nudge + 1 });
    c.lane[i] = lane;
    starts[i] = start - t0;
    c.dur[i] = x.end[i]! - start;
    c.outcome[i] = x.outcome[i]!;
    jobs[i] = x.jobId[i]!;
    groups[i] = jg.execGroup[i]!;
    c.nudge[i] = nudge;
    c.note[i] = str.id(x.name(x.note[i]!));
    c.wait[i] = waits[i]!;
  }
  return {
    lane: packed(c.lane),
    start: packed(delta(starts)),
    dur: packed(c.dur),
    outcome: packed(c.outcome),
    job: packed(delta(jobs)),
    group: packed(delta(groups)),
    nudge: packed(c.nudge),
    note: packed(c.note),
    wait: packed(c.wait),
  };
}

export function jobColumns(jg: JobGroups, str: StringTable, t0: number): JobColumns {
  const g = jg.groups;
  const c = { cls: new Array<number>(g.length), queue: new Array<number>(g.length), args: new Array<string>(g.length), due: new Array<number>(g.length) };
  const enq = new Array<number>(g.length);
  let lastEnq = 0;
  for (let i = 0; i < g.length; i++) {
    c.cls[i] = str.id(g.className[i]);
    c.queue[i] = str.id(g.queue[i]);
    c.args[i] = displayArgs(g.args[i], ARGS_LENGTH);
    const enqueued = g.enqueued[i]!;
    if (Number.isFinite(enqueued)) lastEnq = enqueued - t0;
    enq[i] = lastEnq;
    c.due[i] = Number.isFinite(enqueued) && Number.isFinite(g.due[i]) ? g.due[i]! - enqueued : -1;
  }
  return {
    id: packed(delta(g.firstId)),
    cls: packed(c.cls),
    queue: packed(c.queue),
    prio: packed(g.priority),
    args: c.args,
    enq: packed(delta(enq)),
    due: packed(c.due),
    outcome: packed(g.outcome),
    more: g.more,
  };
}

export function eventColumns(trace: TraceEvents, str: StringTable, t0: number): EventColumns {
  const n = Math.min(trace.length, TRACE_ROW_LIMIT);
  const c = { type: [] as number[], job: [] as number[], cls: [] as number[], queue: [] as number[], process: [] as number[], thread: [] as number[], detail: [] as string[] };
  const ts: number[] = [];
  const seqs: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = trace.at(i)!;
    ts.push(e.t - t0);
    seqs.push(e.seq);
    c.type.push(str.id(e.type));
    c.job.push(e.jobId ?? -1);
    c.cls.push(str.id(e.jobClass));
    c.queue.push(str.id(e.queue));
    c.process.push(str.id(e.process));
    c.thread.push(e.thread ?? -1);
    c.detail.push(e.data === undefined ? "" : displayJson(e.data, DETAIL_LENGTH));
  }
  return {
    total: trace.length,
    t: packed(delta(ts)),
    seq: packed(delta(seqs)),
    type: packed(c.type),
    job: packed(c.job),
    cls: packed(c.cls),
    queue: packed(c.queue),
    process: packed(c.process),
    thread: packed(c.thread),
    detail: c.detail,
  };
}
