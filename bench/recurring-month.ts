import { Job } from "../src/job/job.js";
import { createSimulation } from "../src/sim/simulation.js";
import { measure, report } from "./harness.js";

// 30 virtual days of the seed's config/recurring.yml (cleanup at 3am, digest at 8am, inventory
// every 15 minutes) with the seed's queue.yml: 2,940 enqueues, each performed. Baseline in the
// same run: the same 30 days with no recurring tasks (processes polling and beating only).

class CleanupSessionsJob extends Job {
  override perform(): void {}
}
class DailyDigestJob extends Job {
  override perform(): void {}
}
class SyncInventoryJob extends Job {
  override perform(): void {}
}

async function month(recurring: boolean): Promise<number> {
  const sim = await createSimulation({
    jobs: [CleanupSessionsJob, DailyDigestJob, SyncInventoryJob],
    queueConfig: { path: "scenarios/config/queue.yml", env: "production" },
    ...(recurring ? { recurring: { path: "scenarios/config/recurring.yml", env: "production" } } : {}),
    invariants: false,
    start: "2026-03-01T00:00:00Z",
  });
  await sim.advance("30 days");
  const n = sim.trace.count("recurring_enqueued");
  sim.dispose();
  return n;
}

const idle = await measure("30 days, no recurring tasks", 30, "virtual days", async () => {
  await month(false);
});
let enqueued = 0;
const rec = await measure("30 days, seed recurring.yml", 2940, "enqueues", async () => {
  enqueued = await month(true);
});
if (enqueued !== 2940) throw new Error(`expected 2940 recurring enqueues, got ${enqueued}`);
report("recurring month: seed recurring.yml + production queue.yml", [idle, rec]);
console.log(`  ${(rec.seconds).toFixed(3)} s wall for 30 virtual days; ${(2940 / rec.seconds).toFixed(0)} enqueues/s (each also dispatched, claimed, performed)`);
