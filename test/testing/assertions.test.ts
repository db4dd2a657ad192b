import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import {
  AssertionError,
  assertEnqueuedJobs,
  assertNoEnqueuedJobs,
  assertNoPerformedJobs,
  assertPerformedJobs,
  performEnqueuedJobs,
  useSimulation,
  useTestAdapter,
  type JobEntry,
} from "../../src/testing/vitest.js";
import { HelloJob, LoggingJob } from "./support/jobs.js";

// assert_enqueued_jobs / assert_no_enqueued_jobs / assert_performed_jobs /
// assert_no_performed_jobs (active-job.md §7.4).

class ParentJob extends Job {
  override async perform() {
    await HelloJob.performLater("child");
    await LoggingJob.performLater();
  }
}

describe("assertEnqueuedJobs", () => {
  useTestAdapter();

  it("counts the recorded jobs without a block", async () => {
    assertEnqueuedJobs(0);
    await HelloJob.performLater("david");
    assertEnqueuedJobs(1);
    await HelloJob.performLater("abdelkader");
    assertEnqueuedJobs(2);
    assertEnqueuedJobs(2, { only: HelloJob });
    assertEnqueuedJobs(0, { except: [HelloJob] });
    assertEnqueuedJobs(2, { queue: "default" });
    assertEnqueuedJobs(1, { only: (e: JobEntry) => e.args[0] === "david" });
  });

  it("counts the jobs the block enqueued", async () => {
    await HelloJob.performLater("before");
    await assertEnqueuedJobs(1, () => HelloJob.performLater("cristian"));
    await assertEnqueuedJobs(2, async () => {
      await HelloJob.performLater("aaron");
      await HelloJob.performLater("rafael");
    });
    await assertEnqueuedJobs(1, { only: LoggingJob }, async () => {
      await LoggingJob.performLater();
      await HelloJob.performLater("jeremy");
    });
    await assertEnqueuedJobs(2, { queue: "default" }, async () => {
      await LoggingJob.performLater();
      await HelloJob.performLater("elfassy");
    });
  });

  it("does not turn perform mode on", async () => {
    await assertEnqueuedJobs(1, () => ParentJob.performLater());
  });

  it("fails with minitest's message", async () => {
    await HelloJob.performLater();
    expect(() => assertEnqueuedJobs(2)).toThrow(AssertionError);
    expect(() => assertEnqueuedJobs(2)).toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: 2 jobs expected, but 1 were enqueued.
      Expected: 2
        Actual: 1]
    `);
    await expect(assertEnqueuedJobs(1, () => {})).rejects.toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: 1 jobs expected, but 0 were enqueued.
      Expected: 1
        Actual: 0]
    `);
  });

  it("refuses bad options and bad counts", () => {
    expect(() => assertEnqueuedJobs(1, { only: HelloJob, except: LoggingJob })).toThrowErrorMatchingInlineSnapshot(`[ArgumentError: Cannot specify both \`only\` and \`except\` options.]`);
    expect(() => assertEnqueuedJobs(1, { at: 0 } as never)).toThrowErrorMatchingInlineSnapshot(`[ArgumentError: assertEnqueuedJobs: unknown option "at"; known options: only, except, queue]`);
    expect(() => assertEnqueuedJobs(-1)).toThrowErrorMatchingInlineSnapshot(`[ArgumentError: assertEnqueuedJobs: the expected number of jobs must be a non-negative integer, got -1]`);
  });
});

describe("assertNoEnqueuedJobs", () => {
  useTestAdapter();

  it("passes with nothing enqueued, filtered, and with a block", async () => {
    assertNoEnqueuedJobs();
    await assertNoEnqueuedJobs(() => {});
    await assertNoEnqueuedJobs({ only: LoggingJob }, () => HelloJob.performLater("jeremy"));
    await assertNoEnqueuedJobs({ except: HelloJob }, () => HelloJob.performLater("jeremy"));
    await assertNoEnqueuedJobs({ queue: "default" }, () => LoggingJob.set({ queue: "some_queue" }).performLater());
  });

  it("fails with minitest's message", async () => {
    await expect(assertNoEnqueuedJobs(() => HelloJob.performLater())).rejects.toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: 0 jobs expected, but 1 were enqueued.
      Expected: 0
        Actual: 1]
    `);
  });
});

describe("assertPerformedJobs", () => {
  useTestAdapter();

  it("counts recorded performs without a block", async () => {
    assertPerformedJobs(0);
    await performEnqueuedJobs(() => HelloJob.performLater("xavier"));
    assertPerformedJobs(1);
    await HelloJob.performLater("yves");
    await performEnqueuedJobs();
    assertPerformedJobs(2);
    assertPerformedJobs(0, { only: LoggingJob });
  });

  it("with a block, performs inside it and counts every job performed, nested ones included", async () => {
    await assertPerformedJobs(1, () => HelloJob.performLater("robin"));
    await assertPerformedJobs(3, () => ParentJob.performLater());
  });

  it("hands the filters to the adapter (a function receives the job instance); filtered jobs stay enqueued", async () => {
    await assertPerformedJobs(1, { only: HelloJob }, async () => {
      await HelloJob.performLater("jeremy");
      await LoggingJob.performLater();
    });
    await assertPerformedJobs(1, { except: LoggingJob }, async () => {
      await HelloJob.performLater("jeremy");
      await LoggingJob.performLater();
    });
    await assertPerformedJobs(1, { only: (job: Job) => job instanceof HelloJob }, async () => {
      await HelloJob.performLater("jeremy");
      await LoggingJob.performLater();
    });
    await assertPerformedJobs(1, { queue: "some_queue" }, async () => {
      await HelloJob.set({ queue: "some_queue" }).performLater("jeremy");
      await HelloJob.set({ queue: "other_queue" }).performLater("bogdan");
    });
    assertEnqueuedJobs(4);
  });

  it("fails with minitest's message", async () => {
    expect(() => assertPerformedJobs(1)).toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: 1 jobs expected, but 0 were performed.
      Expected: 1
        Actual: 0]
    `);
    await expect(assertPerformedJobs(1, () => ParentJob.performLater())).rejects.toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: 1 jobs expected, but 3 were performed.
      Expected: 1
        Actual: 3]
    `);
  });
});

describe("assertNoPerformedJobs", () => {
  useTestAdapter();

  it("passes when nothing is performed, and with filters", async () => {
    assertNoPerformedJobs();
    await assertNoPerformedJobs(() => {});
    await assertNoPerformedJobs({ only: LoggingJob }, () => HelloJob.performLater("jeremy"));
    await assertNoPerformedJobs({ queue: "some_queue" }, () => HelloJob.set({ queue: "other_queue" }).performLater("jeremy"));
  });

  it("fails with minitest's message", async () => {
    await expect(assertNoPerformedJobs(() => HelloJob.performLater())).rejects.toThrowErrorMatchingInlineSnapshot(`
      [AssertionError: 0 jobs expected, but 1 were performed.
      Expected: 0
        Actual: 1]
    `);
  });
});

describe("assertions in simulation mode", () => {
  useSimulation({ jobs: [HelloJob] });

  it("raise as Rails does on another adapter", async () => {
    expect(() => assertEnqueuedJobs(0)).toThrowErrorMatchingInlineSnapshot(`[ArgumentError: assertEnqueuedJobs requires the Active Job test adapter, you're using the simulation (Solid Queue). In simulation mode use the matchers (toHaveEnqueuedJob, toHavePerformedJob, ...), enqueuedJobs() / performedJobs() or sim.jobs(), and run the simulation (sim.runUntilIdle()) to perform jobs.]`);
    await expect(assertNoEnqueuedJobs(() => {})).rejects.toThrow("assertNoEnqueuedJobs requires the Active Job test adapter");
    expect(() => assertPerformedJobs(0)).toThrow("assertPerformedJobs requires the Active Job test adapter");
    expect(() => assertNoPerformedJobs()).toThrow("assertNoPerformedJobs requires the Active Job test adapter");
  });
});
