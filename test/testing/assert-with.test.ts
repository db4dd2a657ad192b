import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { assertEnqueuedWith, assertPerformedWith, performEnqueuedJobs, travelTo, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { START } from "../helpers/world.js";
import { HelloJob, LoggingJob, PEOPLE_SQL, Person, TwoArgsJob } from "./support/jobs.js";

// assert_enqueued_with / assert_performed_with (active-job.md §7.5).

const TOMORROW_NOON = new Date(Date.UTC(2026, 0, 2, 12));

describe("assertEnqueuedWith", () => {
  const t = useTestAdapter({ setupSql: PEOPLE_SQL, models: [Person] });

  it("finds a recorded job by class and arguments, and returns it as an instance", async () => {
    await TwoArgsJob.performLater(1, 2);
    const job = assertEnqueuedWith({ job: TwoArgsJob, args: [1, 2] });
    expect(job).toBeInstanceOf(TwoArgsJob);
    expect(job.arguments).toEqual([1, 2]);
    expect(job.queueName).toBe("default");
    expect(job.scheduledAt).toBeNull();
    expect(job.executions).toBe(0);
    expect(job.jobId).toBe(t.adapter.enqueuedJobs[0]!.job_id);
    expect(t.adapter.enqueuedJobs).toHaveLength(1);
  });

  it("matches at within one second either side, queue and priority", async () => {
    await HelloJob.set({ waitUntil: TOMORROW_NOON, queue: "my_queue", priority: 4 }).performLater();
    assertEnqueuedWith({ at: TOMORROW_NOON, queue: "my_queue" });
    assertEnqueuedWith({ at: TOMORROW_NOON.getTime() + 1000 });
    assertEnqueuedWith({ at: TOMORROW_NOON.getTime() - 1000, priority: 4 });
    expect(() => assertEnqueuedWith({ at: TOMORROW_NOON.getTime() + 1001 })).toThrow(/^No enqueued job found with/);
    const job = assertEnqueuedWith({ job: HelloJob });
    expect(job.scheduledAt).toBe(TOMORROW_NOON.getTime());
  });

  it("matches relative times against wait: (the window covers the difference)", async () => {
    await travelTo(START + 500, { withMilliseconds: true });
    await HelloJob.set({ wait: 300 }).performLater();
    assertEnqueuedWith({ job: HelloJob, at: START + 300_000 });
  });

  it("never matches an unscheduled job with a given at", async () => {
    await HelloJob.performLater();
    expect(() => assertEnqueuedWith({ at: START })).toThrow(/^No enqueued job found/);
  });

  it("accepts predicates: at gets the Date (null when unscheduled), args the argument list", async () => {
    await HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater({ foo: "bar", other: 1 });
    await LoggingJob.performLater();
    assertEnqueuedWith({ job: HelloJob, at: (at) => at !== null && at.getUTCHours() === 12 });
    assertEnqueuedWith({ job: LoggingJob, at: (at) => at === null });
    assertEnqueuedWith({ job: HelloJob, args: (args) => "foo" in (args[0] as object) });
    assertEnqueuedWith({ args: [expect.objectContaining({ foo: "bar" })] });
  });

  it("compares arguments deserialized: hashes whatever their key order, records fetched again, dates", async () => {
    const person = Person.find(t.db, 42);
    await HelloJob.performLater({ a: 1, b: [2, 3] }, person, new Date(START + 7));
    assertEnqueuedWith({ job: HelloJob, args: [{ b: [2, 3], a: 1 }, person, new Date(START + 7)] });
    expect(() => assertEnqueuedWith({ job: HelloJob, args: [{ a: 1 }, person, new Date(START + 7)] })).toThrow(/^No enqueued job found/);
  });

  it("is exact about the class and the whole argument list", async () => {
    class LoudHelloJob extends HelloJob {}
    await LoudHelloJob.performLater(1, 2, 3);
    expect(() => assertEnqueuedWith({ job: HelloJob })).toThrow(/No jobs of class HelloJob were enqueued/);
    expect(() => assertEnqueuedWith({ job: LoudHelloJob, args: [1, 2] })).toThrow(/Potential matches/);
    assertEnqueuedWith({ job: LoudHelloJob, args: [1, 2, 3] });
  });

  it("with a block, looks only at the jobs it enqueued", async () => {
    await TwoArgsJob.performLater(1, 2);
    await expect(assertEnqueuedWith({ job: TwoArgsJob, args: [1, 2] }, () => LoggingJob.performLater())).rejects.toThrow(/No jobs of class TwoArgsJob/);
    const job = await assertEnqueuedWith({ job: TwoArgsJob, args: [3, 4] }, () => TwoArgsJob.performLater(3, 4));
    expect(job.arguments).toEqual([3, 4]);
  });

  it("says no jobs were enqueued", () => {
    expect(() => assertEnqueuedWith({ job: HelloJob, args: [1] })).toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: No enqueued job found with {job: HelloJob, args: [1]}

      No jobs were enqueued]
    `);
  });

  it("lists the classes enqueued when none is of the expected class", async () => {
    await LoggingJob.performLater();
    await TwoArgsJob.performLater(1, 2);
    expect(() => assertEnqueuedWith({ job: HelloJob, args: [1] })).toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: No enqueued job found with {job: HelloJob, args: [1]}

      No jobs of class HelloJob were enqueued, job classes enqueued: LoggingJob, TwoArgsJob]
    `);
  });

  it("lists the potential matches of the expected class", async () => {
    await HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater(2);
    await LoggingJob.performLater();
    expect(() => assertEnqueuedWith({ job: HelloJob, args: [1], queue: "default" })).toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: No enqueued job found with {job: HelloJob, args: [1], queue: "default"}

      Potential matches: {job_class: "HelloJob", job_id: "825c0a5d-665e-406b-9049-e68ed540f392", provider_job_id: 1, queue_name: "default", priority: null, arguments: [2], executions: 0, exception_executions: {}, locale: "en", timezone: "UTC", enqueued_at: "2026-01-01T00:00:00.000000000Z", scheduled_at: "2026-01-02T12:00:00.000000000Z", job: HelloJob, args: [2], queue: "default", at: 2026-01-02T12:00:00.000Z}]
    `);
  });

  it("refuses unknown keys", () => {
    expect(() => assertEnqueuedWith({ class: HelloJob } as never)).toThrowErrorMatchingInlineSnapshot(`[ArgumentError: assertEnqueuedWith: unknown option "class"; known options: job, args, at, queue, priority]`);
  });
});

describe("assertPerformedWith", () => {
  useTestAdapter();

  it("looks at performed jobs", async () => {
    await TwoArgsJob.performLater(1, 2);
    await performEnqueuedJobs();
    const job = assertPerformedWith({ job: TwoArgsJob, args: [1, 2] });
    expect(job.arguments).toEqual([1, 2]);
    await HelloJob.set({ waitUntil: TOMORROW_NOON, queue: "my_queue" }).performLater();
    await performEnqueuedJobs();
    assertPerformedWith({ at: TOMORROW_NOON, queue: "my_queue" });
  });

  it("with a block, performs everything enqueued in it and looks only at those", async () => {
    class ChainJob extends Job {
      override async perform() {
        await HelloJob.performLater("nested");
      }
    }
    const job = await assertPerformedWith({ job: HelloJob, args: ["nested"] }, () => ChainJob.performLater());
    expect(job).toBeInstanceOf(HelloJob);
    await expect(assertPerformedWith({ job: ChainJob }, () => {})).rejects.toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: No performed job found with {job: ChainJob}

      No jobs were performed]
    `);
  });

  it("fails with the performed wording", async () => {
    await LoggingJob.performLater();
    await performEnqueuedJobs();
    expect(() => assertPerformedWith({ job: HelloJob })).toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: No performed job found with {job: HelloJob}

      No jobs of class HelloJob were performed, job classes performed: LoggingJob]
    `);
  });
});

describe("assert*With in simulation mode", () => {
  useSimulation({ jobs: [HelloJob] });

  it("raise as Rails does on another adapter", () => {
    expect(() => assertEnqueuedWith({ job: HelloJob })).toThrow("assertEnqueuedWith requires the Active Job test adapter, you're using the simulation");
    expect(() => assertPerformedWith({ job: HelloJob })).toThrow("assertPerformedWith requires the Active Job test adapter");
  });
});
