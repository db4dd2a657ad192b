import { parseQueueEntries, selectQueues, type QueueEntry } from "../../engine/queue-selector.js";
import type { TraceEvent } from "../../sim/trace.js";
import type { WorldRun } from "../world.js";

// Queue priorities (spec §2.4), checked claim by claim against a model of the ready set built
// from the trace: a worker takes its queues in the order its list gives them (the relation order
// of Solid Queue's QueueSelector), within a queue the lowest priority number first, and within
// equal priority the oldest job (lowest id) first; never from a paused queue or one it does not
// read. A claim breaks the rule when a ready job it could have taken ranks before it.

interface ReadyJob {
  id: number;
  queue: string;
  priority: number;
}

export function checkClaimOrder(run: WorldRun): string[] {
  const ready = new Map<number, ReadyJob>();
  const paused = new Set<string>();
  const entries = new Map<string, QueueEntry[]>();
  const problems: string[] = [];
  for (const e of run.events) {
    switch (e.type) {
      case "ready":
        if (e.jobId !== undefined) ready.set(e.jobId, { id: e.jobId, queue: e.queue ?? "", priority: e.priority ?? 0 });
        break;
      case "paused":
        if (e.queue !== undefined) paused.add(e.queue);
        break;
      case "resumed":
        if (e.queue !== undefined) paused.delete(e.queue);
        break;
      case "discarded":
      case "discarded_on_conflict":
        if (e.jobId !== undefined) ready.delete(e.jobId);
        break;
      case "claimed": {
        const problem = judge(e, ready, paused, entriesOf(run, entries, e.process));
        if (problem !== undefined && problems.length < 5) problems.push(problem);
        if (e.jobId !== undefined) ready.delete(e.jobId);
        break;
      }
    }
  }
  return problems;
}

function entriesOf(run: WorldRun, cache: Map<string, QueueEntry[]>, process: string | undefined): QueueEntry[] | undefined {
  if (process === undefined) return undefined;
  let e = cache.get(process);
  if (e === undefined) {
    const queues = run.workers.get(process);
    if (queues === undefined) return undefined;
    e = parseQueueEntries(queues);
    cache.set(process, e);
  }
  return e;
}

function judge(e: TraceEvent, ready: Map<number, ReadyJob>, paused: ReadonlySet<string>, entries: QueueEntry[] | undefined): string | undefined {
  const at = `at ${new Date(e.t).toISOString()} (seq ${e.seq})`;
  const claimed = e.jobId === undefined ? undefined : ready.get(e.jobId);
  if (claimed === undefined) return `${e.process} claimed job ${e.jobId} ${at}, which was not ready`;
  if (entries === undefined) return `${e.process} claimed job ${claimed.id} ${at}, but no worker of that name started in the run`;
  const queues = [...new Set([...ready.values()].map((r) => r.queue))];
  const relations = selectQueues(entries, queues, paused);
  const rank = (r: ReadyJob): [number, number, number] | undefined => {
    const i = relations.findIndex((q) => q === null || q === r.queue);
    return i < 0 ? undefined : [i, r.priority, r.id];
  };
  const mine = rank(claimed);
  if (mine === undefined) {
    const why = paused.has(claimed.queue) ? "a paused queue" : "a queue its list does not read";
    return `${e.process} claimed job ${claimed.id} from ${why} (${claimed.queue}) ${at}`;
  }
  let best: { r: ReadyJob; k: [number, number, number] } | undefined;
  for (const r of ready.values()) {
    if (r.id === claimed.id) continue;
    const k = rank(r);
    if (k === undefined || !before(k, mine)) continue;
    if (best === undefined || before(k, best.k)) best = { r, k };
  }
  if (best === undefined) return undefined;
  const what =
    best.k[0] < mine[0]
      ? `queue ${best.r.queue} comes before ${claimed.queue} in its list [${relations.map((q) => q ?? "*").join(", ")}]`
      : best.k[1] < mine[1]
        ? `priority ${best.r.priority} comes before ${claimed.priority}`
        : `job ${best.r.id} is older`;
  return `${e.process} claimed job ${claimed.id} (${claimed.queue}, priority ${claimed.priority}) ${at} while job ${best.r.id} (${best.r.queue}, priority ${best.r.priority}) was ready and ${what}`;
}

function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

