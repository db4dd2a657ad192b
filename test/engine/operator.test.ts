import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { queueYaml, world } from "../helpers/world.js";

// Failed executions, retry and discard, as Mission Control does them (spec §2.8, §2.10), and
// clearing finished jobs (spec §8).

class Once extends Error {}
class FailUntilRetriedJob extends Job {
  static {
    this.retryOn(Once, { attempts: 2, wait: 1 });
  }
  override async perform(): Promise<void> {
    const row = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM runs");
    await this.db.run("INSERT INTO runs VALUES (?)", [this.executions]);
    if ((row?.n ?? 0) < 2) throw new Once(`run ${row?.n}`);
  }
}

class AlwaysFails extends Job {
  override perform(): void {
    throw new Error("always");
  }
}

const setup = { jobs: [FailUntilRetriedJob], setupSql: "CREATE TABLE runs (executions INTEGER)" };

describe("failed executions", () => {
  it("retry one: same row, counters reset, failure removed, runs again", async () => {
    const sim = await world(setup);
    await sim.enqueue(FailUntilRetriedJob);
    await sim.runUntilIdle();
    // Attempts 2: row 1 finished (retried), row 2 failed.
    expect(sim.jobs().map((j) => j.status)).toEqual(["finished", "failed"]);
    sim.retryFailed(2);
    expect(sim.job(2)!.status).toBe("ready");
    expect(sim.job(2)!.payload.executions).toBe(0);
    expect(sim.job(2)!.payload.exception_executions).toEqual({});
    await sim.runUntilIdle();
    expect(sim.jobs().map((j) => j.status)).toEqual(["finished", "finished"]);
    expect(sim.db.all("SELECT executions FROM runs").map((r) => r.executions)).toEqual([1, 2, 1]);
    expect(sim.trace.count("failed_retry")).toBe(1);
  });

  it("retry all: dispatches every failed job directly, returning the count (no counter reset)", async () => {
    const sim = await world({ jobs: [AlwaysFails], queueConfig: queueYaml('[{ queues: "*", threads: 1, polling_interval: 0.1 }]') });
    await sim.enqueue(AlwaysFails);
    await sim.enqueue(AlwaysFails);
    await sim.runUntilIdle();
    expect(sim.jobs().map((j) => j.status)).toEqual(["failed", "failed"]);
    sim.stop("worker:0");
    await sim.advance(10);
    expect(sim.retryAllFailed()).toBe(2);
    // The stored payload is the one written at enqueue: performing never rewrites it.
    expect(sim.jobs().map((j) => [j.status, j.payload.executions])).toEqual([
      ["ready", 0],
      ["ready", 0],
    ]);
  });

  it("discard: a failed job's row is deleted; a claimed one cannot be discarded", async () => {
    class Slow extends Job {
      override async perform() {
        await this.sleep(100);
      }
    }
    const sim = await world({ ...setup, jobs: [FailUntilRetriedJob, Slow] });
    await sim.enqueue(FailUntilRetriedJob);
    await sim.runUntilIdle();
    expect(sim.discardAllFailed()).toBe(1);
    expect(sim.jobs().map((j) => j.id)).toEqual([1]);
    await sim.enqueue(Slow);
    await sim.advance(1);
    const claimed = sim.jobs({ status: "claimed" })[0]!;
    expect(() => sim.discard(claimed.id)).toThrow("Can't discard a job in progress");
  });

  it("Queue#clear discards the ready jobs of one queue", async () => {
    const sim = await world({ ...setup, queueConfig: queueYaml("[]") });
    await sim.enqueue(FailUntilRetriedJob, [], { queue: "a" });
    await sim.enqueue(FailUntilRetriedJob, [], { queue: "b" });
    expect(sim.clearQueue("a")).toBe(1);
    expect(sim.jobs().map((j) => j.queueName)).toEqual(["b"]);
  });
});

describe("clearing finished jobs", () => {
  it("deletes finished rows older than clear_finished_jobs_after (strictly), never failed ones", async () => {
    class Quick extends Job {
      override perform() {}
    }
    const sim = await world({ jobs: [Quick, AlwaysFails], settings: { clearFinishedJobsAfter: "1 hour" } });
    await sim.enqueue(Quick);
    await sim.enqueue(AlwaysFails);
    await sim.runUntilIdle();
    await sim.advance("1 hour");
    // The Quick job finished at 0 s: 0 < now - 1 h is false at exactly 1 h.
    expect(sim.clearFinishedJobs()).toBe(0);
    await sim.advance(1);
    expect(sim.clearFinishedJobs()).toBe(1);
    expect(sim.jobs().map((j) => [j.className, j.status])).toEqual([["AlwaysFails", "failed"]]);
    expect(sim.trace.count("cleared")).toBe(1);
  });
});
