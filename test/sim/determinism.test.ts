import { describe, expect, it } from "vitest";
import { world } from "../helpers/world.js";
import { busyWorld } from "./workload.js";

// Same inputs + same seed => byte-identical trace (DESIGN.md, determinism contract).

async function traceOf(seed: number, opts: { pollSkipping?: boolean } = {}, jumps: number[] = []): Promise<string> {
  const sim = await busyWorld({ seed, ...opts });
  await sim.advance(60);
  sim.kill("worker:1");
  sim.stopHeartbeats("worker:0");
  // Clock skew between prunes: a skipped beat is written with the wall clock of its time.
  for (const by of jumps) {
    await sim.advance("7 minutes");
    sim.jumpClock(by);
  }
  await sim.advance("20 minutes");
  await sim.runUntilIdle({ horizon: "1h" });
  // The processes table too: lazy heartbeats must write what scheduled ones would have.
  return sim.trace.toJSON() + JSON.stringify(sim.db.all("SELECT * FROM solid_queue_processes ORDER BY id"));
}

describe("determinism", () => {
  it("the same seed gives a byte-identical trace", async () => {
    const a = await traceOf(7);
    const b = await traceOf(7);
    expect(a.length).toBeGreaterThan(10_000);
    expect(a).toBe(b);
  });

  it("another seed gives another trace and still keeps every invariant", async () => {
    const a = await traceOf(7);
    const c = await traceOf(8);
    expect(c).not.toBe(a);
  });

  it("skipping polls that find nothing gives exactly the trace of polling every interval", async () => {
    const skipping = await traceOf(11, { pollSkipping: true });
    const polling = await traceOf(11, { pollSkipping: false });
    expect(skipping).toBe(polling);
  });

  it("the same with the wall clock jumping back and forward between prunes", async () => {
    const jumps = [-240, 400, -59]; // seconds
    const skipping = await traceOf(12, { pollSkipping: true }, jumps);
    expect(skipping).toContain('"clock_jump"');
    // The killed worker and the one that stopped beating are pruned; no live process is.
    expect(skipping.match(/"process_pruned"/g)).toHaveLength(2);
    expect(skipping).toBe(await traceOf(12, { pollSkipping: false }, jumps));
  });

  it("restores the real Date, timers and performance.now after running, even when a job throws", async () => {
    const realDate = Date;
    const realSetTimeout = setTimeout;
    const realNow = performance.now;
    const { Job } = await import("../../src/job/job.js");
    const seen: number[] = [];
    class ClockJob extends Job {
      override async perform() {
        seen.push(Date.now(), new Date().getTime());
        await new Promise((r) => setTimeout(r, 5000));
        seen.push(Date.now(), Math.round(performance.now()));
        throw new Error("after the timer");
      }
    }
    const sim = await world({ pollTiming: "aligned", jobs: [ClockJob], start: "2030-05-05T05:05:05Z" });
    await sim.enqueue(ClockJob);
    await sim.advance(10);
    expect(seen).toEqual([Date.UTC(2030, 4, 5, 5, 5, 5), Date.UTC(2030, 4, 5, 5, 5, 5), Date.UTC(2030, 4, 5, 5, 5, 10), 5000]);
    expect(sim.jobs()[0]!.status).toBe("failed");
    sim.dispose();
    expect(Date).toBe(realDate);
    expect(setTimeout).toBe(realSetTimeout);
    expect(performance.now).toBe(realNow);
    expect(Math.abs(Date.now() - new realDate().getTime())).toBeLessThan(1000);
  });
});
