import type { TraceEvent, TraceEvents } from "../sim/trace.js";

// Executions read from the trace: one per `started` event, from that event to whatever ended it.
// A retry_on or discard_on that handles the error still finishes the row as `succeeded`; the
// `retried` / `discarded` notice in between tells which it really was.

export type Outcome = "succeeded" | "failed" | "retried" | "discarded" | "killed" | "lost" | "running";
export const OUTCOMES: readonly Outcome[] = ["succeeded", "failed", "retried", "discarded", "killed", "lost", "running"];

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

interface Open {
  exec: Execution;
  retried?: string;
  discarded?: string;
  released?: boolean;
}

export const UNKNOWN_PROCESS = "(no process)";

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function deriveExecutions(trace: TraceEvents): Execution[] {
  const out: Execution[] = [];
  const byJob = new Map<number, Open[]>();
  const byProcess = new Map<string, Set<Open>>();
  const lastOf = new Map<number, Execution>();

  const close = (o: Open, e: TraceEvent, outcome: Outcome, note?: string) => {
    o.exec.end = Math.max(e.t, o.exec.start); // a clock skewed backwards must not give a negative bar
    o.exec.outcome = outcome;
    if (note !== undefined) o.exec.note = note;
    const list = byJob.get(o.exec.jobId)!;
    list.splice(list.indexOf(o), 1);
    if (list.length === 0) byJob.delete(o.exec.jobId);
    byProcess.get(o.exec.process)?.delete(o);
  };
  /** The open execution an event speaks about: same process and thread if it says, else the latest. */
  const find = (e: TraceEvent): Open | undefined => {
    if (e.jobId === undefined) return undefined;
    const list = byJob.get(e.jobId);
    if (list === undefined) return undefined;
    if (e.process !== undefined && e.thread !== undefined) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.exec.process === e.process && list[i]!.exec.thread === e.thread) return list[i];
    }
    return list[list.length - 1];
  };

  for (const e of trace) {
    switch (e.type) {
      case "started": {
        const exec: Execution = {
          jobId: e.jobId ?? -1,
          activeJobId: e.activeJobId ?? "",
          className: e.jobClass ?? "",
          queue: e.queue ?? "",
          priority: e.priority ?? 0,
          process: e.process ?? UNKNOWN_PROCESS,
          thread: e.thread ?? 0,
          start: e.t,
          end: e.t,
          startSeq: e.seq,
          outcome: "running",
        };
        const o: Open = { exec };
        out.push(exec);
        lastOf.set(exec.jobId, exec);
        const list = byJob.get(exec.jobId);
        if (list === undefined) byJob.set(exec.jobId, [o]);
        else list.push(o);
        let set = byProcess.get(exec.process);
        if (set === undefined) byProcess.set(exec.process, (set = new Set()));
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
          if (last !== undefined && last.outcome === "killed") last.note = `${last.note}; then failed${why === undefined ? "" : `: ${why}`}`;
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
  let traceEnd = -Infinity;
  for (const e of trace) if (e.t > traceEnd) traceEnd = e.t;
  for (const list of byJob.values()) {
    for (const o of list) {
      o.exec.end = Math.max(o.exec.start, traceEnd);
      o.exec.note = o.released ? "claim released; still running at the end of the trace" : "still running at the end of the trace";
    }
  }
  return out;
}
