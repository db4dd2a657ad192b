import { APP_SCHEMA, MODELS } from "../scenarios/jobs/app.js";
import { CleanupSessionsJob } from "../scenarios/jobs/cleanup-sessions-job.js";
import { DailyDigestJob } from "../scenarios/jobs/daily-digest-job.js";
import { SyncInventoryJob } from "../scenarios/jobs/sync-inventory-job.js";
import { createSimulation } from "../src/sim/simulation.js";
import { measure, report } from "./harness.js";

// 30 virtual days of the seed's config/recurring.yml, running the seed's jobs, (cleanup at 3am, digest at 8am, inventory
// every 15 minutes) with the seed's queue.yml: 2,940 enqueues, each performed. Baseline in the
// same run: the same 30 days with no recurring tasks (processes polling and beating only).


async function month(recurring: boolean): Promise<number> {
  const sim = await createSimulation({
    jobs: [CleanupSessionsJob, DailyDigestJob, SyncInventoryJob],
    setupSql: APP_SCHEMA,
    models: MODELS,
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
