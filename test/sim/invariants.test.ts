import { describe, expect, it } from "vitest";
import { InvariantError } from "../../src/sim/invariants.js";
import { enqueueTagged, queueYaml, world } from "../helpers/world.js";

// The invariant checker catches a broken world (here broken by hand, with raw SQL).

describe("invariants", () => {
  it("a job left without an execution row", async () => {
    const sim = await world({ queueConfig: queueYaml("[]") });
    await enqueueTagged(sim, "a");
    sim.db.run("DELETE FROM solid_queue_ready_executions");
    expect(() => sim.checkInvariants()).toThrow(InvariantError);
    expect(() => sim.checkInvariants()).toThrow(/invariant "one execution per unfinished job" broken at 2026-01-01T00:00:00.000Z: job 1 \(TaggedJob\) is unfinished with 0 execution rows/);
  });

  it("the engine's counts drifting from the tables, caught at the end of a run", async () => {
    const sim = await world({ queueConfig: queueYaml("[]") });
    await enqueueTagged(sim, "a", { wait: 60 });
    sim.store.bump("blocked", 1);
    await expect(sim.advance(1)).rejects.toThrow(/invariant "store counts" broken .*solid_queue_blocked_executions has 0 rows, the engine counted 1/);
  });

  it("a job row that vanished without a purposeful delete", async () => {
    const sim = await world({ queueConfig: queueYaml("[]") });
    await enqueueTagged(sim, "a");
    await enqueueTagged(sim, "b");
    sim.db.run("DELETE FROM solid_queue_jobs WHERE id = 2");
    sim.store.addReady("default", -1);
    await expect(sim.advance(1)).rejects.toThrow(/invariant "no job lost" broken .*job 2 was enqueued and its row vanished/);
  });
});
