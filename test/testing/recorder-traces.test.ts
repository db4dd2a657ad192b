import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { createSimulation, type SimulationOptions } from "../../src/sim/simulation.js";
import { recordSimulation } from "../../src/testing/vitest.js";
import { tempDir } from "../helpers/temp.js";

// The matchers' job lists (enqueuedJobs, performedJobs) however the world keeps its trace: as
// objects, in columns (compactTrace), streamed to a file, or cut at a limit. An enqueue that an
// injected fault rolled back is not in them, in any of these.

class PingJob extends Job {
  override perform(_n: number): void {}
}

const KEEPINGS: [string, () => Partial<SimulationOptions>][] = [
  ["objects", () => ({})],
  ["compactTrace", () => ({ compactTrace: true })],
  ["traceFile", () => ({ traceFile: join(tempDir("recorder"), "trace.json") })],
  ["traceLimit", () => ({ traceLimit: 3 })],
];

describe("the recorder behind the matchers", () => {
  for (const [name, options] of KEEPINGS) {
    it(`lists what happened, not what rolled back (${name})`, async () => {
      const sim = await createSimulation({ jobs: [PingJob], ...options() });
      const world = recordSimulation(sim);
      try {
        // The second enqueue's ready execution fails: its unit (row, events) rolls back.
        sim.faults.failSql({ match: "INSERT INTO solid_queue_ready_executions", nth: 2, origin: "engine" });
        for (const n of [1, 2, 3]) await sim.enqueue(PingJob, [n]);
        await sim.runUntilIdle();
        expect(sim.trace.count("succeeded")).toBe(2);
        expect(world.enqueuedJobs().map((e) => e.args)).toEqual([[1], [3]]);
        expect(world.performedJobs().map((e) => e.args)).toEqual([[1], [3]]);
      } finally {
        world.dispose();
        sim.dispose();
      }
    });
  }
});
