import { beforeEach, describe, expect, it } from "vitest";
import { RecordNotFound } from "../../src/job/errors.js";
import { Job } from "../../src/job/job.js";
import { mail, Mailer } from "../../src/job/mailer.js";
import { useSimulation, useTestAdapter } from "../../src/testing/vitest.js";

// The seed's "Testing Jobs" example (spec/jobs/send_welcome_email_job_spec.rb), translated.

type UserRow = { id: number; email: string; name: string };

class UserMailer extends Mailer {
  welcome(user: UserRow) {
    return { to: user.email, subject: `Welcome, ${user.name}!` };
  }
}

class SendWelcomeEmailJob extends Job {
  static {
    this.queueAs("default");
  }

  override async perform(userId: number) {
    const user = await this.db.get<UserRow>("SELECT * FROM users WHERE id = ?", [userId]);
    if (user === undefined) throw new RecordNotFound("User", "id", String(userId));
    mail(UserMailer, "welcome", user).deliverNow();
  }
}

const USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL)";

describe("SendWelcomeEmailJob", () => {
  const t = useTestAdapter({ setupSql: USERS });
  let user: UserRow;
  beforeEach(() => {
    // let(:user) { create(:user) }
    t.db.run("INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada')");
    user = t.db.get<UserRow>("SELECT * FROM users WHERE email = 'ada@example.com'")!;
  });

  describe("perform", () => {
    it("sends welcome email", async () => {
      const before = t.deliveries.length;
      await SendWelcomeEmailJob.performNow(user.id);
      expect(t.deliveries.length - before).toBe(1);
      expect(t.deliveries.at(-1)).toMatchObject({ mailer: "UserMailer", action: "welcome", to: "ada@example.com", subject: "Welcome, Ada!" });
    });
  });

  describe("enqueueing", () => {
    it("enqueues job", async () => {
      await expect(() => SendWelcomeEmailJob.performLater(user.id)).toHaveEnqueuedJob(SendWelcomeEmailJob, { args: [user.id] });
    });

    it("enqueues on correct queue", async () => {
      await expect(() => SendWelcomeEmailJob.performLater(user.id)).toHaveEnqueuedJob({ queue: "default" });
    });
  });
});

describe("SendWelcomeEmailJob in a simulation", () => {
  const s = useSimulation({ jobs: [SendWelcomeEmailJob], setupSql: `${USERS}; INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada')` });

  it("is enqueued with the user's id on the default queue, and sends one welcome mail when a worker performs it", async () => {
    await expect(() => SendWelcomeEmailJob.performLater(1)).toHaveEnqueuedJob(SendWelcomeEmailJob, { args: [1], queue: "default" });
    expect(s.sim.deliveries).toHaveLength(0);
    await expect(() => s.sim.runUntilIdle()).toHavePerformedJob(SendWelcomeEmailJob, { args: [1] });
    expect(s.sim.deliveries).toMatchObject([{ to: "ada@example.com", subject: "Welcome, Ada!" }]);
  });
});
