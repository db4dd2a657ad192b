import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { Random } from "../../src/sim/random.js";
import type { TraceEvent } from "../../src/sim/trace.js";
import { world } from "../helpers/world.js";

// Invariants under random faults from a seed (issue 5): kills, crashes, stopped heartbeats and
// SQL errors at random moments; afterwards no job ran while others held its key's slots beyond
// `to`, no job was lost, and every job whose worker died was failed or ran again, never dropped.

class Deadlocked extends Error {}

class TransferJob extends Job {
  static {
    this.limitsConcurrency({ key: (account: number) => account, to: 2, duration: "1 day" });
    this.retryOn(Deadlocked, { wait: 1, attempts: 3 });
  }
  override async perform(account: number, seconds: number): Promise<void> {
    await this.db.run("INSERT INTO ledger (account, job) VALUES (?, ?)", [account, this.jobId]);
    await this.sleep(seconds);
    await this.db.run("UPDATE balances SET n = n + 1 WHERE account = ?", [account]);
  }
}

const QUEUES = `
dispatchers: [{ polling_interval: 1, batch_size: 50, concurrency_maintenance_interval: 120 }]
workers:
  - { queues: "*", threads: 3, processes: 3, polling_interval: 0.1 }
`;

async function chaos(seed: number): Promise<Simulation> {
  const r = new Random(seed);
  const sim = await world({
    jobs: [TransferJob],
    seed,
    queueConfig: { text: QUEUES },
    errors: { Deadlocked },
    setupSql: "CREATE TABLE ledger (account INTEGER, job TEXT); CREATE TABLE balances (account INTEGER PRIMARY KEY, n INTEGER); INSERT INTO balances VALUES (1,0),(2,0),(3,0),(4,0);",
  });
  for (let i = 0; i < 120; i++) await sim.enqueue(TransferJob, [1 + r.int(4), 1 + r.int(90)], { wait: r.int(1800) });
  sim.faults.failSql({ match: "UPDATE balances", nth: 1 + r.int(20), times: 3, error: "Deadlocked" });
  for (let minute = 0; minute < 40; minute += 1 + r.int(5)) {
    await sim.advance(60 * (1 + r.int(3)));
    const workers = sim.workers().filter((w) => w.alive);
    const victim = workers[r.int(workers.length)];
    if (victim === undefined) continue;
    const roll = r.int(3);
    if (roll === 0) sim.kill(victim.name);
    else if (roll === 1) sim.crash(victim.name);
    else sim.stopHeartbeats(victim.name);
  }
  await sim.advance("6 hours");
  return sim;
}

/** Peak number of executions running at once per concurrency key, from the trace. */
function peakPerKey(sim: Simulation): Map<string, number> {
  const keyOf = new Map(sim.jobs().map((j) => [j.id, j.concurrencyKey]));
  const running = new Map<number, string>(); // jobId -> process
  const byProcess = new Map<string, Set<number>>();
  const count = new Map<string, number>();
  const peak = new Map<string, number>();
  const stop = (id: number) => {
    if (!running.has(id)) return;
    byProcess.get(running.get(id)!)?.delete(id);
    running.delete(id);
    const k = keyOf.get(id)!;
    count.set(k, count.get(k)! - 1);
  };
  for (const e of sim.trace.events as TraceEvent[]) {
    if (e.type === "started") {
      const k = keyOf.get(e.jobId!)!;
      running.set(e.jobId!, e.process!);
      if (!byProcess.has(e.process!)) byProcess.set(e.process!, new Set());
      byProcess.get(e.process!)!.add(e.jobId!);
      count.set(k, (count.get(k) ?? 0) + 1);
      peak.set(k, Math.max(peak.get(k) ?? 0, count.get(k)!));
    } else if ((e.type === "succeeded" || e.type === "failed" || e.type === "lost_result") && e.process !== undefined) stop(e.jobId!);
    else if (e.type === "failed") stop(e.jobId!);
    else if (e.type === "process_died" || e.type === "process_pruned") for (const id of [...(byProcess.get(e.process!) ?? [])]) stop(id);
  }
  return peak;
}

describe("invariants under random faults", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}`, async () => {
      const sim = await chaos(seed);
      expect(sim.trace.count("process_died")).toBeGreaterThan(0);
      // Concurrency: never more than `to` (2) running per key.
      for (const [key, n] of peakPerKey(sim)) expect(n, key).toBeLessThanOrEqual(2);
      // Nothing lost: every row still exists and ended finished or failed, or is still claimed
      // by a process whose row is gone (a pruned zombie that kept claiming: Solid Queue fails
      // such orphans only when a supervisor boots).
      expect(sim.lostJobs()).toEqual([]);
      const orphans = new Set(sim.db.all("SELECT c.job_id FROM solid_queue_claimed_executions c LEFT JOIN solid_queue_processes p ON p.id = c.process_id WHERE p.id IS NULL").map((r) => r.job_id as number));
      for (const j of sim.jobs()) {
        if (j.status === "claimed") expect(orphans.has(j.id), `job ${j.id} claimed by a live process`).toBe(true);
        else expect(["finished", "failed"]).toContain(j.status);
      }
      if (orphans.size > 0) {
        sim.startSupervisor();
        for (const id of orphans) expect(sim.job(id)!.error!.exceptionClass).toBe("SolidQueue::Processes::ProcessMissingError");
      }
      // A job whose worker died is failed with a process error, or finished after running again.
      const died = new Set(sim.trace.events.filter((e) => e.type === "process_died").map((e) => e.process));
      const victims = sim.trace.events.filter((e) => e.type === "started" && died.has(e.process)).map((e) => e.jobId!);
      for (const id of victims) {
        const j = sim.job(id)!;
        if (j.status === "failed") expect(j.error!.exceptionClass).toMatch(/^SolidQueue::Processes::|Deadlocked/);
        else expect(j.status).toBe("finished");
      }
    });
  }
});
