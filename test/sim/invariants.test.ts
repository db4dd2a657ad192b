import { describe, expect, it } from "vitest";
import { checkInvariants, InvariantError } from "../../src/sim/invariants.js";
import { insertJobs } from "../../src/store/jobs.js";
import { Store } from "../../src/store/store.js";
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

  it("a job that changed since the last check, among many that did (the check of a step)", async () => {
    const store = await Store.open(() => Date.UTC(2026, 0, 1));
    try {
      const job = { queueName: "default", className: "TaggedJob", arguments: "{}", priority: 0, activeJobId: "a", scheduledAt: 0, concurrencyKey: null };
      const ids = insertJobs(store, Array.from({ length: 1203 }, () => job));
      store.db.write(`INSERT INTO solid_queue_ready_executions (id, job_id, queue_name, priority, created_at) SELECT id, id, 'default', 0, created_at FROM solid_queue_jobs WHERE id <> 1201`);
      expect(ids).toHaveLength(1203);
      expect(() => checkInvariants({ store, now: store.now.bind(store) }, "changed", false)).toThrow(/job 1201 \(TaggedJob\) is unfinished with 0 execution rows/);
      // Checked: nothing changed since, so nothing is read again.
      expect(() => checkInvariants({ store, now: store.now.bind(store) }, "changed", false)).not.toThrow();
    } finally {
      store.db.close();
    }
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
