import type { TraceEvent } from "../../sim/trace.js";
import type { WorldRun } from "../world.js";

// Concurrency limits (spec §3): never more than `to` executions of one concurrency key running
// at once. An execution runs from "started" until it succeeded, failed, lost its result, was
// released, or its process died. Two documented exceptions are not counted: a holder running
// longer than the key's duration (its semaphore may have expired and let another in), and a
// job released at shutdown (it keeps its slot, so its next run is not a new holder).

interface Running {
  jobId: number;
  process: string | undefined;
  /** When this execution's slot was taken (the gate let it become ready). */
  acquired: number;
  startSeq: number;
}

export function checkConcurrency(run: WorldRun): string[] {
  const problems: string[] = [];
  const running = new Map<string, Running[]>();
  const acquired = new Map<number, number>();
  const released = new Set<number>();
  const end = (pred: (r: Running) => boolean) => {
    for (const [key, list] of running) running.set(key, list.filter((r) => !pred(r)));
  };
  for (const e of run.events) {
    const key = e.jobId === undefined ? null : (run.keys.get(e.jobId) ?? null);
    switch (e.type) {
      case "ready":
        // A job released at shutdown keeps the slot it took before.
        if (e.jobId !== undefined && !(released.has(e.jobId) && acquired.has(e.jobId))) acquired.set(e.jobId, e.t);
        if (e.jobId !== undefined) released.delete(e.jobId);
        break;
      case "started": {
        if (key === null || e.jobId === undefined || e.jobClass === undefined) break;
        const limit = run.limits.get(e.jobClass);
        if (limit === undefined) break;
        const list = running.get(key) ?? [];
        list.push({ jobId: e.jobId, process: e.process, acquired: acquired.get(e.jobId) ?? e.t, startSeq: e.seq });
        running.set(key, list);
        const counted = list.filter((r) => e.t - r.acquired < limit.durationMs);
        if (counted.length > limit.to && problems.length < 5) problems.push(describe(e, key, limit.to, counted));
        break;
      }
      case "succeeded":
      case "failed":
      case "lost_result":
        if (e.jobId !== undefined) end((r) => r.jobId === e.jobId);
        break;
      case "released":
        if (e.jobId !== undefined) {
          released.add(e.jobId);
          end((r) => r.jobId === e.jobId);
        }
        break;
      case "process_died":
        end((r) => r.process === e.process);
        break;
    }
  }
  return problems;
}

function describe(e: TraceEvent, key: string, to: number, counted: readonly Running[]): string {
  const ids = counted.map((r) => `job ${r.jobId} (started seq ${r.startSeq})`).join(", ");
  return `${counted.length} executions of concurrency key ${JSON.stringify(key)} ran at once at ${new Date(e.t).toISOString()} (seq ${e.seq}), limit ${to}: ${ids}`;
}
