import { Job } from "../../src/index.js";
import { ApiError, InvalidDataError, TimeoutError } from "./app.js";

// Seed: UnreliableApiJob (retry configuration): two retry_on declarations with their own
// counters, and discard_on for data the API will never accept.
export class UnreliableApiJob extends Job {
  static {
    // Retry with exponential backoff
    this.retryOn(ApiError, { wait: "polynomiallyLonger", attempts: 5 });

    // Retry specific errors
    this.retryOn(TimeoutError, { wait: "10 seconds", attempts: 3 });

    // Don't retry certain errors
    this.discardOn(InvalidDataError);
  }

  override async perform(data: unknown): Promise<void> {
    await this.services.ExternalApi.call(data);
  }
}
