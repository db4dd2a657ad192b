// Instrumentation and error reports: subscribe to Active Job's events, read Rails.error.
// Run it: npx tsx docs/examples/instrumentation.ts
import { createSimulation, Job } from "jobsim";

class Timeout extends Error {}

class SyncJob extends Job {
  static {
    this.retryOn(Timeout, { wait: 10, attempts: 2 });
  }
  override async perform(accountId: number): Promise<void> {
    await this.services.crm.push(accountId); // scripted below: always times out
  }
}

const sim = await createSimulation({ jobs: [SyncJob], errors: { Timeout }, start: "2026-03-02 09:00" });
sim.services.get("crm").otherwise("push", { throws: "Timeout", message: "crm timed out" });

// ActiveSupport::Notifications.subscribe: (name, start, finish, id, payload)
const unsubscribe = sim.subscribe(/\.active_job$/, (name, start, _finish, _id, payload) => {
  const wait = "wait" in payload ? ` wait=${String(payload.wait)}` : "";
  console.log(`${start.toISOString().slice(11, 19)} ${name}${wait}`);
});

await SyncJob.performLater(7);
await sim.runUntilIdle();
unsubscribe();

// Rails.error: what the queue reported
for (const r of sim.errors) console.log(r.errorClass, r.message, `handled=${r.handled}`, r.severity, r.source);
sim.dispose();
