import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/job/errors.js";
import { createSimulation, type SimulationOptions } from "../../src/sim/simulation.js";
import { tempDir } from "../helpers/temp.js";
import { LimitedJob, QUEUES, WorkJob } from "./workload.js";
import { Random } from "../../src/sim/random.js";
import type { TraceEvent } from "../../src/sim/trace.js";

// A trace streamed to a file (issue 14.4): byte for byte the JSON the held trace gives, with
// nothing held in memory once events are final, rolled-back units included.

const SETUP = "CREATE TABLE work (n INTEGER, at TEXT); CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 0), (2, 0), (3, 0);";

async function busy(extra: Partial<SimulationOptions>, faults: boolean): Promise<{ json: string; held: number[]; events: TraceEvent[] }> {
  const sim = await createSimulation({ jobs: [WorkJob, LimitedJob], queueConfig: { text: QUEUES }, setupSql: SETUP, seed: 4, ...extra });
  // Enqueues whose engine statements fail: their units roll back, trace events included, and
  // the fault events stay (perform_later gives false).
  if (faults) {
    sim.faults.failSql({ match: "INSERT INTO solid_queue_ready_executions", nth: 5, times: 3, origin: "engine" });
    sim.faults.failSql({ match: "INSERT INTO solid_queue_scheduled_executions", nth: 2, origin: "engine" });
  }
  const r = new Random(4);
  const held: number[] = [];
  for (let i = 1; i <= 150; i++) {
    const queue = ["critical", "default", "low"][r.int(3)]!;
    if (r.int(5) === 0) await sim.enqueue(LimitedJob, [1 + r.int(3)], { wait: r.int(30), queue });
    else await sim.enqueue(WorkJob, [i, r.int(3000)], { wait: r.int(3) === 0 ? r.int(60) : 0, queue });
    if (i % 50 === 0) {
      await sim.advance(20);
      held.push(sim.trace.events.length);
    }
  }
  await sim.runUntilIdle();
  held.push(sim.trace.events.length);
  const json = extra.traceFile === undefined ? sim.trace.toJSON() : "";
  const events = sim.trace.events;
  sim.dispose();
  return { json: extra.traceFile === undefined ? json : readFileSync(extra.traceFile, "utf8"), held, events };
}

describe("compactTrace", () => {
  it("holds the same events as objects do: equal events, byte-identical JSON, rolled-back units included", async () => {
    for (const faults of [false, true]) {
      const objects = await busy({}, faults);
      const compact = await busy({ compactTrace: true }, faults);
      expect(compact.json).toBe(objects.json);
      expect(compact.held).toEqual(objects.held);
      expect(compact.events).toEqual(objects.events);
      expect(compact.events.length).toBeGreaterThan(500);
      if (faults) expect(compact.events.some((e) => e.type === "fault" && e.data !== undefined)).toBe(true);
      // Streamed and compact: the file is the same too.
      const file = join(tempDir("trace-file"), "trace.json");
      expect((await busy({ traceFile: file, compactTrace: true }, faults)).json).toBe(objects.json);
    }
  });

  it("reads in place through trace.all: at, filter, map, some, find and JSON as an array", async () => {
    const sim = await createSimulation({ jobs: [WorkJob], queueConfig: { text: QUEUES }, setupSql: SETUP, compactTrace: true });
    try {
      for (let i = 1; i <= 5; i++) await sim.enqueue(WorkJob, [i, 10], { queue: "default" });
      await sim.runUntilIdle();
      const all = sim.trace.all;
      const events = sim.trace.events;
      expect(all.length).toBe(events.length);
      expect(all.at(0)).toEqual(events[0]);
      expect(all.at(-1)).toEqual(events[events.length - 1]);
      expect(all.at(events.length)).toBeUndefined();
      expect([...all]).toEqual(events);
      expect(all.filter((e) => e.type === "started")).toEqual(events.filter((e) => e.type === "started"));
      expect(all.filter((e) => e.type === "started")).toHaveLength(5);
      expect(all.map((e, i) => `${i}:${e.type}`)).toEqual(events.map((e, i) => `${i}:${e.type}`));
      expect(all.some((e) => e.type === "failed")).toBe(false);
      expect(all.find((e) => e.type === "succeeded")).toEqual(events.find((e) => e.type === "succeeded"));
      expect(JSON.stringify(all)).toBe(JSON.stringify(events));
      // A copy each time it is read: changing it changes nothing held.
      sim.trace.events.length = 0;
      expect(sim.trace.events).toHaveLength(all.length);
    } finally {
      sim.dispose();
    }
  });
});

describe("traceFile", () => {
  it("writes byte for byte the trace a held run gives, and holds nothing final", async () => {
    for (const faults of [false, true]) {
      const held = await busy({}, faults);
      const file = join(tempDir("trace-file"), "trace.json");
      const streamed = await busy({ traceFile: file }, faults);
      expect(streamed.json).toBe(held.json);
      expect(streamed.held.every((n) => n === 0)).toBe(true);
      if (faults) expect(held.json).toContain('"type":"fault"');
    }
  });

  it("writes an empty trace as the held one serialises it, and refuses toJSON", async () => {
    const file = join(tempDir("trace-file"), "empty.json");
    const sim = await createSimulation({ traceFile: file, supervisors: 0 });
    expect(() => sim.trace.toJSON()).toThrow("this trace was streamed to a file (traceFile): read it there");
    sim.dispose();
    const held = await createSimulation({ supervisors: 0 });
    expect(readFileSync(file, "utf8")).toBe(held.trace.toJSON());
    held.dispose();
  });
});

describe("createSimulation's options, checked at run time", () => {
  it("refuse an unknown key with the nearest one, and a value of the wrong kind", async () => {
    await expect(createSimulation({ queueConfg: {} } as never)).rejects.toThrow(new ArgumentError("createSimulation: unknown key: queueConfg. Did you mean queueConfig? Known keys: jobs, queueConfig, recurring, commands, seed, start, timeZone, tz, settings, supervisors, setupSql, models, serializers, errors, interleaving, invariants, traceLimit, traceFile, compactTrace, ownSqlInstance, instrumentation, pollSkipping, pollTiming, hooks"));
    await expect(createSimulation({ settings: { shutdownTimout: 5 } } as never)).rejects.toThrow(/^createSimulation settings: unknown key: shutdownTimout\. Did you mean shutdownTimeout\?/);
    await expect(createSimulation({ settings: { shutdownTimeout: "soon" } })).rejects.toThrow('createSimulation settings: shutdownTimeout must be seconds (a number) or a duration string such as "5 minutes", not negative, got "soon"');
    await expect(createSimulation({ hooks: { onWorkerStrat: () => {} } } as never)).rejects.toThrow(/^createSimulation hooks: unknown key: onWorkerStrat\. Did you mean onWorkerStart\?/);
    await expect(createSimulation({ pollTiming: "random" } as never)).rejects.toThrow('createSimulation: pollTiming must be "drift" or "aligned", got "random"');
    await expect(createSimulation({ jobs: WorkJob } as never)).rejects.toThrow(/^createSimulation: jobs must be an array, got/);
    await expect(createSimulation({ commands: { "Cleanup.run": "yes" } } as never)).rejects.toThrow('createSimulation: commands["Cleanup.run"] must be a function, got "yes"');
  });
});
