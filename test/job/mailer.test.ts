import { describe, expect, it } from "vitest";
import { mail, Mailer, type Mail } from "../../src/job/mailer.js";
import { sinceStart, world } from "../helpers/world.js";

// deliver_now / deliver_later (ActionMailer::MailDeliveryJob) in a simulation.

class NoticeMailer extends Mailer {
  notice(to: string, text: string): Mail {
    return { to, subject: "Notice", body: text };
  }
}

class QueuedMailer extends Mailer {
  static override deliverLaterQueueName: string | null = "mailers";
  ping(to: string): Mail {
    return { to, subject: "Ping" };
  }
}

describe("mailers", () => {
  it("deliverNow records the message at once; deliverLater enqueues MailDeliveryJob, which delivers it", async () => {
    const sim = await world({ pollTiming: "aligned" });
    mail(NoticeMailer, "notice", "a@example.com", "now").deliverNow();
    await mail(NoticeMailer, "notice", "b@example.com", "later").deliverLater({ wait: "5 minutes" });
    expect(sim.jobs().map((j) => [j.className, j.queueName, j.status, sinceStart(j.scheduledAt!), j.args])).toEqual([
      ["ActionMailer::MailDeliveryJob", "default", "scheduled", 300, ["NoticeMailer", "notice", "deliver_now", { args: ["b@example.com", "later"], _aj_symbol_keys: [] }]],
    ]);
    await sim.runUntilIdle();
    expect(sim.deliveries.map((d) => [d.to, d.body, sinceStart(d.deliveredAt)])).toEqual([
      ["a@example.com", "now", 0],
      ["b@example.com", "later", 300],
    ]);
  });

  it("uses the mailer's deliverLaterQueueName (Action Mailer's own default is 'mailers'; apps use the default queue)", async () => {
    const sim = await world();
    await mail(QueuedMailer, "ping", "c@example.com").deliverLater();
    expect(sim.jobs().map((j) => j.queueName)).toEqual(["mailers"]);
  });

  it("names a missing mailer method", async () => {
    await world();
    expect(() => mail(NoticeMailer, "nope" as never).deliverNow()).toThrow("NoticeMailer has no mailer method nope");
  });
});
