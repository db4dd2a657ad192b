import { describe, expect, it } from "vitest";
import { assertEnqueuedJobs, assertEnqueuedWith, assertNoEnqueuedJobs, assertNoPerformedJobs, assertPerformedWith, performEnqueuedJobs, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { HelloJob, LoggingJob, TwoArgsJob } from "./support/jobs.js";

// active-job.md §7.5: every expectation of assert_*_with (job, args, at, queue, priority) may be
// a callable, called with the candidate's value. §7.2: each helper names itself.

describe("§7.5 expectations given as functions", () => {
  useTestAdapter();

  it("job: a function that is not a job class is called with the candidate's class", async () => {
    await TwoArgsJob.performLater(1, 2);
    await HelloJob.performLater("x");
    const job = assertEnqueuedWith({ job: (k) => k === HelloJob });
    expect(job).toBeInstanceOf(HelloJob);
    expect(() => assertEnqueuedWith({ job: (k) => k === LoggingJob })).toThrow(/^No enqueued job found with/);
  });

  it("queue and priority: called with the entry's queue name and priority", async () => {
    await HelloJob.set({ queue: "low", priority: 7 }).performLater("x");
    assertEnqueuedWith({ queue: (q) => q.startsWith("lo"), priority: (p) => p === 7 });
    expect(() => assertEnqueuedWith({ queue: (q) => q === "default" })).toThrow(/^No enqueued job found/);
    expect(() => assertEnqueuedWith({ priority: (p) => p === null })).toThrow(/^No enqueued job found/);
  });

  it("the same functions work over performed jobs", async () => {
    await performEnqueuedJobs(() => TwoArgsJob.performLater(3, 4));
    const job = assertPerformedWith({ job: (k) => k === TwoArgsJob, args: (a) => a[0] === 3, at: (at) => at === null });
    expect(job.arguments).toEqual([3, 4]);
  });
});

describe("§7.2 each helper names itself", () => {
  useSimulation({ jobs: [HelloJob] });

  it("the no-variants name themselves, not the helper they count with", async () => {
    await expect(assertNoEnqueuedJobs(() => {})).rejects.toThrow("assertNoEnqueuedJobs requires the Active Job test adapter, you're using the simulation");
    expect(() => assertNoEnqueuedJobs()).toThrow("assertNoEnqueuedJobs requires the Active Job test adapter");
    expect(() => assertNoPerformedJobs()).toThrow("assertNoPerformedJobs requires the Active Job test adapter");
    expect(() => assertEnqueuedJobs(1)).toThrow("assertEnqueuedJobs requires the Active Job test adapter");
  });
});
