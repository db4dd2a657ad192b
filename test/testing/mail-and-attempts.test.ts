import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { mail, Mailer, type Mail } from "../../src/job/mailer.js";
import { performEnqueuedJobs, travel, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";

// vitest parity with a scenario's expectations (issue 13): attemptsAt on the perform matchers
// (offsets of executions from the first enqueue, within a tolerance, as `attempts_at`), and
// rspec-rails' have_enqueued_mail as toHaveEnqueuedMail, with toHaveBeenDelivered for mail sent.

class Flaky extends Error {}

class RetryJob extends Job {
  static {
    this.retryOn(Flaky, { wait: 3, attempts: 3 });
  }
  override async perform(_n: number): Promise<void> {
    if (this.executions < 3) throw new Flaky("not yet");
  }
}

class PollyJob extends Job {
  static {
    this.retryOn(Flaky, { wait: "polynomiallyLonger", attempts: 3, jitter: 0 });
  }
  override async perform(): Promise<void> {
    if (this.executions < 3) throw new Flaky("not yet");
  }
}

class UserMailer extends Mailer {
  welcome(email: string): Mail {
    return { to: email, subject: "Welcome!" };
  }
  farewell(email: string, reason: string): Mail {
    return { to: email, subject: `Bye (${reason})` };
  }
}

class OtherMailer extends Mailer {
  ping(): Mail {
    return { to: "ops@example.com", subject: "ping" };
  }
}

describe("attemptsAt in a simulation", () => {
  const world = useSimulation({ jobs: [RetryJob, PollyJob] });

  it("passes when each execution starts at its offset from the first enqueue, within the tolerance", async () => {
    const sim = world.sim;
    await sim.advance(10);
    await RetryJob.performLater(1);
    await sim.runUntilIdle();
    // A retry waits 3 s, then the dispatcher's poll (1 s) and a worker's (0.1 s) may add a little.
    expect(RetryJob).toHaveBeenPerformed({ attemptsAt: ["+0s", "+3s", "+6s"], tolerance: "1.5s" });
    expect(RetryJob).toHaveBeenPerformed({ attemptsAt: [0, 3, 6], tolerance: 1.5 });
    expect(() => expect(RetryJob).toHaveBeenPerformed({ attemptsAt: [0, 10, 20] })).toThrow(
      /^expected to perform exactly 3 jobs, starting at \+0s, \+10s, \+20s \(±1s\) from the first enqueue, but performed 3, starting at \+[\d.]+s, \+[\d.]+s, \+[\d.]+s from the first enqueue$/,
    );
    expect(() => expect(RetryJob).toHaveBeenPerformed({ attemptsAt: [0, 3] })).toThrow(/^expected to perform exactly 2 jobs, starting at \+0s, \+3s \(±1s\)/);
  });

  it("reads polynomially longer waits (3 s, then 18 s)", async () => {
    const sim = world.sim;
    await PollyJob.performLater();
    await sim.runUntilIdle();
    expect(PollyJob).toHaveBeenPerformed({ attemptsAt: [0, 3, 21], tolerance: "2.5s" });
    expect(PollyJob).not.toHaveBeenPerformed({ attemptsAt: [0, 3, 6], tolerance: "2.5s" });
  });

  it("refuses attemptsAt where it means nothing, and bad offsets", () => {
    expect(() => expect(RetryJob).toHaveBeenEnqueued({ attemptsAt: [0] } as never)).toThrow("toHaveBeenEnqueued: attemptsAt and tolerance are for the perform matchers (toHaveBeenPerformed, toHavePerformedJob)");
    expect(() => expect(RetryJob).toHaveBeenPerformed({ attemptsAt: ["soon"] })).toThrow(/toHaveBeenPerformed: attemptsAt\[0\]: bad duration "soon"/);
    expect(() => expect(RetryJob).toHaveBeenPerformed({ tolerance: 1 })).toThrow("toHaveBeenPerformed: tolerance goes with attemptsAt");
    expect(() => expect(RetryJob).toHaveBeenPerformed({ attemptsAt: [0], tolerence: 1 } as never)).toThrow('unknown option "tolerence" (did you mean "tolerance"?)');
  });
});

describe("attemptsAt with the test adapter", () => {
  useTestAdapter();

  it("measures on the adapter's clock: retries inside performEnqueuedJobs run at once", async () => {
    await travel(5);
    await performEnqueuedJobs(async () => {
      await RetryJob.performLater(1);
    });
    expect(RetryJob).toHaveBeenPerformed({ attemptsAt: [0, 0, 0], tolerance: 0 });
  });
});

describe("toHaveEnqueuedMail (rspec-rails' have_enqueued_mail)", () => {
  useTestAdapter();

  it("matches by mailer, action and the mail's arguments", async () => {
    await expect(() => mail(UserMailer, "welcome", "ada@example.com").deliverLater()).toHaveEnqueuedMail();
    await expect(() => mail(UserMailer, "welcome", "ada@example.com").deliverLater()).toHaveEnqueuedMail(UserMailer);
    await expect(() => mail(UserMailer, "welcome", "ada@example.com").deliverLater()).toHaveEnqueuedMail(UserMailer, "welcome");
    await expect(() => mail(UserMailer, "farewell", "ada@example.com", "moved").deliverLater()).toHaveEnqueuedMail(UserMailer, "farewell", { args: ["ada@example.com", expect.any(String)] });
    await expect(() => mail(UserMailer, "welcome", "a@example.com").deliverLater({ queue: "mailers" })).toHaveEnqueuedMail(UserMailer, "welcome", { queue: "mailers" });
    await expect(async () => {
      await mail(UserMailer, "welcome", "a@example.com").deliverLater();
      await mail(UserMailer, "welcome", "b@example.com").deliverLater();
    }).toHaveEnqueuedMail(UserMailer, "welcome", { times: 2 });
  });

  it("fails in rspec-rails' words, listing the other deliveries", async () => {
    await expect(expect(() => mail(UserMailer, "farewell", "eve@example.com", "moved").deliverLater()).toHaveEnqueuedMail(UserMailer, "welcome", { args: ["ada@example.com"] })).rejects.toThrow(
      'expected to enqueue UserMailer.welcome exactly 1 time with ["ada@example.com"], but enqueued 0\nQueued deliveries:\n  UserMailer.farewell with ["eve@example.com", "moved"], on queue default',
    );
    await expect(expect(() => {}).toHaveEnqueuedMail(OtherMailer, { atLeast: 2 })).rejects.toThrow("expected to enqueue OtherMailer at least 2 times but enqueued 0");
  });

  it("negated, passes only when no such mail is enqueued", async () => {
    await expect(() => mail(OtherMailer, "ping").deliverLater()).not.toHaveEnqueuedMail(UserMailer);
    await expect(expect(() => mail(UserMailer, "welcome", "x@example.com").deliverLater()).not.toHaveEnqueuedMail(UserMailer)).rejects.toThrow(
      "expected not to enqueue UserMailer at least 1 time but enqueued 1",
    );
  });

  it("ignores plain jobs and refuses a wrong subject or arguments", async () => {
    await expect(() => RetryJob.performLater(1)).not.toHaveEnqueuedMail();
    await expect(expect(UserMailer).toHaveEnqueuedMail()).rejects.toThrow("toHaveEnqueuedMail only supports block expectations");
    await expect(expect(() => {}).toHaveEnqueuedMail("welcome" as never)).rejects.toThrow('toHaveEnqueuedMail: give the mailer class before the action: toHaveEnqueuedMail(UserMailer, "welcome")');
    await expect(expect(() => {}).toHaveEnqueuedMail(UserMailer, { queu: "x" } as never)).rejects.toThrow('unknown option "queu" (did you mean "queue"?)');
  });
});

describe("toHaveBeenDelivered", () => {
  const t = useTestAdapter();

  it("counts the mail a mailer delivered, by action, recipient and subject", async () => {
    mail(UserMailer, "welcome", "ada@example.com").deliverNow();
    await performEnqueuedJobs(() => mail(UserMailer, "farewell", "bob@example.com", "moved").deliverLater());
    expect(t.deliveries).toHaveLength(2);
    expect(UserMailer).toHaveBeenDelivered({ times: 2 });
    expect(UserMailer).toHaveBeenDelivered({ action: "welcome", to: "ada@example.com" });
    expect(UserMailer).toHaveBeenDelivered({ subject: expect.stringMatching(/^Bye/) });
    expect(OtherMailer).not.toHaveBeenDelivered();
    expect(() => expect(UserMailer).toHaveBeenDelivered({ action: "welcome", to: "bob@example.com" })).toThrow(
      'expected UserMailer to deliver exactly 1 mail, from UserMailer.welcome, to "bob@example.com", but delivered 0\nDelivered mail:\n  UserMailer.welcome to "ada@example.com", subject "Welcome!"\n  UserMailer.farewell to "bob@example.com", subject "Bye (moved)"',
    );
    expect(() => expect(RetryJob).toHaveBeenDelivered()).toThrow("toHaveBeenDelivered needs a mailer class as the subject");
  });
});
