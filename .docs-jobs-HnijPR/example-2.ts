import { createSimulation, Job } from "../src/index.js";

class OpenTimeout extends Error {} // stands for Net::OpenTimeout
class InvalidDataError extends Error {}

class ProcessWebhookJob extends Job {
  static {
    this.queueAs("critical");
    this.retryOn(OpenTimeout, { wait: "polynomiallyLonger", attempts: 5 });
    this.discardOn(InvalidDataError);
  }

  override async perform(data: { event: string }) {
    await this.services.Payments.complete(data);
  }
}

const sim = await createSimulation({ jobs: [ProcessWebhookJob] });
// The payment service times out on its first four calls, then answers.
sim.services.get("Payments").script("complete", Array.from({ length: 4 }, () => ({ throws: OpenTimeout })));
await ProcessWebhookJob.performLater({ event: "payment.completed" });
await sim.runUntilIdle();

const t0 = Date.parse("2026-01-01T00:00:00Z");
for (const j of sim.jobs()) {
  console.log(`row ${j.id}: ${j.status}, runs at +${(j.scheduledAt! - t0) / 1000}s, executions so far ${j.payload.executions}, counters ${JSON.stringify(j.payload.exception_executions)}`);
}
console.log(new Set(sim.jobs().map((j) => j.activeJobId)).size, "active job id for all rows");
sim.dispose();
