import { describe, expect, it } from "vitest";
import { Random } from "../../src/sim/random.js";
import type { Simulation, SimulationOptions } from "../../src/sim/simulation.js";
import { queueYaml, TaggedJob, world } from "../helpers/world.js";

// Poll timing (docs/engine.md, "Poll timing"): processes start polling at seeded offsets and each
// polls on its own period, slightly longer than polling_interval, as a real poll; sleep loop
// does. Two equal processes share the claims, and a job waits what polling gives.

/** Poisson arrivals: `count` jobs at `perHour`, whole-millisecond gaps from their own stream. */
async function poissonArrivals(sim: Simulation, seed: number, perHour: number, count: number, opts: { wait?: number } = {}): Promise<void> {
  const gaps = new Random(seed).fork("test arrivals");
  const meanMs = 3_600_000 / perHour;
  for (let i = 0; i < count; i++) {
    const gapMs = Math.max(1, Math.round(-Math.log(1 - gaps.next()) * meanMs));
    await sim.advance(gapMs / 1000);
    await sim.enqueue(TaggedJob, [`j${i}`], opts);
  }
  await sim.runUntilIdle();
}

const TWO_PROCESSES: SimulationOptions = { queueConfig: queueYaml('[{ queues: "*", threads: 3, processes: 2, polling_interval: 0.1 }]') };
const ONE_PROCESS: SimulationOptions = { queueConfig: queueYaml('[{ queues: "*", threads: 3, polling_interval: 0.1 }]') };

/** Claims per worker process, in worker order. */
function claimsByWorker(sim: Simulation): number[] {
  const counts = new Map<string, number>(sim.workers().map((w) => [w.name, 0]));
  for (const e of sim.trace.events) if (e.type === "claimed") counts.set(e.process!, (counts.get(e.process!) ?? 0) + 1);
  return [...counts.values()];
}

/** Mean ms from `from(jobId)` to each job's claim. */
function meanWaitMs(sim: Simulation, from: (jobId: number) => number): number {
  const claims = sim.trace.events.filter((e) => e.type === "claimed");
  return claims.reduce((sum, e) => sum + (e.t - from(e.jobId!)), 0) / claims.length;
}

describe("poll timing: processes behave like real ones", () => {
  it("processes: 2 at about 1,500 Poisson arrivals an hour: each process takes 35-65% of claims over 10 seeds, each seed byte-identical twice", async () => {
    let first = 0;
    let total = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const traces: string[] = [];
      for (let run = 0; run < 2; run++) {
        const sim = await world({ ...TWO_PROCESSES, seed });
        await poissonArrivals(sim, seed, 1500, 1500);
        const counts = claimsByWorker(sim);
        expect(counts).toHaveLength(2);
        if (run === 0) {
          first += counts[0]!;
          total += counts[0]! + counts[1]!;
        }
        traces.push(sim.trace.toJSON());
        sim.dispose();
      }
      expect(traces[0]!.length).toBeGreaterThan(1000);
      expect(traces[0] === traces[1]).toBe(true);
    }
    expect(total).toBe(15_000);
    const share = first / total;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
  });

  it("aligned timing (the opt-out) keeps the old single grid: the first process wins every tie", async () => {
    const sim = await world({ ...TWO_PROCESSES, seed: 1, pollTiming: "aligned" });
    await poissonArrivals(sim, 1, 1500, 300);
    expect(claimsByWorker(sim)).toEqual([300, 0]);
  });

  it("immediate jobs on an idle worker (polling_interval 0.1) wait 40-60 ms on average", async () => {
    const sim = await world({ ...ONE_PROCESS, seed: 7 });
    await poissonArrivals(sim, 7, 1500, 600);
    const enqueuedAt = new Map(sim.trace.events.filter((e) => e.type === "enqueued").map((e) => [e.jobId!, e.t]));
    const mean = meanWaitMs(sim, (id) => enqueuedAt.get(id)!);
    expect(mean).toBeGreaterThan(40);
    expect(mean).toBeLessThan(60);
  });

  it("delayed jobs add the dispatcher's poll (polling_interval 1): about 0.5 s on average", async () => {
    const sim = await world({ ...ONE_PROCESS, seed: 8 });
    await poissonArrivals(sim, 8, 1500, 600, { wait: 10 });
    const dueAt = new Map(sim.trace.events.filter((e) => e.type === "enqueued").map((e) => [e.jobId!, e.t + 10_000]));
    const dispatched = sim.trace.events.filter((e) => e.type === "dispatched");
    expect(dispatched).toHaveLength(600);
    const dispatchMean = dispatched.reduce((sum, e) => sum + (e.t - dueAt.get(e.jobId!)!), 0) / dispatched.length;
    expect(dispatchMean).toBeGreaterThan(400);
    expect(dispatchMean).toBeLessThan(600);
    // then the worker's own poll, about 50 ms more
    const mean = meanWaitMs(sim, (id) => dueAt.get(id)!);
    expect(mean - dispatchMean).toBeGreaterThan(30);
    expect(mean - dispatchMean).toBeLessThan(70);
  });
});
