import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { enqueuedJobs, performedJobs, performEnqueuedJobs, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { START } from "../helpers/world.js";

// A job that enqueues another, and a job with retryOn, in both modes: the test adapter behaves
// as Rails' (inside performEnqueuedJobs everything runs at once, retries recursively and
// immediately), the simulation as Solid Queue (each retry is a new row, scheduled, run by the
// dispatcher and a worker once its time comes).

class ApiError extends Error {
  override name = "ApiError";
}

class ReceiptJob extends Job {
  override async perform(orderId: number) {
    this.log(`receipt for ${orderId}`);
  }
}

/** Charges an order through a flaky API, then enqueues the receipt (a chain). */
class ChargeJob extends Job {
  static {
    this.retryOn(ApiError, { wait: 10, attempts: 3 });
  }
  override async perform(orderId: number) {
    await this.services.api!.charge!(orderId);
    await ReceiptJob.performLater(orderId);
  }
}

const failTwice = [{ throws: ApiError, message: "timeout" }, { throws: ApiError, message: "timeout" }, { returns: "ok" }];
const failAlways = [{ throws: ApiError }, { throws: ApiError }, { throws: ApiError }];

describe("chains and retries (test adapter)", () => {
  const t = useTestAdapter();

  it("performs the retries recursively and at once, then the chained job", async () => {
    t.services.get("api").script("charge", failTwice);
    await performEnqueuedJobs(() => ChargeJob.performLater(7));
    expect(performedJobs().map((e) => [e.job_class, e.executions, e.at])).toEqual([
      ["ChargeJob", 0, undefined],
      ["ChargeJob", 1, START / 1000 + 10],
      ["ChargeJob", 2, START / 1000 + 10],
      ["ReceiptJob", 0, undefined],
    ]);
    expect(new Set(performedJobs().slice(0, 3).map((e) => e.job_id)).size).toBe(1);
    expect(t.services.calls().map((c) => [c.t, c.outcome])).toEqual([
      [START, "threw"],
      [START, "threw"],
      [START, "returned"],
    ]);
    expect(t.now()).toBe(START);
    expect(enqueuedJobs()).toEqual([]);
    expect(ChargeJob).toHaveBeenPerformed({ times: 3 });
    expect(ReceiptJob).toHaveBeenPerformed({ args: [7] });
  });

  it("lets the last error out of performEnqueuedJobs when the attempts run out", async () => {
    t.services.get("api").script("charge", failAlways);
    await expect(performEnqueuedJobs(() => ChargeJob.performLater(7))).rejects.toThrow(ApiError);
    expect(ChargeJob).toHaveBeenPerformed({ times: 3 });
    expect(ReceiptJob).not.toHaveBeenPerformed();
  });

  it("without a block, records each retry: one flush per attempt", async () => {
    t.services.get("api").script("charge", failTwice);
    await ChargeJob.performLater(7);
    await expect(() => performEnqueuedJobs()).toHaveEnqueuedJob(ChargeJob, { at: START + 10_000 });
    await expect(() => performEnqueuedJobs()).toHaveEnqueuedJob(ChargeJob, { args: [7] });
    await expect(() => performEnqueuedJobs()).toHaveEnqueuedJob(ReceiptJob, { args: [7] });
    expect(await performEnqueuedJobs()).toBe(1);
    expect(performedJobs().map((e) => e.job_class)).toEqual(["ChargeJob", "ChargeJob", "ChargeJob", "ReceiptJob"]);
  });
});

describe("chains and retries (simulation)", () => {
  const s = useSimulation({ jobs: [ChargeJob, ReceiptJob] });

  it("makes each retry a new row, scheduled and performed later", async () => {
    s.sim.services.get("api").script("charge", failTwice);
    await ChargeJob.performLater(7);
    await expect(() => s.sim.advance("5s")).toHavePerformedJob(ChargeJob, { at: "noWait" });
    expect(s.sim.jobs().map((j) => [j.className, j.status])).toEqual([
      ["ChargeJob", "finished"],
      ["ChargeJob", "scheduled"],
    ]);
    expect(ChargeJob).toHaveBeenEnqueued({ times: 2 });
    await s.sim.runUntilIdle();
    expect(s.sim.jobs().map((j) => [j.className, j.status])).toEqual([
      ["ChargeJob", "finished"],
      ["ChargeJob", "finished"],
      ["ChargeJob", "finished"],
      ["ReceiptJob", "finished"],
    ]);
    expect(ChargeJob).toHaveBeenPerformed({ times: 3 });
    expect(ReceiptJob).toHaveBeenPerformed({ args: [7] });
    const started = s.sim.trace.events.filter((e) => e.type === "started" && e.jobClass === "ChargeJob").map((e) => e.t - START);
    expect(started).toHaveLength(3);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(10_000);
    expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(10_000);
    expect(performedJobs().map((e) => e.executions)).toEqual([0, 1, 2, 0]);
    expect(s.sim.logs.map((l) => l.message)).toEqual(["receipt for 7"]);
  });

  it("ends with a failed execution when the attempts run out (nothing is thrown at the test)", async () => {
    s.sim.services.get("api").script("charge", failAlways);
    await ChargeJob.performLater(7);
    await s.sim.runUntilIdle();
    expect(s.sim.jobs().map((j) => j.status)).toEqual(["finished", "finished", "failed"]);
    expect(ChargeJob).toHaveBeenPerformed({ times: 3 });
    expect(ReceiptJob).not.toHaveBeenEnqueued();
  });
});
