import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { Random } from "../../src/sim/random.js";
import { createSimulation, type Simulation } from "../../src/sim/simulation.js";
import { WorldTemplate } from "../../src/sim/world-template.js";
import { queuePriorities } from "../../src/property/index.js";
import { runWorld, type WorldBase } from "../../src/property/world.js";
import { singleWorker } from "../../src/property/arbitraries/queue-config.js";
import { LimitedProbeJob, ProbeJob } from "../../src/property/probe-jobs.js";
import { LimitedJob, QUEUES, WorkJob } from "./workload.js";

// Worlds that reset instead of rebuilding (issue 14.3): a template's database is built and
// marked once; each simulation from it rolls back to the mark and starts a new world. What it
// must give is exactly what a world built from scratch gives.

const SETUP = "CREATE TABLE work (n INTEGER, at TEXT); CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 0), (2, 0), (3, 0);";
const options = (seed: number) => ({ jobs: [WorkJob, LimitedJob], queueConfig: { text: QUEUES }, seed });

/** The busy workload of workload.ts, then everything a run leaves: trace, rows, jobs. */
async function drive(sim: Simulation, seed: number): Promise<string> {
  const r = new Random(seed);
  for (let i = 1; i <= 80; i++) {
    const queue = ["critical", "default", "low"][r.int(3)]!;
    const wait = r.int(4) === 0 ? r.int(120) : 0;
    if (r.int(5) === 0) await sim.enqueue(LimitedJob, [1 + r.int(3)], { wait, queue });
    else await sim.enqueue(WorkJob, [i, r.int(3000)], { wait, queue, priority: r.int(3) });
  }
  await sim.runUntilIdle();
  const jobs = sim.jobs().map((j) => [j.id, j.className, j.status, j.queueName]);
  return [sim.trace.toJSON(), JSON.stringify(sim.db.all("SELECT * FROM accounts")), JSON.stringify(sim.db.all("SELECT * FROM work ORDER BY rowid")), JSON.stringify(jobs)].join("\n");
}

let template: WorldTemplate | undefined;
afterEach(() => template?.dispose());

describe("a world template", () => {
  it("gives, seed by seed, byte for byte what a world built from scratch gives, however often it is reset", async () => {
    const fresh = new Map<number, string>();
    for (const seed of [1, 2, 3]) {
      const sim = await createSimulation({ ...options(seed), setupSql: SETUP });
      fresh.set(seed, await drive(sim, seed));
      sim.dispose();
    }
    template = await WorldTemplate.build((sim) => sim.db.exec(SETUP), { jobs: [WorkJob, LimitedJob] });
    for (const seed of [1, 2, 3, 2, 1]) {
      const sim = await template.simulation(options(seed));
      expect(await drive(sim, seed)).toBe(fresh.get(seed));
    }
  });

  it("starts each world from the setup's rows and ids, whatever the last one did", async () => {
    template = await WorldTemplate.build((sim) => sim.db.exec(SETUP), { jobs: [WorkJob, LimitedJob] });
    const first = await template.simulation(options(1));
    await first.enqueue(WorkJob, [1, 10]);
    await first.runUntilIdle();
    first.db.run("UPDATE accounts SET balance = 99");
    first.db.run("DROP TABLE work");
    const second = await template.simulation(options(1));
    expect(first.disposed).toBe(true);
    expect(second.db.all("SELECT id, balance FROM accounts")).toEqual([
      { id: 1, balance: 0 },
      { id: 2, balance: 0 },
      { id: 3, balance: 0 },
    ]);
    expect(second.db.all("SELECT COUNT(*) AS n FROM work")).toEqual([{ n: 0 }]);
    expect(second.jobs()).toEqual([]);
    const job = await second.enqueue(WorkJob, [2, 10]);
    expect(job !== false && job.providerJobId).toBe(1);
    expect(second.processes().map((p) => p.id)).toEqual(first.processes().map((p) => p.id));
  });

  it("gives every world the marked schema, round after round of worlds that change it", async () => {
    template = await WorldTemplate.build((sim) => sim.db.exec(SETUP), { jobs: [WorkJob, LimitedJob] });
    const tables = (sim: Simulation) => sim.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'solid_queue%' ORDER BY name").map((r) => r.name);
    for (let round = 0; round < 3; round++) {
      const sim = await template.simulation(options(round));
      expect(tables(sim)).toEqual(["accounts", "work"]);
      sim.db.exec(`CREATE TABLE extra_${round} (a INTEGER); DROP TABLE accounts; ALTER TABLE work ADD COLUMN more TEXT`);
      await sim.enqueue(WorkJob, [round, 10]);
      await sim.runUntilIdle();
      expect(tables(sim)).toEqual([`extra_${round}`, "work"]);
    }
    const last = await template.simulation(options(9));
    expect(tables(last)).toEqual(["accounts", "work"]);
    expect(last.db.all("SELECT * FROM work")).toEqual([]);
    expect(last.db.all("SELECT id FROM accounts")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it("keeps job rows the setup inserted, and hands out ids after them", async () => {
    template = await WorldTemplate.build((sim) => {
      sim.db.run(
        "INSERT INTO solid_queue_jobs (id, queue_name, class_name, arguments, priority, active_job_id, scheduled_at, created_at, updated_at) VALUES (41, 'default', 'WorkJob', '{}', 0, 'aj-41', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
      );
    }, { jobs: [WorkJob, LimitedJob] });
    for (let i = 0; i < 2; i++) {
      const sim = await template.simulation(options(1));
      const job = await sim.enqueue(WorkJob, [1, 10]);
      expect(job !== false && job.providerJobId).toBe(42);
    }
  });

  it("sets up again after a world changed the connection (a PRAGMA no rollback undoes)", async () => {
    template = await WorldTemplate.build((sim) => sim.db.exec("CREATE TABLE notes (text TEXT)"));
    const cacheSize = (sim: Simulation) => sim.db.value("PRAGMA cache_size");
    const fresh = await createSimulation();
    const usual = cacheSize(fresh);
    fresh.dispose();
    const first = await template.simulation();
    first.db.exec("PRAGMA cache_size = 100");
    expect(cacheSize(first)).toBe(100);
    const second = await template.simulation();
    expect(cacheSize(second)).toBe(usual);
    expect(second.db.all("SELECT * FROM notes")).toEqual([]);
  });

  it("refuses setup SQL per simulation, frees its database once, and reports a failing setup", async () => {
    template = await WorldTemplate.build(() => {});
    await expect(template.simulation({ setupSql: "CREATE TABLE x (a)" })).rejects.toThrow("setupSql belongs to the template");
    const sim = await template.simulation();
    expect(template.busy).toBe(true);
    sim.dispose();
    expect(template.busy).toBe(false);
    template.dispose();
    template.dispose();
    await expect(template.simulation()).rejects.toThrow("this world template was disposed");
    await expect(WorldTemplate.build((s) => s.db.exec("CREATE TABLE"))).rejects.toThrow(/syntax error|incomplete input/);
  });
});

describe("property worlds from a template", () => {
  it("run a generated case to the same trace whether the world was built or reset", async () => {
    const base: WorldBase = { jobs: [ProbeJob, LimitedProbeJob], setupSql: "CREATE TABLE seen (n INTEGER)", rows: { seen: [{ n: 1 }, { n: 2 }] } };
    const shape = { config: singleWorker(3), minJobs: 20, maxJobs: 20, window: 5000 };
    const cases = fc.sample(queuePriorities({ ...shape, pauses: false }).arbitrary, { numRuns: 3, seed: 5 });
    for (const c of cases) {
      // The first world of a base is built; later ones start from its template.
      const runs = [await runWorld(base, c), await runWorld(base, c), await runWorld(base, c)];
      expect(runs[1]!.traceJson).toBe(runs[0]!.traceJson);
      expect(runs[2]!.traceJson).toBe(runs[0]!.traceJson);
      expect(runs[2]!.tables).toEqual(runs[0]!.tables);
    }
  });
});
