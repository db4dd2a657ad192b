import { afterEach, describe, expect, it } from "vitest";
import { currentEnvironment, hasEnvironment } from "../../src/job/environment.js";
import { Job } from "../../src/job/job.js";
import { MailDeliveryJob, mail, Mailer } from "../../src/job/mailer.js";
import { performAllLater } from "../../src/job/bulk.js";
import { performEnqueuedJobs, startTestAdapter, TestAdapter, type JobEntry } from "../../src/testing/vitest.js";
import type { TestAdapterWorld } from "../../src/testing/world.js";
import { START } from "../helpers/world.js";
import { HelloJob, LoggingJob } from "./support/jobs.js";

// The adapter itself (active-job.md §7.1): entry structure, perform or record, filters, and the
// world job code sees while it runs (clock, app database, services, mail).

let world: TestAdapterWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
});

async function adapter(options: Parameters<typeof startTestAdapter>[0] = {}): Promise<TestAdapter> {
  world = await startTestAdapter(options);
  return world.adapter;
}

describe("TestAdapter entries", () => {
  it("records the payload plus job, args, queue, priority; at only for scheduled jobs", async () => {
    const a = await adapter();
    const job = (await HelloJob.set({ priority: 3 }).performLater(1, "two")) as Job;
    await HelloJob.set({ wait: 1.5, queue: "low" }).performLater();
    const [now, later] = a.enqueuedJobs as [JobEntry, JobEntry];
    expect(Object.keys(now)).toEqual([
      "job_class", "job_id", "provider_job_id", "queue_name", "priority", "arguments", "executions", "exception_executions",
      "locale", "timezone", "enqueued_at", "scheduled_at", "job", "args", "queue", "priority",
    ].filter((k, i, all) => all.indexOf(k) === i));
    expect(now).toMatchObject({ job_class: "HelloJob", job: HelloJob, args: [1, "two"], arguments: [1, "two"], queue: "default", priority: 3, scheduled_at: null });
    expect(now.job_id).toBe(job.jobId);
    expect(now.provider_job_id).toBe(1);
    expect(job.providerJobId).toBe(1);
    expect("at" in now).toBe(false);
    expect(later.at).toBe(START / 1000 + 1.5);
    expect(later).toMatchObject({ queue: "low", priority: null, scheduled_at: "2026-01-01T00:00:01.500000000Z", provider_job_id: 2 });
  });

  it("draws job ids from its seed", async () => {
    const a = await adapter({ seed: 7 });
    await HelloJob.performLater();
    const first = a.enqueuedJobs[0]!.job_id;
    world!.dispose();
    const b = await adapter({ seed: 7 });
    await HelloJob.performLater();
    expect(b.enqueuedJobs[0]!.job_id).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("records bulk enqueues (performAllLater) one entry per job", async () => {
    const a = await adapter();
    await performAllLater([new HelloJob(1), new LoggingJob().set({ wait: 10 })]);
    expect(a.enqueuedJobs.map((e) => [e.job_class, e.at])).toEqual([["HelloJob", undefined], ["LoggingJob", START / 1000 + 10]]);
  });
});

describe("TestAdapter perform mode", () => {
  it("performs at once when the flag for the kind of enqueue is set", async () => {
    const a = await adapter({ performEnqueuedJobs: true });
    await HelloJob.performLater(1);
    await HelloJob.set({ wait: 60 }).performLater(2);
    expect(a.performedJobs.map((e) => e.args)).toEqual([[1]]);
    expect(a.enqueuedJobs.map((e) => e.args)).toEqual([[2]]);
    a.performEnqueuedAtJobs = true;
    await HelloJob.set({ wait: 60 }).performLater(3);
    expect(a.performedJobs.map((e) => e.args)).toEqual([[1], [3]]);
  });

  it("runs a fresh instance rebuilt from the payload, after recording it", async () => {
    const seen: { same: boolean; recorded: number; executions: number; args: unknown[] }[] = [];
    let original: Job | undefined;
    let a: TestAdapter | undefined;
    class SelfAwareJob extends Job {
      override async perform(n: number) {
        seen.push({ same: this === original, recorded: a!.performedJobs.length, executions: this.executions, args: [n] });
      }
    }
    a = await adapter({ performEnqueuedJobs: true });
    original = new SelfAwareJob(5);
    await original.enqueue();
    expect(seen).toEqual([{ same: false, recorded: 1, executions: 1, args: [5] }]);
    expect(original.executions).toBe(0);
  });

  it("lets a job's error reach whoever enqueued it, and still counts it", async () => {
    class FailingJob extends Job {
      override async perform() {
        throw new Error("boom");
      }
    }
    const a = await adapter({ performEnqueuedJobs: true });
    await expect(FailingJob.performLater()).rejects.toThrow("boom");
    expect(a.performedJobs).toHaveLength(1);
  });

  it("records filtered-out jobs: queue, filter (only), reject (except), at", async () => {
    const a = await adapter({ performEnqueuedJobs: true, performEnqueuedAtJobs: true });
    a.queue = "low";
    await HelloJob.performLater("default queue");
    await HelloJob.set({ queue: "low" }).performLater("low queue");
    a.queue = null;
    a.filter = [LoggingJob];
    await HelloJob.performLater("not in filter");
    a.filter = (job: Job) => job.arguments[0] === "yes";
    await HelloJob.performLater("yes");
    await HelloJob.performLater("no");
    a.filter = null;
    a.reject = HelloJob;
    await HelloJob.performLater("rejected");
    await LoggingJob.performLater();
    a.reject = null;
    a.at = START / 1000 + 60;
    await HelloJob.set({ wait: 60 }).performLater("due by at");
    await HelloJob.set({ wait: 61 }).performLater("after at");
    await HelloJob.performLater("unscheduled");
    expect(a.performedJobs.map((e) => e.args[0] ?? e.job_class)).toEqual(["low queue", "yes", "LoggingJob", "due by at", "unscheduled"]);
    expect(a.enqueuedJobs.map((e) => e.args[0])).toEqual(["default queue", "not in filter", "no", "rejected", "after at"]);
  });

  it("matches only the exact class in a filter, not a subclass", async () => {
    class LoudHelloJob extends HelloJob {}
    const a = await adapter({ performEnqueuedJobs: true });
    a.filter = HelloJob;
    await LoudHelloJob.performLater();
    expect(a.enqueuedJobs.map((e) => e.job_class)).toEqual(["LoudHelloJob"]);
  });
});

describe("TestAdapter as the jobs' world", () => {
  it("is the current environment while in use, and not after", async () => {
    const before = hasEnvironment() ? currentEnvironment() : null;
    const a = await adapter();
    expect(currentEnvironment()).toBe(a);
    world!.dispose();
    world = undefined;
    expect(hasEnvironment() ? currentEnvironment() : null).toBe(before);
    expect(a.isDisposed).toBe(true);
    expect(() => new HelloJob()).toThrow(/No job environment/);
  });

  it("runs on a virtual clock the global Date follows (restored afterwards)", async () => {
    const RealDate = Date;
    const a = await adapter({ start: "2030-05-01T08:00:00Z" });
    expect(Date.now()).toBe(Date.UTC(2030, 4, 1, 8));
    expect(new Date().toISOString()).toBe("2030-05-01T08:00:00.000Z");
    class SleepyJob extends Job {
      override async perform() {
        await this.sleep("90s");
        this.log(`woke at ${this.now().toISOString()}`);
      }
    }
    a.performEnqueuedJobs = true;
    await SleepyJob.performLater();
    expect(a.logs).toEqual([{ t: Date.UTC(2030, 4, 1, 8, 1, 30), message: "woke at 2030-05-01T08:01:30.000Z", jobClass: "SleepyJob" }]);
    world!.dispose();
    world = undefined;
    expect(Date).toBe(RealDate);
  });

  it("can leave the global Date alone", async () => {
    const RealDate = Date;
    await adapter({ fakeDate: false });
    expect(Date).toBe(RealDate);
  });

  it("gives jobs an app database, scripted services and a mail outbox", async () => {
    class UserMailer extends Mailer {
      welcome(user: { email: string }) {
        return { to: user.email, subject: "Welcome" };
      }
    }
    class ChargeJob extends Job {
      override async perform(userId: number) {
        const user = await this.db.get<{ email: string }>("SELECT email FROM users WHERE id = ?", [userId]);
        const receipt = await this.services.payments!.charge!(userId, 100);
        await this.db.run("UPDATE users SET receipt = ? WHERE id = ?", [String(receipt), userId]);
        mail(UserMailer, "welcome", user!).deliverNow();
      }
    }
    const a = await adapter({ performEnqueuedJobs: true, setupSql: "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, receipt TEXT); INSERT INTO users (id, email) VALUES (1, 'ada@example.com');" });
    a.services.get("payments").script("charge", [{ returns: "r-1", latency: 2 }]);
    await ChargeJob.performLater(1);
    expect(a.db.get("SELECT receipt FROM users WHERE id = 1")).toEqual({ receipt: "r-1" });
    expect(a.deliveries).toMatchObject([{ to: "ada@example.com", subject: "Welcome", mailer: "UserMailer", action: "welcome", deliveredAt: START + 2000 }]);
    expect(a.services.calls()).toMatchObject([{ service: "payments", method: "charge", args: [1, 100], outcome: "returned" }]);
  });

  it("refuses a hanging service call instead of hanging the test", async () => {
    class HangJob extends Job {
      override async perform() {
        await this.services.api!.get!();
      }
    }
    const a = await adapter({ performEnqueuedJobs: true });
    a.services.get("api").script("get", [{ hang: true }]);
    await expect(HangJob.performLater()).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: api.get is scripted to hang; in test adapter mode nothing would ever resume the job (use a simulation to test hangs)]`);
  });

  it("records deliverLater as Action Mailer's delivery job, and delivers when performed", async () => {
    class NewsMailer extends Mailer {
      digest(email: string) {
        return { to: email, subject: "Digest" };
      }
    }
    const a = await adapter();
    await expect(() => mail(NewsMailer, "digest", "ada@example.com").deliverLater({ wait: "5 minutes" })).toHaveEnqueuedJob(MailDeliveryJob, {
      args: ["NewsMailer", "digest", "deliver_now", { args: ["ada@example.com"] }],
      at: START + 300_000,
      queue: "default",
    });
    await performEnqueuedJobs();
    expect(a.deliveries).toMatchObject([{ to: "ada@example.com", subject: "Digest", mailer: "NewsMailer" }]);
  });

  it("refuses unknown options", async () => {
    await expect(startTestAdapter({ perfomEnqueuedJobs: true } as never)).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: TestAdapter: unknown option "perfomEnqueuedJobs" (did you mean "performEnqueuedJobs"?); known options: start, seed, setupSql, models, serializers, errors, performEnqueuedJobs, performEnqueuedAtJobs, fakeDate]`);
  });

  it("refuses enqueues once disposed", async () => {
    const a = await adapter();
    const job = new HelloJob();
    world!.dispose();
    world = undefined;
    await expect(a.enqueue(job)).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: this test adapter was disposed (its test ended): enqueue inside the test that created it]`);
  });
});
