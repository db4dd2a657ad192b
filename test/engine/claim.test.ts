import { describe, expect, it } from "vitest";
import { enqueueTagged, queueYaml, startOrder, world } from "../helpers/world.js";

// Claim order across and within queues (spec §2.4), observed as execution start order with a
// single one-thread worker.

async function order(queues: string, jobs: [string, string, number][], paused: string[] = []): Promise<string[]> {
  const sim = await world({ queueConfig: queueYaml(`[{ queues: ${queues}, threads: 1, polling_interval: 0.1 }]`) });
  for (const q of paused) sim.pause(q);
  for (const [tag, queue, priority] of jobs) await enqueueTagged(sim, tag, { queue, priority });
  await sim.advance(1);
  return startOrder(sim);
}

describe("claim order", () => {
  it('"*": global (priority, job_id) across all queues', async () => {
    expect(await order('"*"', [["a", "low", 5], ["b", "default", 0], ["c", "critical", 5], ["d", "low", -1]])).toEqual(["d", "b", "a", "c"]);
  });

  it("explicit list: all of the first queue before any of the second, whatever their priorities", async () => {
    expect(await order("[critical, default]", [["d1", "default", -10], ["c1", "critical", 10], ["c2", "critical", 0]])).toEqual(["c2", "c1", "d1"]);
  });

  it("prefixes: queue_b* before queue_a*, alphabetical within each", async () => {
    expect(await order('["queue_b*", "queue_a*"]', [["a2", "queue_a2", 0], ["b2", "queue_b2", 0], ["a1", "queue_a1", 0], ["b1", "queue_b1", 0]])).toEqual(["b1", "b2", "a1", "a2"]);
  });

  it("(quirk) a pause turns \"*\" into alphabetical queue order", async () => {
    expect(await order('"*"', [["z", "zeta", -5], ["a", "alpha", 5], ["p", "paused", -9]], ["paused"])).toEqual(["a", "z"]);
  });

  it("paused queues keep their jobs and are skipped; resuming lets them run", async () => {
    const sim = await world({ queueConfig: queueYaml('[{ queues: "*", threads: 1, polling_interval: 0.1 }]') });
    sim.pause("low");
    await enqueueTagged(sim, "l", { queue: "low" });
    await enqueueTagged(sim, "d", { queue: "default" });
    await sim.advance(10);
    expect(startOrder(sim)).toEqual(["d"]);
    expect(sim.jobs({ queue: "low" })[0]!.status).toBe("ready");
    // Queue#size / #latency / #paused?: the job became ready at 0 s.
    expect(sim.queueInfo("low")).toEqual({ name: "low", size: 1, latency: 10, humanLatency: "10 seconds", paused: true });
    expect(sim.queueNames()).toEqual(["default", "low"]);
    sim.resume("low");
    await sim.advance(1);
    expect(startOrder(sim)).toEqual(["d", "l"]);
    expect(sim.trace.events.filter((e) => e.type === "paused" || e.type === "resumed").map((e) => [e.type, e.queue])).toEqual([
      ["paused", "low"],
      ["resumed", "low"],
    ]);
  });

  it("pausing does not stop the dispatcher from moving due jobs into the paused queue", async () => {
    const sim = await world();
    sim.pause("default");
    await enqueueTagged(sim, "x", { wait: 5 });
    await sim.advance(10);
    expect(sim.jobs()[0]!.status).toBe("ready");
  });

  it("claims only as many jobs as there are idle threads, all starting at the poll instant", async () => {
    const { Job } = await import("../../src/job/job.js");
    class SlowJob extends Job {
      override async perform() {
        await this.sleep(10);
      }
    }
    const sim = await world({ pollTiming: "aligned", jobs: [SlowJob], queueConfig: queueYaml('[{ queues: "*", threads: 3, polling_interval: 0.1 }]') });
    for (let i = 0; i < 5; i++) await sim.enqueue(SlowJob);
    await sim.advance(1);
    const claims = sim.trace.events.filter((e) => e.type === "claimed");
    expect(claims.map((e) => e.t - sim.trace.events[0]!.t)).toEqual([0, 0, 0]);
    await sim.advance(10);
    // The first three finish at t=10 s; the completions wake the worker, which claims the rest at once.
    expect(sim.trace.events.filter((e) => e.type === "claimed").map((e) => (e.t - sim.trace.events[0]!.t) / 1000)).toEqual([0, 0, 0, 10, 10]);
  });
});
