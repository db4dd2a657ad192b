import { Job } from "../src/job/job.js";
import { performAllLater } from "../src/job/bulk.js";
import { checkInvariants } from "../src/sim/invariants.js";
import { createSimulation } from "../src/sim/simulation.js";
import { Random } from "../src/sim/random.js";
import { measure, report } from "./harness.js";

// 100,000 jobs over 1,000 concurrency keys with `to: 2`, a worker killed or crashed every few
// virtual minutes. Checked at the end: every invariant of the simulation, no key ever ran more
// than 2 jobs at once (computed from the trace as it streams), nothing lost. Baseline in the
// same run: the same jobs without concurrency limits and without faults.

const N = Number(process.env.BENCH_JOBS ?? 100_000);
const KEYS = 1000;

class LimitedJob extends Job {
  static {
    this.limitsConcurrency({ key: (k: number) => k, to: 2, duration: "1 day" });
  }
  override async perform(_k: number, ms: number): Promise<void> {
    await this.sleep(ms / 1000);
  }
}

class FreeJob extends Job {
  override async perform(_k: number, ms: number): Promise<void> {
    await this.sleep(ms / 1000);
  }
}

async function run(limited: boolean): Promise<{ peak: number; crashes: number }> {
  const r = new Random(5);
  const sim = await createSimulation({
    jobs: [LimitedJob, FreeJob],
    seed: 5,
    traceLimit: 0,
    invariants: false,
    queueConfig: { text: "dispatchers: [{ polling_interval: 1, batch_size: 500, concurrency_maintenance_interval: 300 }]\nworkers: [{ queues: '*', threads: 10, processes: 4, polling_interval: 0.1 }]" },
  });
  const keyOf = new Map<number, number>();
  const running = new Map<number, number>();
  const byProcess = new Map<string, Set<number>>();
  let peak = 0;
  const stop = (id: number) => {
    const k = keyOf.get(id);
    if (k === undefined || !byProcess.get("all")?.has(id)) return;
    byProcess.get("all")!.delete(id);
    running.set(k, running.get(k)! - 1);
  };
  byProcess.set("all", new Set());
  const procOf = new Map<number, string>();
  sim.trace.onEvent((e) => {
    if (e.type === "started") {
      const k = keyOf.get(e.jobId!)!;
      byProcess.get("all")!.add(e.jobId!);
      procOf.set(e.jobId!, e.process!);
      const n = (running.get(k) ?? 0) + 1;
      running.set(k, n);
      peak = Math.max(peak, n);
    } else if (e.type === "succeeded" || e.type === "failed" || e.type === "lost_result") stop(e.jobId!);
    else if (e.type === "process_died") for (const id of [...byProcess.get("all")!]) if (procOf.get(id) === e.process) stop(id);
  });
  const cls = limited ? LimitedJob : FreeJob;
  const jobs = Array.from({ length: N }, (_, i) => new cls(r.int(KEYS), 200 + r.int(4000)).set({ wait: r.int(6 * 3600) }));
  await performAllLater(jobs);
  jobs.forEach((j) => keyOf.set(j.providerJobId!, j.arguments[0] as number));
  let crashes = 0;
  while (!sim.isIdle() || sim.now() - Date.UTC(2026, 0, 1) < 6 * 3600_000) {
    await sim.advance(60 * (2 + r.int(4)));
    if (!limited) continue;
    const live = sim.workers().filter((w) => w.alive);
    const victim = live[r.int(live.length)]!;
    if (r.int(2) === 0) sim.kill(victim.name);
    else sim.crash(victim.name);
    crashes++;
  }
  await sim.runUntilIdle({ horizon: "1 day" });
  checkInvariants(sim);
  const unfinished = sim.db.value("SELECT COUNT(*) FROM solid_queue_jobs WHERE finished_at IS NULL AND id NOT IN (SELECT job_id FROM solid_queue_failed_executions)");
  if (unfinished !== 0) throw new Error(`${String(unfinished)} jobs neither finished nor failed`);
  sim.dispose();
  return { peak, crashes };
}

let free = { peak: 0, crashes: 0 };
let chaos = { peak: 0, crashes: 0 };
const base = await measure("no limits, no faults (baseline)", N, "jobs", async () => {
  free = await run(false);
});
const limited = await measure("1,000 keys to: 2, crashes", N, "jobs", async () => {
  chaos = await run(true);
});
report(`concurrency chaos: ${N.toLocaleString("en-US")} jobs over 6 virtual hours, 4 workers x 10 threads`, [base, limited], base);
console.log(`  ${chaos.crashes} worker kills/crashes; peak running per key ${chaos.peak} (limit 2; without limits it was ${free.peak}); every invariant held`);
if (chaos.peak > 2) throw new Error("concurrency limit exceeded");
