import { describe, expect, it } from "vitest";
import {
  assertProperty,
  concurrencyLimits,
  determinism,
  noJobLost,
  queuePriorities,
  retryOrdering,
  RetryElsewhereProbeJob,
  RetryForeverProbeJob,
  RetryProbeJob,
} from "../../src/property/index.js";

// The engine itself, checked by the built-in properties over random queue configs (wildcards,
// prefixes, threads, processes, polling), workloads, pauses, crashes and BUGGIFY faults.

describe("the engine under random configs and workloads", () => {
  it("claims in queue-list, priority and age order", async () => {
    const r = await assertProperty(queuePriorities(), { runs: 200, seed: 101, reportsDir: null });
    expect(r.done).toBe(200);
  });

  it("retries in order, on time, as often as retryOn allows, ending as Active Job defines", async () => {
    for (const [i, job] of [RetryProbeJob, RetryElsewhereProbeJob, RetryForeverProbeJob].entries()) {
      await assertProperty(retryOrdering({ job }), { runs: 100, seed: 200 + i, reportsDir: null });
    }
  });

  it("loses no job under crashes, stops, restarts and BUGGIFY faults, and reruns only after a crash", async () => {
    await assertProperty(noJobLost(), { runs: 200, seed: 301, reportsDir: null });
  });

  it("keeps concurrency limits, minus expiry and shutdown releases", async () => {
    await assertProperty(concurrencyLimits(), { runs: 200, seed: 401, reportsDir: null });
  });

  it("gives the same trace for the same case", async () => {
    await assertProperty(determinism(), { runs: 15, seed: 501, reportsDir: null });
    await assertProperty(noJobLost({ runs: 20 }), { seed: 502, checkDeterminism: true, reportsDir: null });
  });
});
