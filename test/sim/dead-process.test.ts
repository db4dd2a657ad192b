import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { world } from "../helpers/world.js";

// Issue 12 item 4 (solid-queue.md §5.5, §5.6): when a process ends (SIGKILL, crash, or a
// fork-mode supervisor QUITting a worker after shutdown_timeout) the job code it was running
// stops at its next scheduling point: no further SQL, service calls, mails, logs or enqueues.

class AfterJob extends Job {
  override perform(): void {}
}

class LongJob extends Job {
  override async perform(): Promise<void> {
    this.log("before");
    await this.sleep(10);
    // Nothing below may run once the worker is gone.
    this.log("after");
    await this.db.run("INSERT INTO marks (what) VALUES ('after')");
    await this.services.Gateway!.charge!();
    await AfterJob.performLater();
  }
}

async function longWorld(settings: Record<string, unknown> = {}): Promise<Simulation> {
  const sim = await world({
    jobs: [LongJob, AfterJob],
    setupSql: "CREATE TABLE marks (what TEXT)",
    queueConfig: { text: "dispatchers: [{ polling_interval: 1 }]\nworkers: [{ queues: ['*'], threads: 1, polling_interval: 0.1 }]" },
    settings,
  });
  sim.services.get("Gateway").otherwise("charge", { returns: "ok" });
  await LongJob.performLater();
  return sim;
}

function nothingAfter(sim: Simulation): void {
  expect(sim.logs.map((l) => l.message)).toEqual(["before"]);
  expect(sim.db.all("SELECT * FROM marks")).toEqual([]);
  expect(sim.services.get("Gateway").calls).toEqual([]);
  expect(sim.jobs().filter((j) => j.className === "AfterJob")).toEqual([]);
}

describe("§5.5 a dead process runs no more code", () => {
  it("SIGKILL of the worker", async () => {
    const sim = await longWorld();
    await sim.advance(5);
    sim.kill("worker:0");
    await sim.advance(60);
    nothingAfter(sim);
  });

  it("a crash (exit 1) of the worker", async () => {
    const sim = await longWorld();
    await sim.advance(5);
    sim.crash("worker:0");
    await sim.advance(60);
    nothingAfter(sim);
  });

  it("fork mode: the supervisor QUITs a worker still running after shutdown_timeout (5 s)", async () => {
    const sim = await longWorld({ shutdownTimeout: 5 });
    await sim.advance(1);
    sim.stop("supervisor:0");
    await sim.advance(60);
    nothingAfter(sim);
    // The job went back to ready with the supervisor's deregistration, not finished.
    expect(sim.job(1)!.status).not.toBe("finished");
  });

  it("control: a worker left alone runs the code after the sleep", async () => {
    const sim = await longWorld();
    await sim.advance(60);
    expect(sim.logs.map((l) => l.message)).toEqual(["before", "after"]);
    expect(sim.jobs().map((j) => [j.className, j.status])).toEqual([["LongJob", "finished"], ["AfterJob", "finished"]]);
    expect(sim.services.get("Gateway").calls.length).toBe(1);
  });
});
