// One row of the summary table (bench/summary.ts), run in a child process of its own so that
// the peak RSS it reports (the kernel's maxrss for the process) belongs to that row alone.
// Prints one JSON line: { seconds, count, unit, peakRssMb }.
import { Job } from "../src/job/job.js";
import { singleWorker } from "../src/property/arbitraries/queue-config.js";
import { queuePriorities } from "../src/property/properties/queue-priorities.js";
import { LimitedProbeJob, ProbeJob } from "../src/property/probe-jobs.js";
import { runWorld } from "../src/property/world.js";
import { loadScenario } from "../src/scenario/load.js";
import { runScenario } from "../src/scenario/run.js";
import { createSimulation } from "../src/sim/simulation.js";
import { WorldTemplate } from "../src/sim/world-template.js";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performAllLater } from "../src/job/bulk.js";
import { baseline, engine, floor } from "./lifecycle-workloads.js";

type Row = { count: number; unit: string; run: () => Promise<void> };

class NoopJob extends Job {
  override perform(): void {}
}
class HourlyJob extends Job {
  override async perform(): Promise<void> {
    await this.sleep(2);
  }
}

async function rowFor(kind: string, n: number): Promise<Row> {
  switch (kind) {
    case "engine":
      return { count: n, unit: "jobs", run: () => engine(n) };
    case "baseline":
      return { count: n, unit: "jobs", run: () => baseline(n) };
    case "floor":
      return { count: n, unit: "jobs", run: () => floor(n) };
    case "property-runs": {
      const shape = { config: singleWorker(3), minJobs: 50, maxJobs: 50, window: 5000 };
      const cases = fc.sample(queuePriorities({ ...shape, pauses: false }).arbitrary, { numRuns: n, seed: 1 });
      const base = { jobs: [ProbeJob, LimitedProbeJob] };
      for (const c of cases.slice(0, 20)) await runWorld(base, c); // warm-up, not measured
      return { count: n, unit: "runs", run: async () => { for (const c of cases) await runWorld(base, c); } };
    }
    case "create": {
      const make = () => createSimulation({ jobs: [NoopJob], queueConfig: { text: 'workers: [{ queues: "*", threads: 3, polling_interval: 0.1 }]' } });
      (await make()).dispose(); // the first in a process pays for sql.js and the schema
      return { count: n, unit: "worlds", run: async () => { for (let i = 0; i < n; i++) (await make()).dispose(); } };
    }
    case "reset": {
      // A world with its setup SQL, reset instead of rebuilt: the same world as "create" above,
      // plus a table and fixture rows (which a reset does not run again).
      const options = { jobs: [NoopJob], queueConfig: { text: 'workers: [{ queues: "*", threads: 3, polling_interval: 0.1 }]' } };
      const template = await WorldTemplate.build((sim) => sim.db.exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 0), (2, 0);"), options);
      (await template.simulation(options)).dispose(); // the first pays for the statements' compilation
      return { count: n, unit: "worlds", run: async () => { for (let i = 0; i < n; i++) (await template.simulation({ ...options, seed: i })).dispose(); } };
    }
    case "long-run": {
      // A long run kept small: finished jobs not preserved, the trace streamed to a file
      // (issue 14.4). Its peak RSS should not grow with the number of jobs.
      const dir = mkdtempSync(join(tmpdir(), "jobsim-bench-long-"));
      return {
        count: n,
        unit: "jobs",
        run: async () => {
          try {
            const sim = await createSimulation({
              jobs: [NoopJob],
              queueConfig: { text: 'dispatchers: [{ polling_interval: 1, batch_size: 500 }]\nworkers: [{ queues: "*", threads: 5, polling_interval: 0.1 }]' },
              settings: { preserveFinishedJobs: false },
              invariants: false,
              traceFile: join(dir, "trace.json"),
            });
            for (let start = 0; start < n; start += 10_000) {
              await performAllLater(Array.from({ length: Math.min(10_000, n - start) }, () => new NoopJob().set({ wait: 1 })));
              await sim.runUntilIdle();
            }
            if (sim.trace.count("succeeded") !== n) throw new Error("not every job ran");
            sim.dispose();
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
    }
    case "idle-30-days":
      // The first world in a process pays for sql.js's wasm and the schema (the "create" row): not counted here.
      (await createSimulation({ jobs: [HourlyJob] })).dispose();
      return {
        count: 30,
        unit: "virtual days",
        run: async () => {
          const sim = await createSimulation({ jobs: [HourlyJob], queueConfig: { path: "scenarios/config/queue.yml", env: "development" }, invariants: false });
          for (let h = 0; h < 30 * 24; h++) for (let k = 0; k < 3; k++) await sim.enqueue(HourlyJob, [], { wait: h * 3600 + k * 1000 + 7 });
          await sim.advance("30 days");
          if (sim.trace.count("succeeded") !== 30 * 24 * 3) throw new Error("not every job ran");
          sim.dispose();
        },
      };
    case "scenario-100k": {
      const loaded = await loadScenario("test/scenario/fixtures/large/100k-jobs.yml");
      return { count: 100_000, unit: "jobs", run: async () => void (await runScenario(loaded, { wallClock: performance.now.bind(performance), invariantsWhileRunning: false })) };
    }
    default:
      throw new Error(`unknown summary row ${kind}`);
  }
}

const [kind, size] = process.argv.slice(2);
const row = await rowFor(kind!, Number(size ?? 0));
const t0 = performance.now();
await row.run();
const seconds = (performance.now() - t0) / 1000;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ seconds, count: row.count, unit: row.unit, peakRssMb }));
