import { DeserializationError, Job } from "../../src/index.js";
import { Deadlocked, type Order } from "./app.js";

// Seed: ProcessPaymentJob. The order is a record argument (a GlobalID in the payload), fetched
// again when the job runs: if its row is gone, that is a DeserializationError, and the job is
// discarded. PaymentService is an outside service, scripted by the test or scenario.
export class ProcessPaymentJob extends Job {
  static {
    this.queueAs("critical");
    this.retryOn(Deadlocked, { wait: "5 seconds", attempts: 3 });
    this.discardOn(DeserializationError);
  }

  override async perform(order: Order): Promise<void> {
    await this.services.PaymentService.process(order);
  }
}
