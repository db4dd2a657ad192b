import type { TraceEvent } from "../../sim/trace.js";
import type { WorldRun } from "../world.js";

// No job lost, at least once (spec §9.5): every row ends in exactly one state (finished, failed,
// discarded on purpose) or is still pending at the horizon; its terminal events agree with that
// state; it starts again only after it was released or retried, and a release only after its
// process stopped, died or was pruned; every Active Job retry left a new row.

const PROCESS_TROUBLE = new Set(["process_stopping", "process_died", "process_pruned", "process_stopped", "heartbeats_stopped"]);

export function checkNoLoss(run: WorldRun): string[] {
  const problems: string[] = [];
  if (run.error !== undefined) problems.push(`the run raised ${run.error.name}: ${run.error.message}`);
  const byRow = new Map<number, TraceEvent[]>();
  const retries = new Map<string, number>();
  const rowsOf = new Map<string, number>();
  for (const e of run.events) {
    if (e.jobId !== undefined) {
      let list = byRow.get(e.jobId);
      if (list === undefined) byRow.set(e.jobId, (list = []));
      list.push(e);
    }
    if (e.activeJobId !== undefined && e.type === "retried") retries.set(e.activeJobId, (retries.get(e.activeJobId) ?? 0) + 1);
    if (e.activeJobId !== undefined && e.type === "enqueued") rowsOf.set(e.activeJobId, (rowsOf.get(e.activeJobId) ?? 0) + 1);
  }
  const views = new Map(run.jobs.map((j) => [j.id, j]));
  const cleared = run.events.some((e) => e.type === "cleared");
  for (const [id, events] of byRow) {
    if (!events.some((e) => e.type === "enqueued")) continue;
    const label = `job ${id} (${events[0]!.jobClass ?? "?"})`;
    const view = views.get(id);
    const terminal = events.filter((e) => e.type === "succeeded" || e.type === "failed");
    if (view === undefined) {
      const deliberate = events.some((e) => e.type === "discarded_on_conflict" || (e.type === "discarded" && (e.data as { by?: unknown } | undefined)?.by !== undefined));
      const finishedAway = terminal.at(-1)?.type === "succeeded" || (cleared && terminal.some((e) => e.type === "succeeded"));
      if (!deliberate && !finishedAway) problems.push(`${label} was enqueued and its row vanished without being finished, failed or discarded`);
      continue;
    }
    if (view.status === "none") problems.push(`${label} is unfinished and has no execution: it can never run`);
    const last = terminal.at(-1)?.type;
    if (view.status === "finished" && last !== "succeeded") problems.push(`${label} is finished but its last outcome in the trace is ${last ?? "none"}`);
    if (view.status === "failed" && last !== "failed") problems.push(`${label} has a failed execution but its last outcome in the trace is ${last ?? "none"}`);
    problems.push(...terminalSequence(label, events), ...reruns(label, events, run.events));
  }
  for (const [activeJobId, n] of retries) {
    const rows = rowsOf.get(activeJobId) ?? 0;
    if (rows < n + 1) problems.push(`active job ${activeJobId} was retried ${n} times but has only ${rows} rows: a retry was lost`);
  }
  return problems;
}

/** Two outcomes of one row need an operator's retry between them. */
function terminalSequence(label: string, events: readonly TraceEvent[]): string[] {
  let ended: TraceEvent | undefined;
  for (const e of events) {
    if (e.type === "failed_retry") ended = undefined;
    else if (e.type === "succeeded" || e.type === "failed") {
      if (ended !== undefined) return [`${label} ended twice without a retry between: ${ended.type} (seq ${ended.seq}) then ${e.type} (seq ${e.seq})`];
      ended = e;
    }
  }
  return [];
}

/** A second start of a row needs a release (after its process stopped or died) or a retry. */
function reruns(label: string, events: readonly TraceEvent[], all: readonly TraceEvent[]): string[] {
  const starts = events.filter((e) => e.type === "started");
  for (let i = 1; i < starts.length; i++) {
    const prev = starts[i - 1]!;
    const next = starts[i]!;
    const between = events.filter((e) => e.seq > prev.seq && e.seq < next.seq);
    if (between.some((e) => e.type === "failed_retry")) continue;
    const release = between.find((e) => e.type === "released");
    if (release === undefined) return [`${label} ran twice (seq ${prev.seq} and ${next.seq}) without a crash, release or retry between`];
    const trouble = all.some((e) => e.seq > prev.seq && e.seq < release.seq && PROCESS_TROUBLE.has(e.type));
    if (!trouble) return [`${label} was released (seq ${release.seq}) and ran again while no process had stopped or died`];
  }
  return [];
}
