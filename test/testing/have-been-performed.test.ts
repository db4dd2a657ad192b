import { describe, expect, it } from "vitest";
import { clearPerformedJobs, performEnqueuedJobs, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { HeavyLiftingJob, HelloJob, UnreliableJob } from "./support/jobs.js";

// rspec-rails' have_been_performed cases, ported.

describe("toHaveBeenPerformed (test adapter in perform mode)", () => {
  useTestAdapter({ performEnqueuedJobs: true, performEnqueuedAtJobs: true });

  // §8.1: rspec-expectations fails the expectation (ExpectationNotMetError), with or without `not`.
  it("fails the expectation when given a block, with rspec's message, negated too", () => {
    expect(() => expect(() => HeavyLiftingJob).toHaveBeenPerformed()).toThrowErrorMatchingInlineSnapshot(`[Error: You must pass an argument rather than a block to \`expect\` to use the provided matcher (have been performed), or the matcher must implement \`supports_block_expectations?\`.]`);
    expect(() => expect(() => HeavyLiftingJob).not.toHaveBeenPerformed()).toThrow("You must pass an argument rather than a block to `expect` to use the provided matcher (have been performed), or the matcher must implement `supports_block_expectations?`.");
  });

  it("passes with the default count (exactly one)", async () => {
    await HeavyLiftingJob.performLater();
    expect(HeavyLiftingJob).toHaveBeenPerformed();
  });

  it("counts all performed jobs", async () => {
    await HeavyLiftingJob.performLater();
    await HeavyLiftingJob.performLater();
    expect(HeavyLiftingJob).toHaveBeenPerformed({ times: 2 });
  });

  it("passes when negated", () => {
    expect(HeavyLiftingJob).not.toHaveBeenPerformed();
  });

  it("fails when the job is not performed", () => {
    expect(() => expect(HeavyLiftingJob).toHaveBeenPerformed()).toThrowErrorMatchingInlineSnapshot(`[Error: expected to perform exactly 1 jobs, but performed 0]`);
  });

  it("negates by plain inversion", async () => {
    await HeavyLiftingJob.performLater();
    expect(() => expect(HeavyLiftingJob).not.toHaveBeenPerformed()).toThrowErrorMatchingInlineSnapshot(`[Error: expected not to perform exactly 1 jobs, but performed 1]`);
    await HeavyLiftingJob.performLater();
    expect(HeavyLiftingJob).not.toHaveBeenPerformed();
  });

  it("counts a job whose perform raised (recorded before it runs)", async () => {
    await expect(UnreliableJob.performLater()).rejects.toThrow("unreliable");
    expect(UnreliableJob).toHaveBeenPerformed({ times: 5 });
    expect(UnreliableJob).toHaveBeenPerformed({ queue: "retry", times: 4 });
    clearPerformedJobs();
    expect(UnreliableJob).not.toHaveBeenPerformed();
  });
});

describe("toHaveBeenPerformed (test adapter, flushing)", () => {
  useTestAdapter();

  it("sees jobs flushed by performEnqueuedJobs()", async () => {
    await HelloJob.performLater("a");
    expect(HelloJob).not.toHaveBeenPerformed();
    await performEnqueuedJobs();
    expect(HelloJob).toHaveBeenPerformed({ args: ["a"] });
  });
});

describe("toHaveBeenPerformed (simulation)", () => {
  const s = useSimulation({ jobs: [HelloJob] });

  it("counts every execution started", async () => {
    await HelloJob.performLater(1);
    expect(HelloJob).not.toHaveBeenPerformed();
    await s.sim.runUntilIdle();
    expect(HelloJob).toHaveBeenPerformed({ args: [1] });
    expect(() => expect(HelloJob).toHaveBeenPerformed({ args: [2] })).toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to perform exactly 1 jobs, with [2], but performed 0
      Queued jobs:
        HelloJob job with [1], on queue default, with no priority specified]
    `);
  });
});
