import { clearFinished } from "../store/jobs.js";
import type { Simulation } from "./simulation.js";

// Clearing finished jobs (spec §8): rows with finished_at strictly before
// now - clear_finished_jobs_after, in batches, until a round deletes nothing.

export function clearFinishedJobs(sim: Simulation, opts: { batchSize?: number; finishedBefore?: number; className?: string } = {}): number {
  const before = opts.finishedBefore ?? sim.now() - sim.settings.clearFinishedJobsAfter;
  const batch = opts.batchSize ?? 500;
  let total = 0;
  for (;;) {
    const n = clearFinished(sim.store, before, batch, opts.className);
    total += n;
    if (n === 0) break;
  }
  if (total > 0) sim.trace.add(sim.now(), "cleared", { data: { count: total, finishedBefore: before } });
  return total;
}
