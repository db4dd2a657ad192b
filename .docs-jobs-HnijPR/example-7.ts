import { createSimulation, Job } from "../src/index.js";

class SyncAccountJob extends Job {
  static {
    this.limitsConcurrency({ key: (accountId: number) => accountId, to: 1, duration: "5 minutes" });
  }
  override async perform(_accountId: number) {
    await this.sleep(10);
  }
}

const sim = await createSimulation({ jobs: [SyncAccountJob] });
await SyncAccountJob.performLater(7);
await SyncAccountJob.performLater(7);
await SyncAccountJob.performLater(8);
console.log(sim.jobs().map((j) => `${j.id} ${j.concurrencyKey} ${j.status}`));
await sim.runUntilIdle();
const t0 = Date.parse("2026-01-01T00:00:00Z");
console.log(sim.trace.events.filter((e) => e.type === "started").map((e) => `job ${e.jobId} started at +${(e.t - t0) / 1000}s`));
sim.dispose();
