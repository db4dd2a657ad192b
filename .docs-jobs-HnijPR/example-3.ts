import { createSimulation, Job } from "../src/index.js";

class Deadlocked extends Error {} // stands for ActiveRecord::Deadlocked

class ChargeJob extends Job {
  static {
    this.retryOn(Deadlocked, { wait: 5, attempts: 3 });
    this.afterDiscard((job, error) => job.log(`gave up after ${job.executions} runs: ${error.message}`));
  }

  override async perform(orderId: number) {
    await this.services.PaymentService.charge(orderId);
  }
}

const sim = await createSimulation({ jobs: [ChargeJob] });
sim.services.get("PaymentService").otherwise("charge", { throws: Deadlocked, message: "deadlock detected" });
await ChargeJob.performLater(10);
await sim.runUntilIdle();
console.log(sim.jobs().map((j) => `${j.id}:${j.status}`).join(" "));
const { exceptionClass, message } = sim.jobs({ status: "failed" })[0]!.error!;
console.log(exceptionClass, message);
console.log(sim.logs.map((l) => l.message));
sim.dispose();
