import type { TraceEvent, TraceEvents } from "../sim/trace.js";
import { StringTable } from "../sim/string-table.js";
import { grown } from "../sim/typed-columns.js";

// Executions read from the trace: one per `started` event, from that event to whatever ended it.
// A retry_on or discard_on that handles the error still finishes the row as `succeeded`; the
// `retried` / `discarded` notice in between tells which it really was.
//
// They are held in columns (ExecutionTable): an Execution object with its strings and boxed
// times costs ~200 bytes, and the page of a 100,000-job run reads 100,000 of them; in columns
// one is ~60 bytes, and V8 sizes its heap at a multiple of what stays alive
// (docs/performance.md). `deriveExecutions` gives them as objects.

export type Outcome = "succeeded" | "failed" | "retried" | "discarded" | "killed" | "lost" | "running";
export const OUTCOMES: readonly Outcome[] = ["succeeded", "failed", "retried", "discarded", "killed", "lost", "running"];
const RUNNING = OUTCOMES.indexOf("running");
const KILLED = OUTCOMES.indexOf("killed");

export interface Execution {
  jobId: number;
  activeJobId: string;
  className: string;
  queue: string;
  priority: number;
  process: string;
  thread: number;
  start: number;
  /** When it ended; for `running` the end of the trace. */
  end: number;
  startSeq: number;
  outcome: Outcome;
  /** Error, retry wait, or why it ended, when there is one. */
  note?: string;
}

export const UNKNOWN_PROCESS = "(no process)";

/** Executions in trace order, in columns; names are ids into `names` (-1: none). */
export class ExecutionTable {
  length = 0;
  readonly names = new StringTable();
  jobId = new Float64Array(256);
  start = new Float64Array(256);
  end = new Float64Array(256);
  startSeq = new Float64Array(256);
  priority = new Float64Array(256);
  thread = new Int32Array(256);
  /** Index into OUTCOMES. */
  outcome = new Uint8Array(256);
  activeJobId = new Int32Array(256);
  className = new Int32Array(256);
  queue = new Int32Array(256);
  process = new Int32Array(256);
  note = new Int32Array(256);

  name(id: number): string | undefined {
    return id < 0 ? undefined : this.names.list[id];
  }

  outcomeOf(i: number): Outcome {
    return OUTCOMES[this.outcome[i]!]!;
  }

  /** Execution `i` as an object. */
  get(i: number): Execution {
    const x: Execution = {
      jobId: this.jobId[i]!,
      activeJobId: this.name(this.activeJobId[i]!)!,
      className: this.name(this.className[i]!)!,
      queue: this.name(this.queue[i]!)!,
      priority: this.priority[i]!,
      process: this.name(this.process[i]!)!,
      thread: this.thread[i]!,
      start: this.start[i]!,
      end: this.end[i]!,
      startSeq: this.startSeq[i]!,
      outcome: this.outcomeOf(i),
    };
    const note = this.name(this.note[i]!);
    if (note !== undefined) x.note = note;
    return x;
  }

  /** Appends the execution a `started` event opens; its index. */
  open(e: TraceEvent): number {
    if (this.length === this.jobId.length) this.grow();
    const i = this.length++;
    this.jobId[i] = e.jobId ?? -1;
    this.activeJobId[i] = this.names.id(e.activeJobId ?? "");
    this.className[i] = this.names.id(e.jobClass ?? "");
    this.queue[i] = this.names.id(e.queue ?? "");
    this.priority[i] = e.priority ?? 0;
    this.process[i] = this.names.id(e.process ?? UNKNOWN_PROCESS);
    this.thread[i] = e.thread ?? 0;
    this.start[i] = e.t;
    this.end[i] = e.t;
    this.startSeq[i] = e.seq;
    this.outcome[i] = RUNNING;
    this.note[i] = -1;
    return i;
  }

  private grow(): void {
    const n = this.jobId.length * 2;
    this.jobId = grown(this.jobId, n);
    this.start = grown(this.start, n);
    this.end = grown(this.end, n);
    this.startSeq = grown(this.startSeq, n);
    this.priority = grown(this.priority, n);
    this.thread = grown(this.thread, n);
    this.outcome = grown(this.outcome, n);
    this.activeJobId = grown(this.activeJobId, n);
    this.className = grown(this.className, n);
    this.queue = grown(this.queue, n);
    this.process = grown(this.process, n);
    this.note = grown(this.note, n);
  }
}

/** An execution still open while reading the trace, with the notices seen so far. */
interface Open {
  i: number;
  retried?: string;
  discarded?: string;
  released?: boolean;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function deriveExecutions(trace: TraceEvents): Execution[] {
  const table = executionTable(trace);
  const out = new Array<Execution>(table.length);
  for (let i = 0; i < table.length; i++) out[i] = table.get(i);
  return out;
}

export function executionTable(trace: TraceEvents): ExecutionTable {
  const x = new ExecutionTable();
  const byJob = new Map<number, Open[]>();
  const byProcess = new Map<string, Set<Open>>();
  /** Each job's latest execution. */
  const lastOf = new Map<number, number>();
  let traceEnd = -Infinity;

  const close = (o: Open, e: TraceEvent, outcome: Outcome, note?: string) => {
    const i = o.i;
    x.end[i] = Math.max(e.t, x.start[i]!); // a clock skewed backwards must not give a negative bar
    x.outcome[i] = OUTCOMES.indexOf(outcome);
    if (note !== undefined) x.note[i] = x.names.id(note);
    const jobId = x.jobId[i]!;
    const list = byJob.get(jobId)!;
    list.splice(list.indexOf(o), 1);
    if (list.length === 0) byJob.delete(jobId);
    byProcess.get(x.name(x.process[i]!)!)?.delete(o);
  };
  /** The open execution an event speaks about: same process and thread if it says, else the latest. */
  const find = (e: TraceEvent): Open | undefined => {
    if (e.jobId === undefined) return undefined;
    const list = byJob.get(e.jobId);
    if (list === undefined) return undefined;
    if (e.process !== undefined && e.thread !== undefined) {
      for (let k = list.length - 1; k >= 0; k--) {
        const i = list[k]!.i;
        if (x.name(x.process[i]!) === e.process && x.thread[i] === e.thread) return list[k];
      }
    }
    return list[list.length - 1];
  };

  for (const e of trace) {
    if (e.t > traceEnd) traceEnd = e.t;
    switch (e.type) {
      case "started": {
        const o: Open = { i: x.open(e) };
        const jobId = x.jobId[o.i]!;
        lastOf.set(jobId, o.i);
        const list = byJob.get(jobId);
        if (list === undefined) byJob.set(jobId, [o]);
        else list.push(o);
        const process = x.name(x.process[o.i]!)!;
        let set = byProcess.get(process);
        if (set === undefined) byProcess.set(process, (set = new Set()));
        set.add(o);
        break;
      }
      case "retried": {
        const o = find(e);
        if (o !== undefined) o.retried = `retry in ${text(e.data?.wait) ?? "0"}s${e.data?.error !== undefined ? ` after ${text(e.data.error)}` : ""}`;
        break;
      }
      case "discarded": {
        const o = find(e);
        if (o !== undefined) o.discarded = `discarded${e.data?.error !== undefined ? ` after ${text(e.data.error)}` : ""}`;
        break;
      }
      case "released": {
        const o = find(e);
        if (o !== undefined) o.released = true;
        break;
      }
      case "succeeded": {
        const o = find(e);
        if (o === undefined) break;
        if (o.discarded !== undefined) close(o, e, "discarded", o.discarded);
        else if (o.retried !== undefined) close(o, e, "retried", o.retried);
        else close(o, e, "succeeded");
        break;
      }
      case "failed": {
        const o = find(e);
        const why = [text(e.data?.error), text(e.data?.message)].filter((s) => s !== undefined).join(": ") || undefined;
        if (o !== undefined) close(o, e, "failed", why);
        else {
          // The claim of a dead process, failed later by the supervisor or the pruner.
          const last = e.jobId === undefined ? undefined : lastOf.get(e.jobId);
          if (last !== undefined && x.outcome[last] === KILLED) x.note[last] = x.names.id(`${x.name(x.note[last]!)}; then failed${why === undefined ? "" : `: ${why}`}`);
        }
        break;
      }
      case "lost_result": {
        const o = find(e);
        if (o !== undefined) close(o, e, "lost", `code returned ${text(e.data?.outcome) ?? "?"} after its claim was ${o.released ? "released" : "gone"}: nothing recorded`);
        break;
      }
      case "process_died": {
        const set = e.process === undefined ? undefined : byProcess.get(e.process);
        if (set === undefined) break;
        const how = e.data?.signal !== undefined ? `signal ${text(e.data.signal)}` : `exit ${text(e.data?.status) ?? "?"}`;
        for (const o of [...set]) close(o, e, "killed", `process died (${how})`);
        break;
      }
      default:
        break;
    }
  }
  for (const list of byJob.values()) {
    for (const o of list) {
      x.end[o.i] = Math.max(x.start[o.i]!, traceEnd);
      x.note[o.i] = x.names.id(o.released ? "claim released; still running at the end of the trace" : "still running at the end of the trace");
    }
  }
  return x;
}
