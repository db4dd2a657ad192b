import type { TraceEvent, TraceEvents } from "../sim/trace.js";
import type { Execution } from "./executions.js";
import type { JobSummary } from "./types.js";

// One row per Active Job (all its job rows: a retry_on re-enqueue is a new row with the same
// active job id), read from the trace and the final job rows: when it was enqueued and due,
// where it ended, and how. Executions point at their group; the page derives starts, waits and
// run times from them. `due` is the row's scheduled_at, as scenario/latency.ts measures waits.

/** What became of an Active Job, by its last row's status (the trace when the row is gone). */
export const JOB_OUTCOMES = ["succeeded", "failed", "discarded", "retry pending", "running", "waiting", "killed", "lost"] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export interface JobGroup {
  activeJobId: string;
  /** Job row ids in order (the first enqueue's row first). */
  ids: number[];
  className: string;
  queue: string;
  priority: number;
  args: unknown[] | undefined;
  /** First enqueue (NaN when the trace has none: a row written by setup SQL). */
  enqueued: number;
  due: number;
  outcome: JobOutcome;
}

export interface JobGroups {
  groups: JobGroup[];
  groupOf: Map<string, number>;
  /** Due time of each job row (its first enqueue's scheduledAt, else the enqueue time). */
  dueOf: Map<number, number>;
}

function fromStatus(status: string, attempts: number): JobOutcome | undefined {
  switch (status) {
    case "finished":
      return "succeeded";
    case "discarded":
      return "discarded";
    case "failed":
      return "failed";
    case "claimed":
      return "running";
    case "ready":
    case "scheduled":
    case "blocked":
      return attempts > 0 ? "retry pending" : "waiting";
    default:
      return undefined;
  }
}

function fromExecution(x: Execution | undefined): JobOutcome {
  if (x === undefined) return "waiting";
  switch (x.outcome) {
    case "retried":
      return "retry pending";
    case "killed":
    case "lost":
    case "running":
    case "failed":
    case "succeeded":
    case "discarded":
      return x.outcome;
  }
}

/** When each job row was due: its enqueue's scheduledAt (a delay, a retry wait), else the enqueue. */
export function dueTimes(trace: TraceEvents): Map<number, number> {
  const dueOf = new Map<number, number>();
  for (const e of trace) {
    if (e.type !== "enqueued" || e.jobId === undefined || dueOf.has(e.jobId)) continue;
    const at = e.data?.scheduledAt;
    dueOf.set(e.jobId, typeof at === "number" ? at : e.t);
  }
  return dueOf;
}

/** Each execution's wait, from its row's due time to its start (-1 when the trace has no enqueue). */
export function executionWaits(execs: readonly Execution[], dueOf: ReadonlyMap<number, number>): number[] {
  return execs.map((x) => {
    const due = dueOf.get(x.jobId);
    return due === undefined ? -1 : Math.max(0, x.start - due);
  });
}

export function jobGroups(trace: TraceEvents, execs: readonly Execution[], jobs: readonly JobSummary[]): JobGroups {
  const groups: JobGroup[] = [];
  const groupOf = new Map<string, number>();
  const dueOf = dueTimes(trace);
  const rowById = new Map<number, JobSummary>();
  for (const j of jobs) rowById.set(j.id, j);
  const open = (aid: string, id: number, className: string, queue: string, priority: number, enqueued: number, due: number) => {
    let g = groupOf.get(aid);
    if (g === undefined) {
      g = groups.length;
      groupOf.set(aid, g);
      groups.push({ activeJobId: aid, ids: [], className, queue, priority, args: rowById.get(id)?.args, enqueued, due, outcome: "waiting" });
    }
    const group = groups[g]!;
    if (!group.ids.includes(id)) group.ids.push(id);
    if (group.args === undefined) group.args = rowById.get(id)?.args;
    return group;
  };
  for (const e of trace) {
    if (e.type !== "enqueued" || e.jobId === undefined) continue;
    const at = e.data?.scheduledAt;
    const due = typeof at === "number" ? at : e.t;
    open(e.activeJobId ?? `#${e.jobId}`, e.jobId, e.jobClass ?? "", e.queue ?? "", e.priority ?? 0, e.t, due);
  }
  for (const j of jobs) open(j.activeJobId, j.id, j.className, j.queue, j.priority, NaN, NaN);
  for (const x of execs) open(x.activeJobId, x.jobId, x.className, x.queue, x.priority, NaN, NaN);

  const attempts = new Array<number>(groups.length).fill(0);
  const lastExec: (Execution | undefined)[] = new Array(groups.length);
  for (const x of execs) {
    const g = groupOf.get(x.activeJobId)!;
    attempts[g]!++;
    lastExec[g] = x;
  }
  groups.forEach((group, g) => {
    const last = rowById.get(group.ids[group.ids.length - 1]!);
    const byStatus = last === undefined ? undefined : fromStatus(last.status, attempts[g]!);
    const x = lastExec[g];
    // A killed execution's claim is failed later by the supervisor: say it was killed.
    group.outcome = x !== undefined && (x.outcome === "killed" || x.outcome === "lost") && byStatus !== "succeeded" && byStatus !== "retry pending" ? x.outcome : byStatus ?? fromExecution(x);
  });
  return { groups, groupOf, dueOf };
}
