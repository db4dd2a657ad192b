import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { performAllLater } from "../../src/job/bulk.js";
import { Random } from "../../src/sim/random.js";
import { START, world } from "../helpers/world.js";

class OrderJob extends Job {
  override async perform(_n: number, ms: number): Promise<void> {
    await this.sleep(ms / 1000);
  }
}

describe("a busy day", () => {
  it("10,000 jobs arriving over a virtual day, 3 workers of 5 threads: all finish, no invariant broken", async () => {
    const sim = await world({
      jobs: [OrderJob],
      seed: 3,
      queueConfig: { text: "dispatchers: [{ polling_interval: 1, batch_size: 500 }]\nworkers: [{ queues: '*', threads: 5, processes: 3, polling_interval: 0.1 }]" },
    });
    const r = new Random(3);
    const jobs = Array.from({ length: 10_000 }, (_, i) => new OrderJob(i, 100 + r.int(2000)).set({ wait: r.int(86_400) }));
    await performAllLater(jobs);
    await sim.runUntilIdle({ horizon: "2 days" });
    expect(sim.jobs({ status: "finished" }).length).toBe(10_000);
    expect(sim.trace.count("started")).toBe(10_000);
    const workers = new Set(sim.trace.events.filter((e) => e.type === "started").map((e) => e.process));
    expect(workers.size).toBe(3);
    expect(sim.now() - START).toBeLessThan(86_400_000 + 60_000);
  });
});
