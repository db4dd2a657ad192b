import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { queueYaml, world } from "../helpers/world.js";

// Bulk retry and discard of failed executions in batches (solid-queue.md §2.8, §2.10):
// discard_all_in_batches(batch_size:) and retry_all on batch_size jobs at a time, job_id order.

class AlwaysFails extends Job {
  override perform(): void {
    throw new Error("always");
  }
}

async function fiveFailed() {
  const sim = await world({ jobs: [AlwaysFails], queueConfig: queueYaml('[{ queues: "*", threads: 1, polling_interval: 0.1 }]') });
  for (let i = 0; i < 5; i++) await sim.enqueue(AlwaysFails);
  await sim.runUntilIdle();
  sim.stop("worker:0");
  await sim.advance(10);
  expect(sim.jobs({ status: "failed" })).toHaveLength(5);
  return sim;
}

describe("§2.10 discard_all_in_batches", () => {
  it("discards every failed job, batch_size at a time in job_id order, returning the total", async () => {
    const sim = await fiveFailed();
    expect(sim.discardAllFailed({ batchSize: 2 })).toBe(5);
    expect(sim.jobs()).toEqual([]);
    const discarded = sim.trace.events.filter((e) => e.type === "discarded").map((e) => e.jobId);
    expect(discarded).toEqual([1, 2, 3, 4, 5]);
  });

  it("finds nothing to do on an empty table (size 0)", async () => {
    const sim = await world({ jobs: [AlwaysFails] });
    expect(sim.discardAllFailed({ batchSize: 10 })).toBe(0);
    expect(sim.retryAllFailed({})).toBe(0);
  });

  it("refuses a batch size that is not a positive integer", async () => {
    const sim = await fiveFailed();
    expect(() => sim.discardAllFailed({ batchSize: 0 })).toThrow("discardAllFailed: batchSize must be a positive integer, got 0");
    expect(() => sim.retryAllFailed({ batchSize: 1.5 })).toThrow("retryAllFailed: batchSize must be a positive integer, got 1.5");
    expect(sim.jobs({ status: "failed" })).toHaveLength(5);
  });
});

describe("§2.8 retry_all in batches", () => {
  it("dispatches every failed job, batch_size at a time, no counter reset", async () => {
    const sim = await fiveFailed();
    expect(sim.retryAllFailed({ batchSize: 2 })).toBe(5);
    expect(sim.jobs().map((j) => j.status)).toEqual(["ready", "ready", "ready", "ready", "ready"]);
    expect(sim.trace.events.filter((e) => e.type === "failed_retry").map((e) => e.jobId)).toEqual([1, 2, 3, 4, 5]);
  });
});
