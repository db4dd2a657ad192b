// A simulation in 40 lines: a job with a retry, a concurrency limit and a scripted service.
// Run it: npx tsx docs/examples/simulation.ts
import { createSimulation, Job } from "jobsim";

class Flaky extends Error {}

class ChargeJob extends Job {
  static {
    this.queueAs("critical");
    this.retryOn(Flaky, { wait: 5, attempts: 3 });
    this.limitsConcurrency({ key: (accountId: number) => accountId, to: 1 });
  }
  override async perform(accountId: number, cents: number): Promise<void> {
    const reply = await this.services.payments.charge(accountId, cents); // scripted below
    await this.db.run("INSERT INTO charges (account_id, cents, reply) VALUES (?, ?, ?)", [accountId, cents, String(reply)]);
  }
}

const sim = await createSimulation({
  jobs: [ChargeJob],
  seed: 42,
  start: "2026-03-02 09:00",
  timeZone: "Europe/Paris",
  queueConfig: { path: "scenarios/config/queue.yml", env: "production" },
  setupSql: "CREATE TABLE charges (account_id INTEGER, cents INTEGER, reply TEXT)",
  errors: { Flaky },
});
sim.services.get("payments").script("charge", [{ throws: "Flaky" }, { latency: "2s", returns: "ok" }]);

await ChargeJob.performLater(7, 1999);
await ChargeJob.performLater(7, 500); // same account: blocked until the first finishes
await sim.runUntilIdle();

for (const j of sim.jobs()) console.log(j.id, j.className, j.status, JSON.stringify(j.args));
console.log(sim.db.all("SELECT * FROM charges"));
console.log(sim.trace.events.filter((e) => e.jobId === 1).map((e) => `${new Date(e.t).toISOString().slice(11, 23)} ${e.type}`).join("\n"));
sim.dispose();
