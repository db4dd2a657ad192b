import { Job } from "../src/job/job.js";
import { createSimulation } from "../src/sim/simulation.js";
import { measure, report } from "./harness.js";

// 30 virtual days of a mostly idle system: the seed's queue.yml (workers polling every 0.1 s,
// a dispatcher every 1 s, heartbeats every 60 s) and a few jobs an hour. Polling for real would
// be 26 million polls; poll skipping must make this well under a second. The same run with
// polling for real over one day gives the ratio (and the trace is the same, see
// test/sim/determinism.test.ts).

class HourlyJob extends Job {
  override async perform(): Promise<void> {
    await this.sleep(2);
  }
}

async function month(days: number, pollSkipping: boolean): Promise<number> {
  const sim = await createSimulation({ jobs: [HourlyJob], queueConfig: { path: "scenarios/config/queue.yml", env: "development" }, invariants: false, pollSkipping });
  for (let h = 0; h < days * 24; h++) for (let k = 0; k < 3; k++) await sim.enqueue(HourlyJob, [], { wait: h * 3600 + k * 1000 + 7 });
  await sim.advance(`${days} days`);
  const n = sim.trace.count("succeeded");
  sim.dispose();
  return n;
}

const skipping = await measure("30 days, poll skipping", 30, "virtual days", async () => {
  if ((await month(30, true)) !== 30 * 24 * 3) throw new Error("not every job ran");
});
const polling = await measure("1 day, polling every interval", 1, "virtual days", async () => {
  if ((await month(1, false)) !== 24 * 3) throw new Error("not every job ran");
});
report("idle month: seed queue.yml, 3 jobs an hour", [polling, skipping], polling);
