import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applySwarm, buggifyCases, choiceLists, cover, interleavings, queueConfigs, swarms, trimDefaults, workloads, worlds } from "../../src/property/arbitraries.js";
import { Buggify } from "../../src/property/buggify.js";
import { runWorld } from "../../src/property/world.js";
import { parseQueueEntries, selects } from "../../src/engine/queue-selector.js";
import { ProbeJob } from "../../src/property/probe-jobs.js";
import { RACE_SCHEMA, ReadFlagJob, WriteFlagJob } from "./fixtures/race-jobs.js";

describe("arbitraries", () => {
  it("queue configs read every named queue, with wildcards and prefixes in any order", () => {
    const queues = ["critical", "low_a", "low_b"];
    const lists = new Set<string>();
    for (const c of fc.sample(queueConfigs({ queues, maxWorkers: 3 }), { numRuns: 300, seed: 1 })) {
      for (const q of queues) expect(c.workers.some((w) => selects(parseQueueEntries(w.queues), q))).toBe(true);
      for (const w of c.workers) lists.add(w.queues.join(","));
    }
    expect([...lists].some((l) => l.includes("*") && l !== "*")).toBe(true);
    expect([...lists].some((l) => l.includes("low_*"))).toBe(true);
    expect(cover({ workers: [{ queues: ["critical"], threads: 1, processes: 1, pollingInterval: 0.1 }], dispatchers: [] }, ["low_a"]).workers.at(-1)!.queues).toEqual(["*"]);
  });

  it("workloads arrive sorted by time, on the given queues and priorities", () => {
    for (const w of fc.sample(workloads({ jobs: [{ job: ProbeJob }], queues: ["a", "b"], priorities: [-1, 2], maxJobs: 5 }), { numRuns: 100, seed: 2 })) {
      expect(w.map((a) => a.at)).toEqual([...w.map((a) => a.at)].sort((x, y) => x - y));
      for (const a of w) {
        if (a.queue !== undefined) expect(["a", "b"]).toContain(a.queue);
        if (a.priority !== undefined) expect(a.priority).toBeGreaterThanOrEqual(-1);
      }
    }
  });

  it("choice lists drop trailing defaults; interleavings mix in PCT", () => {
    expect(trimDefaults([0, 2, 0, 0])).toEqual([0, 2]);
    const kinds = new Set(fc.sample(interleavings(), { numRuns: 100, seed: 3 }).map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["choices", "pct"]);
  });

  it("a race the default order hides shrinks to one non-default choice", async () => {
    const base = { jobs: [WriteFlagJob, ReadFlagJob], setupSql: RACE_SCHEMA };
    const arb = choiceLists({ maxChoices: 12 }).map((interleaving) => ({
      seed: 1,
      config: { workers: [{ queues: ["*"], threads: 2, processes: 1, pollingInterval: 0.1 }], dispatchers: [{ pollingInterval: 0.1, batchSize: 500 }] },
      arrivals: [
        { at: 0, job: "WriteFlagJob", args: [] },
        { at: 0, job: "ReadFlagJob", args: [] },
      ],
      actions: [],
      awaitCrashes: [],
      interleaving,
      horizon: 60_000,
    }));
    const details = await fc.check(
      fc.asyncProperty(arb, async (c) => {
        const run = await runWorld(base, c);
        return run.tables.seen![0] === JSON.stringify({ n: 1 });
      }),
      { seed: 4, numRuns: 200 },
    );
    expect(details.failed).toBe(true);
    const shrunk = details.counterexample![0];
    expect(shrunk.interleaving.kind === "choices" && shrunk.interleaving.choices.length).toBe(1);
    // As picked (choice k is candidate k mod n): one non-default choice at the first decision.
    expect(trimDefaults((await runWorld(base, shrunk)).choicesMade)).toEqual([1]);
  });

  it("swarm masks leave features out, and shrink toward leaving them out", () => {
    const world = fc.sample(worlds({ jobs: [{ job: ProbeJob, args: fc.constant([1, 0]) }], queues: ["a"], priorities: [0, 3], crashes: true, maxWait: 5 }), { numRuns: 1, seed: 5 })[0]!;
    const none = Object.fromEntries(Object.keys(fc.sample(swarms(), { numRuns: 1, seed: 1 })[0]!).map((k) => [k, false])) as never;
    const bare = applySwarm({ ...world, arrivals: [{ at: 0, job: "ProbeJob", args: [], queue: "a", priority: 2, wait: 3 }] }, none);
    expect(bare.arrivals[0]).toEqual({ at: 0, job: "ProbeJob", args: [] });
    expect(bare.awaitCrashes).toEqual([]);
    const masks = fc.sample(swarms(["delays", "pauses"]), { numRuns: 50, seed: 6 });
    expect(masks.some((m) => m.delays) && masks.some((m) => !m.delays)).toBe(true);
    expect(masks.every((m) => !m.awaitCrashes)).toBe(true);
  });

  it("BUGGIFY sites fire with a per-run probability drawn from the seed, the same way every time", () => {
    const c = { seed: 77, sites: ["sql", "crash"] as ("sql" | "crash")[] };
    const draws = (b: Buggify) => Array.from({ length: 200 }, () => (b.fire("sql") ? 1 : 0)).join("");
    expect(draws(new Buggify(c))).toBe(draws(new Buggify(c)));
    const off = new Buggify({ seed: 77, sites: [] });
    expect(Array.from({ length: 50 }, () => off.fire("sql")).some(Boolean)).toBe(false);
    const rates = fc.sample(buggifyCases(["sql"]), { numRuns: 40, seed: 7 }).map((bc) => {
      const b = new Buggify({ ...bc, sites: ["sql"] });
      return Array.from({ length: 2000 }, () => b.fire("sql")).filter(Boolean).length / 2000;
    });
    expect(new Set(rates.map((r) => Math.round(r * 100))).size).toBeGreaterThan(1);
  });
});
