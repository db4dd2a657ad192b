import type { Worker } from "../engine/worker.js";
import type { Store } from "../store/store.js";
import { findJobViews } from "./job-views.js";
import type { WorkerThreads } from "./threads.js";

// runUntilIdle's failure: the jobs that did not settle by the horizon, and for a claimed one
// which worker holds it and where its code waits.

/** A run reached its horizon with work still pending that will never settle by itself. */
export class NotSettledError extends Error {
  override name = "NotSettledError";
}

export function unsettledReport(w: { readonly store: Store; readonly workerThreads: WorkerThreads; workers(): Worker[] }, horizonMs: number): string {
  const pending = findJobViews(w.store).filter((j) => j.status !== "finished" && j.status !== "failed");
  const lines = pending.slice(0, 10).map((j) => {
    let where: string = j.status;
    if (j.status === "claimed") {
      const worker = w.workers().find((wk) => [...wk.running.values()].some((r) => r.id === j.id));
      const h = worker === undefined ? undefined : w.workerThreads.handleOf(worker, j.id);
      where = `claimed${worker ? ` by ${worker.name}` : ""}${h ? `, waiting at await #${h.awaits} on something the simulation does not resolve (a promise nothing settles, or a hung service call)` : ""}`;
    }
    return `  job ${j.id} (${j.className}) on ${j.queueName}: ${where}`;
  });
  return `jobs did not settle within ${horizonMs / 1000}s of virtual time:\n${lines.join("\n")}${pending.length > 10 ? `\n  ... and ${pending.length - 10} more` : ""}`;
}
