import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { enqueueTagged, queueYaml, START, startOrder, world } from "../helpers/world.js";

// Dispatching scheduled executions (spec §2.3).

describe("dispatcher", () => {
  it("moves due jobs in (scheduled_at, priority, job_id) order", async () => {
    const sim = await world({ queueConfig: queueYaml('[{ queues: "*", threads: 1, polling_interval: 0.1 }]', "[{ polling_interval: 1, batch_size: 1 }]") });
    await enqueueTagged(sim, "late", { waitUntil: START + 5000, priority: -5 });
    await enqueueTagged(sim, "p2", { waitUntil: START + 3000, priority: 2 });
    await enqueueTagged(sim, "p1", { waitUntil: START + 3000, priority: 1 });
    await enqueueTagged(sim, "p1b", { waitUntil: START + 3000, priority: 1 });
    await sim.advance(10);
    expect(startOrder(sim)).toEqual(["p1", "p1b", "p2", "late"]);
  });

  it("a due job (scheduled_at <= now) is ready at once; a wait of 0 or a past time too", async () => {
    const sim = await world();
    await enqueueTagged(sim, "zero", { wait: 0 });
    await enqueueTagged(sim, "past", { waitUntil: START - 1000 });
    expect(sim.jobs().map((j) => j.status)).toEqual(["ready", "ready"]);
  });

  it("polls on its interval while nothing is due and again at once after a non-empty batch", async () => {
    const sim = await world({ pollTiming: "aligned", queueConfig: queueYaml("[]", "[{ polling_interval: 1, batch_size: 2 }]") });
    for (let i = 0; i < 5; i++) await enqueueTagged(sim, `j${i}`, { waitUntil: START + 2500 });
    await sim.advance(5);
    // Due at 2.5 s; the poll grid is 0, 1, 2, 3 s: all five leave at 3 s in batches of 2, 2, 1.
    const dispatched = sim.trace.events.filter((e) => e.type === "dispatched");
    expect(dispatched.map((e) => e.t - START)).toEqual([3000, 3000, 3000, 3000, 3000]);
    expect(sim.jobs().every((j) => j.status === "ready")).toBe(true);
  });

  it("(quirk) in one batch the lower job id wins a concurrency slot, whatever its scheduled_at", async () => {
    class LimitedJob extends Job {
      static {
        this.limitsConcurrency({ key: "k", to: 1 });
      }
      override perform(_tag: string): void {}
    }
    const sim = await world({ jobs: [LimitedJob], queueConfig: queueYaml("[]") });
    await sim.enqueue(LimitedJob, ["scheduled later, lower id"], { waitUntil: START + 2000 });
    await sim.enqueue(LimitedJob, ["scheduled earlier, higher id"], { waitUntil: START + 1500 });
    await sim.advance(3);
    expect(sim.jobs().map((j) => [j.args[0], j.status])).toEqual([
      ["scheduled later, lower id", "ready"],
      ["scheduled earlier, higher id", "blocked"],
    ]);
  });
});
