import type { TraceEvents } from "../sim/trace.js";
import type { ExecutionTable, Outcome } from "./executions.js";
import type { JobSummary } from "./types.js";

// One row per Active Job (all its job rows: a retry_on re-enqueue is a new row with the same
// active job id), read from the trace and the final job rows: when it was enqueued and due,
// where it ended, and how. Executions point at their group; the page derives starts, waits and
// run times from them. `due` is the row's scheduled_at, as scenario/latency.ts measures waits.
// Held in columns, one array per field, as the executions are (executions.ts).

/** What became of an Active Job, by its last row's status (the trace when the row is gone). */
export const JOB_OUTCOMES = ["succeeded", "failed", "discarded", "retry pending", "running", "waiting", "killed", "lost"] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export interface JobGroupTable {
  length: number;
  /** The first enqueue's job row id. */
  firstId: number[];
  className: string[];
  queue: string[];
  priority: number[];
  args: (unknown[] | undefined)[];
  /** First enqueue (NaN when the trace has none: a row written by setup SQL). */
  enqueued: number[];
  due: number[];
  /** Index into JOB_OUTCOMES. */
  outcome: number[];
  /** Job row ids beyond the first, in order, as flat [group, id, group, id...] by group. */
  more: number[];
}

export interface JobGroups {
  groups: JobGroupTable;
  /** Each execution's group. */
  execGroup: Int32Array;
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

function fromExecution(outcome: Outcome | undefined): JobOutcome {
  switch (outcome) {
    case undefined:
      return "waiting";
    case "retried":
      return "retry pending";
    default:
      return outcome;
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
export function executionWaits(x: ExecutionTable, dueOf: ReadonlyMap<number, number>): number[] {
  const waits = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    const due = dueOf.get(x.jobId[i]!);
    waits[i] = due === undefined ? -1 : Math.max(0, x.start[i]! - due);
  }
  return waits;
}

/** The group holding job row `id`, or -1. */
export function groupOfJob(groups: JobGroupTable, id: number): number {
  const first = groups.firstId.indexOf(id);
  if (first >= 0) return first;
  for (let k = 0; k < groups.more.length; k += 2) if (groups.more[k + 1] === id) return groups.more[k]!;
  return -1;
}

export function jobGroups(trace: TraceEvents, x: ExecutionTable, jobs: readonly JobSummary[]): JobGroups {
  const groups: JobGroupTable = { length: 0, firstId: [], className: [], queue: [], priority: [], args: [], enqueued: [], due: [], outcome: [], more: [] };
  const groupOf = new Map<string, number>();
  /** Per group with more than one job row: the rows after the first. */
  const extra = new Map<number, number[]>();
  const dueOf = dueTimes(trace);
  const rowById = new Map<number, JobSummary>();
  for (const j of jobs) rowById.set(j.id, j);
  const open = (aid: string, id: number, className: string, queue: string, priority: number, enqueued: number, due: number): number => {
    let g = groupOf.get(aid);
    if (g === undefined) {
      g = groups.length++;
      groupOf.set(aid, g);
      groups.firstId.push(id);
      groups.className.push(className);
      groups.queue.push(queue);
      groups.priority.push(priority);
      groups.args.push(rowById.get(id)?.args);
      groups.enqueued.push(enqueued);
      groups.due.push(due);
      groups.outcome.push(0);
      return g;
    }
    if (groups.firstId[g] !== id) {
      const more = extra.get(g);
      if (more === undefined) extra.set(g, [id]);
      else if (!more.includes(id)) more.push(id);
    }
    if (groups.args[g] === undefined) groups.args[g] = rowById.get(id)?.args;
    return g;
  };
  for (const e of trace) {
    if (e.type !== "enqueued" || e.jobId === undefined) continue;
    const at = e.data?.scheduledAt;
    const due = typeof at === "number" ? at : e.t;
    open(e.activeJobId ?? `#${e.jobId}`, e.jobId, e.jobClass ?? "", e.queue ?? "", e.priority ?? 0, e.t, due);
  }
  for (const j of jobs) open(j.activeJobId, j.id, j.className, j.queue, j.priority, NaN, NaN);
  const execGroup = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    execGroup[i] = open(x.name(x.activeJobId[i]!)!, x.jobId[i]!, x.name(x.className[i]!)!, x.name(x.queue[i]!)!, x.priority[i]!, NaN, NaN);
  }
  groupOf.clear();

  const attempts = new Int32Array(groups.length);
  const lastExec = new Int32Array(groups.length).fill(-1);
  for (let i = 0; i < x.length; i++) {
    attempts[execGroup[i]!]!++;
    lastExec[execGroup[i]!] = i;
  }
  for (const g of [...extra.keys()].sort((a, b) => a - b)) for (const id of extra.get(g)!) groups.more.push(g, id);
  for (let g = 0; g < groups.length; g++) {
    const ids = extra.get(g);
    const last = rowById.get(ids === undefined ? groups.firstId[g]! : ids[ids.length - 1]!);
    const byStatus = last === undefined ? undefined : fromStatus(last.status, attempts[g]!);
    const xo = lastExec[g]! < 0 ? undefined : x.outcomeOf(lastExec[g]!);
    // A killed execution's claim is failed later by the supervisor: say it was killed.
    const outcome = (xo === "killed" || xo === "lost") && byStatus !== "succeeded" && byStatus !== "retry pending" ? xo : byStatus ?? fromExecution(xo);
    groups.outcome[g] = JOB_OUTCOMES.indexOf(outcome);
  }
  return { groups, execGroup, dueOf };
}
