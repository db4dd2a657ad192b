import { Job } from "../../src/index.js";
import { OpenTimeout } from "./app.js";

// Seed: ProcessWebhookJob (queue_as :critical; retry_on Net::OpenTimeout, polynomially longer,
// 5 attempts). The handlers call outside services (which may time out) and record the event.
export type WebhookData = { event: string; [key: string]: unknown };

export class ProcessWebhookJob extends Job {
  static {
    this.queueAs("critical");
    this.retryOn(OpenTimeout, { wait: "polynomiallyLonger", attempts: 5 });
  }

  override async perform(webhookData: WebhookData): Promise<void> {
    switch (webhookData["event"]) {
      case "payment.completed":
        await this.handlePaymentCompleted(webhookData);
        break;
      case "subscription.cancelled":
        await this.handleSubscriptionCancelled(webhookData);
        break;
      // Other events are ignored, as the seed's case without an else.
    }
  }

  private async handlePaymentCompleted(data: WebhookData): Promise<void> {
    await this.services.Payments.complete(data["payment_id"]);
    await this.record("payment.completed", data["payment_id"]);
  }

  private async handleSubscriptionCancelled(data: WebhookData): Promise<void> {
    await this.services.Subscriptions.cancel(data["subscription_id"]);
    await this.record("subscription.cancelled", data["subscription_id"]);
  }

  private async record(event: string, reference: unknown): Promise<void> {
    await this.db.run("INSERT INTO webhook_events (event, reference, handled_at) VALUES (?, ?, ?)", [event, String(reference), this.now().getTime()]);
  }
}
