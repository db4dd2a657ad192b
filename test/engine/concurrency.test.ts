import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { defineModel } from "../../src/job/model.js";
import { queueYaml, START, world } from "../helpers/world.js";

// Concurrency controls (spec §3): semaphores, blocked executions, unblocking, expiry,
// maintenance, on_conflict: discard.

const at = (ms: number) => ms - START;

class AccountJob extends Job {
  static {
    this.limitsConcurrency({ key: (account: string) => account, to: 1, duration: "5 minutes" });
  }
  override async perform(_account: string, seconds: number): Promise<void> {
    await this.sleep(seconds);
  }
}

class PairJob extends Job {
  static {
    this.limitsConcurrency({ key: "shared", to: 2 });
  }
  override async perform(seconds: number): Promise<void> {
    await this.sleep(seconds);
  }
}

const threads = (n: number) => ({ queueConfig: queueYaml(`[{ queues: "*", threads: ${n}, polling_interval: 0.1 }]`) });

function starts(sim: Awaited<ReturnType<typeof world>>): [number, number][] {
  return sim.trace.events.filter((e) => e.type === "started").map((e) => [e.jobId!, at(e.t) / 1000]);
}

describe("concurrency limits", () => {
  it("blocks a second job of the same key and unblocks it when the first finishes", async () => {
    const sim = await world({ pollTiming: "aligned", jobs: [AccountJob], ...threads(5) });
    await sim.enqueue(AccountJob, ["acct-1", 10]);
    await sim.enqueue(AccountJob, ["acct-1", 10]);
    await sim.enqueue(AccountJob, ["acct-2", 10]);
    expect(sim.jobs().map((j) => j.status)).toEqual(["ready", "blocked", "ready"]);
    expect(sim.db.all("SELECT key, value FROM solid_queue_semaphores ORDER BY key")).toEqual([
      { key: "AccountJob/acct-1", value: 0 },
      { key: "AccountJob/acct-2", value: 0 },
    ]);
    const blocked = sim.db.get("SELECT concurrency_key, expires_at FROM solid_queue_blocked_executions")!;
    expect(blocked).toEqual({ concurrency_key: "AccountJob/acct-1", expires_at: "2026-01-01 00:05:00.000000" });
    await sim.runUntilIdle();
    expect(starts(sim)).toEqual([
      [1, 0],
      [3, 0],
      [2, 10],
    ]);
    const unblocked = sim.trace.events.find((e) => e.type === "unblocked")!;
    expect([unblocked.jobId, at(unblocked.t)]).toEqual([2, 10_000]);
  });

  it("to: 2 lets two run and blocks the third", async () => {
    const sim = await world({ pollTiming: "aligned", jobs: [PairJob], ...threads(5) });
    for (let i = 0; i < 3; i++) await sim.enqueue(PairJob, [5]);
    await sim.runUntilIdle();
    expect(starts(sim)).toEqual([
      [1, 0],
      [2, 0],
      [3, 5],
    ]);
  });

  it("releases the blocked job with the lowest (priority, job_id), whatever its queue", async () => {
    const sim = await world({ jobs: [AccountJob], ...threads(1) });
    await sim.enqueue(AccountJob, ["a", 1]);
    await sim.enqueue(AccountJob, ["a", 1], { queue: "zzz", priority: 5 });
    await sim.enqueue(AccountJob, ["a", 1], { queue: "aaa", priority: 5 });
    await sim.enqueue(AccountJob, ["a", 1], { queue: "mmm", priority: 1 });
    await sim.runUntilIdle();
    expect(starts(sim).map(([id]) => id)).toEqual([1, 4, 2, 3]);
  });

  it("a failed job frees its slot too", async () => {
    class FailingLimited extends Job {
      static {
        this.limitsConcurrency({ key: "k" });
      }
      override perform(fail: boolean): void {
        if (fail) throw new Error("no");
      }
    }
    const sim = await world({ jobs: [FailingLimited], ...threads(2) });
    await sim.enqueue(FailingLimited, [true]);
    await sim.enqueue(FailingLimited, [false]);
    await sim.runUntilIdle();
    expect(sim.jobs().map((j) => j.status)).toEqual(["failed", "finished"]);
  });

  it("scheduled jobs of a limited class meet the gate when they become due, not at enqueue", async () => {
    const sim = await world({ pollTiming: "aligned", jobs: [AccountJob], ...threads(5) });
    await sim.enqueue(AccountJob, ["a", 60]);
    await sim.enqueue(AccountJob, ["a", 1], { wait: 10 });
    expect(sim.jobs()[1]!.status).toBe("scheduled");
    await sim.advance(11);
    expect(sim.jobs()[1]!.status).toBe("blocked");
    await sim.runUntilIdle();
    expect(starts(sim)).toEqual([
      [1, 0],
      [2, 60],
    ]);
  });

  it("on_conflict: discard deletes the conflicting job row", async () => {
    class OnlyOneJob extends Job {
      static {
        this.limitsConcurrency({ key: "singleton", onConflict: "discard" });
      }
      override async perform(): Promise<void> {
        await this.sleep(5);
      }
    }
    const sim = await world({ jobs: [OnlyOneJob], ...threads(3) });
    const first = await sim.enqueue(OnlyOneJob);
    const second = await sim.enqueue(OnlyOneJob);
    // Active Job still reports the single enqueue as successful; no row remains, no provider id.
    expect(first && first.providerJobId).toBe(1);
    expect(second && second.providerJobId).toBeNull();
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_jobs")).toBe(1);
    expect(sim.trace.count("discarded_on_conflict")).toBe(1);
    await sim.runUntilIdle();
    expect(sim.jobs().map((j) => j.status)).toEqual(["finished"]);
  });

  it("expiry: a job running past `duration` loses its semaphore to maintenance; the limit is exceeded by design", async () => {
    class LongJob extends Job {
      static {
        this.limitsConcurrency({ key: "long", duration: 60 });
      }
      override async perform(seconds: number): Promise<void> {
        await this.sleep(seconds);
      }
    }
    const sim = await world({ pollTiming: "aligned", jobs: [LongJob], ...threads(5) });
    await sim.enqueue(LongJob, [1000]);
    await sim.enqueue(LongJob, [10]);
    await sim.runUntilIdle();
    // Maintenance runs at dispatcher boot and every 600 s: at 600 s the semaphore (expired at
    // 60 s) is deleted and the blocked job, expired too, is released while the first still runs.
    expect(starts(sim)).toEqual([
      [1, 0],
      [2, 600],
    ]);
    expect(sim.jobs().map((j) => j.status)).toEqual(["finished", "finished"]);
  });

  it("maintenance releases at most one job per key per run, even with to > 1", async () => {
    class Gone extends Job {
      static {
        this.limitsConcurrency({ key: "g", to: 2, duration: 10 });
      }
      override async perform(): Promise<void> {
        await this.sleep(5000);
      }
    }
    const sim = await world({ pollTiming: "aligned", jobs: [Gone], ...threads(10) });
    for (let i = 0; i < 5; i++) await sim.enqueue(Gone);
    await sim.advance(1300);
    // Two run from t=0; the semaphore expires at 10 s; maintenance at 600 s and 1200 s releases one each time.
    expect(starts(sim)).toEqual([
      [1, 0],
      [2, 0],
      [3, 600],
      [4, 1200],
    ]);
  });

  it("keys: a function of the arguments, a group, records as <group>/<Model>/<id>", async () => {
    const Account = defineModel("Account", { table: "accounts" });
    class GroupedJob extends Job {
      static {
        this.limitsConcurrency({ key: (account: unknown) => account, group: "Billing" });
      }
      override perform(_a: unknown): void {}
    }
    const sim = await world({ jobs: [GroupedJob], models: [Account], setupSql: "CREATE TABLE accounts (id INTEGER PRIMARY KEY); INSERT INTO accounts VALUES (7);" });
    await sim.enqueue(GroupedJob, [Account.find(sim.db, 7)]);
    await sim.enqueue(GroupedJob, [true]);
    await sim.enqueue(GroupedJob, [null]);
    expect(sim.db.all("SELECT concurrency_key FROM solid_queue_jobs ORDER BY id").map((r) => r.concurrency_key)).toEqual(["Billing/Account/7", "Billing/true", "Billing"]);
  });

  it("discarding a ready limited job signals its semaphore and releases the next one", async () => {
    const sim = await world({ jobs: [AccountJob], queueConfig: queueYaml("[]") });
    await sim.enqueue(AccountJob, ["a", 1]);
    await sim.enqueue(AccountJob, ["a", 1]);
    expect(sim.jobs().map((j) => j.status)).toEqual(["ready", "blocked"]);
    sim.discard(1);
    expect(sim.jobs().map((j) => [j.id, j.status])).toEqual([[2, "ready"]]);
  });

  it("a row whose class is gone bypasses the gate", async () => {
    const sim = await world({ jobs: [AccountJob], queueConfig: queueYaml("[]") });
    await sim.enqueue(AccountJob, ["a", 1]);
    sim.db.run("UPDATE solid_queue_jobs SET class_name = 'Renamed'");
    sim.db.run("DELETE FROM solid_queue_semaphores");
    const { prepare } = await import("../../src/engine/enqueue.js");
    const { findJob } = await import("../../src/store/jobs.js");
    sim.db.run("DELETE FROM solid_queue_ready_executions");
    sim.store.addReady("default", -1);
    expect(prepare(sim.runtime, findJob(sim.store, 1)!, null)).toBe("ready");
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_semaphores")).toBe(0);
  });
});
