import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { performAllLater } from "../../src/job/bulk.js";
import { queueYaml, sinceStart, world } from "../helpers/world.js";

// Fault injection (issue 5): SQL statements that throw, services that fail / hang / slow down,
// and bulk enqueue (spec §2.2) as the baseline the faults are compared with.

class Deadlocked extends Error {}

class TransferJob extends Job {
  static {
    this.retryOn(Deadlocked, { wait: 5, attempts: 3 });
  }
  override async perform(id: number): Promise<void> {
    await this.db.run("UPDATE accounts SET balance = balance + 1 WHERE id = ?", [id]);
  }
}

const setup = { jobs: [TransferJob], errors: { Deadlocked }, setupSql: "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 0);" };

describe("SQL faults", () => {
  it("the n-th matching app statement throws a named error, which retryOn handles", async () => {
    const sim = await world(setup);
    sim.faults.failSql({ match: "UPDATE accounts", nth: 1, times: 2, error: "Deadlocked" });
    await sim.enqueue(TransferJob, [1]);
    await sim.runUntilIdle();
    // Two deadlocks, then success on the third execution: rows 1 and 2 finished (retried), row 3 finished.
    expect(sim.jobs().map((j) => [j.id, j.status])).toEqual([
      [1, "finished"],
      [2, "finished"],
      [3, "finished"],
    ]);
    expect(sim.db.value("SELECT balance FROM accounts")).toBe(1);
    expect(sim.trace.events.filter((e) => e.type === "fault").map((e) => e.data!.error)).toEqual(["Deadlocked", "Deadlocked"]);
    expect(sim.trace.events.filter((e) => e.type === "retried").map((e) => e.data!.wait)).toEqual([5, 5]);
  });

  it("an engine statement that throws rolls its unit back: rows, counts and trace stay consistent", async () => {
    const sim = await world(setup);
    sim.faults.failSql({ match: "INSERT INTO solid_queue_ready_executions", nth: 1, origin: "engine" });
    // Solid Queue wraps it in an EnqueueError, which Active Job keeps on the job: perform_later is false.
    const job = new TransferJob(1);
    expect(await job.enqueue()).toBe(false);
    expect(job.enqueueError?.message).toBe("StatementInvalid: injected StatementInvalid");
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_jobs")).toBe(0);
    // The unit's events rolled back with it; the fault that caused it stays in the trace.
    expect(sim.trace.events.map((e) => e.type)).toEqual(["process_started", "process_started", "process_started", "fault"]);
    expect(sim.trace.count("enqueued")).toBe(0);
    await sim.enqueue(TransferJob, [1]);
    await sim.runUntilIdle();
    // The rolled-back insert's id is handed out again, as SQLite's AUTOINCREMENT does.
    expect(sim.jobs().map((j) => [j.id, j.status])).toEqual([[1, "finished"]]);
  });
});

describe("service faults", () => {
  class ApiJob extends Job {
    override async perform(): Promise<void> {
      const r = await this.services.api.fetch("/x");
      await this.db.run("INSERT INTO results VALUES (?)", [String(r)]);
    }
  }
  const api = { jobs: [ApiJob], setupSql: "CREATE TABLE results (r TEXT)" };

  it("a scripted failure, a slow answer and a hang", async () => {
    const sim = await world({ pollTiming: "aligned", ...api, queueConfig: queueYaml('[{ queues: "*", threads: 1, polling_interval: 0.1 }]') });
    sim.services.get("api").script("fetch", [{ throws: "Timeout", message: "read timeout" }, { latency: "30s", returns: "slow" }, { hang: true }]);
    for (let i = 0; i < 3; i++) await sim.enqueue(ApiJob);
    await sim.advance(60);
    expect(sim.jobs().map((j) => j.status)).toEqual(["failed", "finished", "claimed"]);
    expect(sim.job(1)!.error).toMatchObject({ exceptionClass: "Timeout", message: "read timeout" });
    expect(sim.db.all("SELECT r FROM results")).toEqual([{ r: "slow" }]);
    const calls = sim.services.get("api").calls.map((c) => [c.outcome, sinceStart(c.t)]);
    expect(calls).toEqual([
      ["threw", 0],
      ["returned", 0],
      ["hung", 30],
    ]);
    await expect(sim.runUntilIdle({ horizon: "1h" })).rejects.toThrow(/job 3 \(ApiJob\) on default: claimed by worker-\w+, waiting at await #1/);
  });
});

describe("bulk enqueue (perform_all_later)", () => {
  class LimitedJob extends Job {
    static {
      this.limitsConcurrency({ key: "k" });
    }
    override perform(_n: number): void {}
  }
  it("rows in input order; unlimited due jobs ready together, limited ones gated by id, future ones scheduled", async () => {
    const sim = await world({ jobs: [TransferJob, LimitedJob], setupSql: setup.setupSql, queueConfig: queueYaml("[]") });
    const jobs = [new LimitedJob(1), new TransferJob(1), new LimitedJob(2), new TransferJob(1).set({ wait: 60 })];
    await performAllLater(jobs);
    expect(sim.jobs().map((j) => [j.id, j.className, j.status])).toEqual([
      [1, "LimitedJob", "ready"],
      [2, "TransferJob", "ready"],
      [3, "LimitedJob", "blocked"],
      [4, "TransferJob", "scheduled"],
    ]);
    expect(jobs.map((j) => [j.providerJobId, j.successfullyEnqueued])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    // No enqueue callbacks ran, and bulk-enqueued rows always have scheduled_at.
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_jobs WHERE scheduled_at IS NULL")).toBe(0);
  });
});
