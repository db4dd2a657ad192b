// The README's taste of the API, verbatim except the import paths ("jobsim" is src/index.ts,
// "jobsim/vitest" is src/testing/vitest.ts), so the README stays true.
import { describe, expect, it } from "vitest";
import { Job, mail, Mailer } from "../src/index.js";
import { useSimulation } from "../src/testing/vitest.js";

class UserMailer extends Mailer {
  welcome(email: string) { return { to: email, subject: "Welcome!" }; }
}

class SendWelcomeEmailJob extends Job {
  static { this.queueAs("default"); this.retryOn("Net::OpenTimeout", { wait: "polynomiallyLonger", attempts: 5 }); }
  override async perform(email: string) { mail(UserMailer, "welcome", email).deliverNow(); }
}

describe("SendWelcomeEmailJob", () => {
  const world = useSimulation({ jobs: [SendWelcomeEmailJob] });   // a fresh world per test, on virtual time

  it("is enqueued on the default queue and sends one mail", async () => {
    await expect(() => SendWelcomeEmailJob.performLater("ada@example.com"))
      .toHaveEnqueuedJob(SendWelcomeEmailJob, { args: ["ada@example.com"], queue: "default" });
    await world.sim.runUntilIdle();
    expect(world.sim.deliveries).toHaveLength(1);
    expect(SendWelcomeEmailJob).toHaveBeenPerformed({ times: 1 });
  });
});
