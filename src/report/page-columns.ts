import type { TraceEvent, TraceEvents } from "../sim/trace.js";
import { delta, packed, type Column } from "./columns.js";
import { displayArgs } from "./display-args.js";
import type { Execution } from "./executions.js";
import { OUTCOMES } from "./executions.js";
import { JOB_OUTCOMES, type JobGroups } from "./job-groups.js";
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

export function execColumns(execs: readonly Execution[], lanes: Map<string, number>, waits: readonly number[], jg: JobGroups, str: StringTable, t0: number): ExecColumns {
  const c = { lane: [] as number[], dur: [] as number[], outcome: [] as number[], nudge: [] as number[], note: [] as number[], wait: [] as number[] };
  const sameInstant = new Map<number, { t: number; n: number }>(); // lane -> executions starting at t so far
  const starts: number[] = [];
  const jobs: number[] = [];
  const groups: number[] = [];
  execs.forEach((x, i) => {
    const lane = lanes.get(`${x.process}\u0000${x.thread}`)!;
    // Jobs that take no virtual time start one after another at the same instant: nudged apart.
    const s = sameInstant.get(lane);
    const nudge = s !== undefined && s.t === x.start ? s.n : 0;
    sameInstant.set(lane, { t: x.start, n: nudge + 1 });
    c.lane.push(lane);
    starts.push(x.start - t0);
    c.dur.push(x.end - x.start);
    c.outcome.push(OUTCOMES.indexOf(x.outcome));
    jobs.push(x.jobId);
    groups.push(jg.groupOf.get(x.activeJobId)!);
    c.nudge.push(nudge);
    c.note.push(str.id(x.note));
    c.wait.push(waits[i]!);
  });
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
  const c = { cls: [] as number[], queue: [] as number[], prio: [] as number[], args: [] as string[], due: [] as number[], outcome: [] as number[], more: [] as number[] };
  const ids: number[] = [];
  const enq: number[] = [];
  let lastEnq = 0;
  jg.groups.forEach((g, i) => {
    ids.push(g.ids[0]!);
    for (const id of g.ids.slice(1)) c.more.push(i, id);
    c.cls.push(str.id(g.className));
    c.queue.push(str.id(g.queue));
    c.prio.push(g.priority);
    c.args.push(displayArgs(g.args, ARGS_LENGTH));
    if (Number.isFinite(g.enqueued)) lastEnq = g.enqueued - t0;
    enq.push(lastEnq);
    c.due.push(Number.isFinite(g.enqueued) && Number.isFinite(g.due) ? g.due - g.enqueued : -1);
    c.outcome.push(JOB_OUTCOMES.indexOf(g.outcome));
  });
  return {
    id: packed(delta(ids)),
    cls: packed(c.cls),
    queue: packed(c.queue),
    prio: packed(c.prio),
    args: c.args,
    enq: packed(delta(enq)),
    due: packed(c.due),
    outcome: packed(c.outcome),
    more: c.more,
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
