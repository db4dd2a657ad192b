import { describe, expect, it } from "vitest";
import { clearEnqueuedJobs, performEnqueuedJobs, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { HeavyLiftingJob, HelloJob } from "./support/jobs.js";

// rspec-rails' have_been_enqueued cases, ported.

describe("toHaveBeenEnqueued (test adapter)", () => {
  const t = useTestAdapter();

  // §8.1: rspec-expectations fails the expectation (ExpectationNotMetError), with or without `not`.
  it("fails the expectation when given a block, with rspec's message, negated too", () => {
    expect(() => expect(() => HeavyLiftingJob).toHaveBeenEnqueued()).toThrowErrorMatchingInlineSnapshot(`[Error: You must pass an argument rather than a block to \`expect\` to use the provided matcher (have been enqueued), or the matcher must implement \`supports_block_expectations?\`.]`);
    expect(() => expect(() => HeavyLiftingJob).not.toHaveBeenEnqueued()).toThrow("You must pass an argument rather than a block to `expect` to use the provided matcher (have been enqueued), or the matcher must implement `supports_block_expectations?`.");
    expect(() => expect(42).toHaveBeenEnqueued()).toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHaveBeenEnqueued needs a job class as the subject, expect(HelloJob).toHaveBeenEnqueued(...), not a number]`);
  });

  it("passes with the default count (exactly one)", async () => {
    await HeavyLiftingJob.performLater();
    expect(HeavyLiftingJob).toHaveBeenEnqueued();
  });

  it("counts all enqueued jobs", async () => {
    await HeavyLiftingJob.performLater();
    await HeavyLiftingJob.performLater();
    expect(HeavyLiftingJob).toHaveBeenEnqueued({ times: 2 });
  });

  it("passes when negated", () => {
    expect(HeavyLiftingJob).not.toHaveBeenEnqueued();
  });

  it("fails when the job is not enqueued", () => {
    expect(() => expect(HeavyLiftingJob).toHaveBeenEnqueued()).toThrowErrorMatchingInlineSnapshot(`[Error: expected to enqueue exactly 1 jobs, but enqueued 0]`);
  });

  it("fails when negated and several jobs are enqueued", async () => {
    await HeavyLiftingJob.performLater();
    await HeavyLiftingJob.performLater();
    expect(() => expect(HeavyLiftingJob).not.toHaveBeenEnqueued()).toThrowErrorMatchingInlineSnapshot(`[Error: expected not to enqueue at least 1 jobs, but enqueued 2]`);
    expect(() => expect(HeavyLiftingJob).not.toHaveBeenEnqueued({ times: 5 })).toThrow("expected not to enqueue at least 1 jobs, but enqueued 2");
  });

  it("accepts an asymmetric matcher as the at time", async () => {
    const future = t.now() + 60_000;
    await HeavyLiftingJob.set({ waitUntil: t.now() + 58_000 }).performLater();
    expect(HeavyLiftingJob).toHaveBeenEnqueued({ at: expect.toBeCloseToTime(future, 5) });
  });

  it("looks only at the subject's class, exactly (not subclasses)", async () => {
    class LoudHelloJob extends HelloJob {}
    await LoudHelloJob.performLater("hi");
    await HelloJob.performLater("hello");
    expect(HelloJob).toHaveBeenEnqueued({ args: ["hello"] });
    expect(() => expect(HelloJob).toHaveBeenEnqueued({ times: 2 })).toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 2 jobs, but enqueued 1
      Queued jobs:
        LoudHelloJob job with ["hi"], on queue default, with no priority specified]
    `);
  });

  it("never clears anything, but performed jobs leave the list", async () => {
    await HelloJob.performLater(1);
    expect(HelloJob).toHaveBeenEnqueued();
    expect(HelloJob).toHaveBeenEnqueued();
    await performEnqueuedJobs();
    expect(HelloJob).not.toHaveBeenEnqueued();
    await HelloJob.performLater(2);
    clearEnqueuedJobs();
    expect(HelloJob).not.toHaveBeenEnqueued();
  });
});

describe("toHaveBeenEnqueued (simulation)", () => {
  const s = useSimulation({ jobs: [HelloJob] });

  it("counts every row enqueued, performed or not", async () => {
    await HelloJob.performLater(1);
    await HelloJob.set({ wait: "1h" }).performLater(2);
    expect(HelloJob).toHaveBeenEnqueued({ times: 2 });
    await s.sim.runUntilIdle();
    expect(HelloJob).toHaveBeenEnqueued({ args: [2], at: Date.UTC(2026, 0, 1, 1) });
    expect(() => expect(HelloJob).toHaveBeenEnqueued({ args: [3] })).toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 1 jobs, with [3], but enqueued 0
      Queued jobs:
        HelloJob job with [1], on queue default, with no priority specified
        HelloJob job with [2], on queue default, at 2026-01-01 01:00:00 UTC, with no priority specified]
    `);
  });
});
