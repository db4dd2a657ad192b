import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { queueYaml, START, world } from "../helpers/world.js";

// Processes (spec §5): registration, heartbeats, pruning, what happens to in-flight jobs when a
// process dies, is pruned, or stops; the supervisor's boot check; async mode.

class SleepyJob extends Job {
  override async perform(seconds: number): Promise<void> {
    await this.db.run("INSERT INTO effects (note) VALUES ('started')");
    await this.sleep(seconds);
    await this.db.run("INSERT INTO effects (note) VALUES ('finished')");
  }
}

const oneWorker = (threads = 2) => ({
  jobs: [SleepyJob],
  setupSql: "CREATE TABLE effects (note TEXT)",
  queueConfig: queueYaml(`[{ queues: "*", threads: ${threads}, polling_interval: 0.1 }]`),
});

function errorOf(sim: Simulation, id: number) {
  return sim.job(id)!.error;
}

describe("registration and heartbeats", () => {
  it("registers supervisor, dispatcher and worker rows with Solid Queue's names, kinds and metadata", async () => {
    const sim = await world(oneWorker(3));
    const rows = sim.db.all<{ kind: string; name: string; supervisor_id: number | null; metadata: string }>("SELECT kind, name, supervisor_id, metadata FROM solid_queue_processes ORDER BY id");
    expect(rows.map((r) => r.kind)).toEqual(["Supervisor(fork)", "Dispatcher", "Worker"]);
    expect(rows[0]!.name).toMatch(/^supervisor\(fork\)-[0-9a-f]{20}$/);
    expect(rows[2]!.name).toMatch(/^worker-[0-9a-f]{20}$/);
    expect(rows.map((r) => r.supervisor_id)).toEqual([null, 1, 1]);
    expect(JSON.parse(rows[2]!.metadata)).toEqual({ queues: "*", polling_interval: 0.1, thread_pool_size: 3 });
    expect(JSON.parse(rows[1]!.metadata)).toEqual({ polling_interval: 1, batch_size: 500, concurrency_maintenance_interval: 600 });
  });

  it("every process beats every 60 s, the first 60 s after registration", async () => {
    const sim = await world(oneWorker());
    await sim.advance(150);
    expect(sim.db.all("SELECT DISTINCT last_heartbeat_at FROM solid_queue_processes")).toEqual([{ last_heartbeat_at: "2026-01-01 00:02:00.000000" }]);
  });
});

describe("a worker dies mid-job (fork mode)", () => {
  it("the supervisor fails its claims with ProcessExitError at its next 1 s tick and replaces it", async () => {
    const sim = await world(oneWorker());
    await sim.enqueue(SleepyJob, [60]);
    await sim.advance(10.5);
    const victim = sim.process("worker:0");
    sim.kill("worker:0");
    await sim.advance(5);
    const err = errorOf(sim, 1)!;
    expect(err.exceptionClass).toBe("SolidQueue::Processes::ProcessExitError");
    expect(err.message).toBe(`Process pid=${victim.pid} exited unexpectedly. Received unhandled signal 9.`);
    const failed = sim.trace.events.find((e) => e.type === "failed")!;
    expect(failed.t - START).toBe(11_000);
    // The job's side effects up to the crash point stay; the rest never happens.
    expect(sim.db.all("SELECT note FROM effects")).toEqual([{ note: "started" }]);
    // A replacement worker is running; the dead one's row stays until pruned.
    expect(sim.workers().filter((w) => w.alive).length).toBe(1);
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_processes WHERE kind = 'Worker'")).toBe(2);
    await sim.advance(600);
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_processes WHERE kind = 'Worker'")).toBe(1);
    expect(sim.trace.count("process_pruned")).toBe(1);
  });

  it("a crash (exit status 1) says so", async () => {
    const sim = await world(oneWorker());
    await sim.enqueue(SleepyJob, [60]);
    await sim.advance(1);
    sim.crash("worker:0");
    await sim.advance(2);
    expect(errorOf(sim, 1)!.message).toMatch(/exited unexpectedly\. Exited with status 1\.$/);
  });
});

describe("pruning", () => {
  it("a process that stopped heartbeating for 300 s is pruned: its claims fail with ProcessPrunedError, then it stops itself", async () => {
    const sim = await world({ ...oneWorker(), pollTiming: "aligned" });
    await sim.enqueue(SleepyJob, [1000]);
    await sim.advance(1);
    sim.stopHeartbeats("worker:0");
    await sim.advance(700);
    // Last heartbeat at 60 s (the one before the fault, at registration + 60 s? no: stopped at 1 s,
    // so the last beat is the registration at 0 s); the prune at 300 s finds 0 <= 300 - 300.
    // Heartbeats stopped at 1 s, so the last one is the registration at 0 s; the prune at
    // 300 s finds last_heartbeat_at <= now - 300 s.
    const err = errorOf(sim, 1)!;
    expect(err.exceptionClass).toBe("SolidQueue::Processes::ProcessPrunedError");
    expect(err.message).toBe("Process was found dead and pruned (last heartbeat at: 2026-01-01 00:00:00 UTC)");
    const pruned = sim.trace.events.find((e) => e.type === "process_pruned")!;
    expect(pruned.t - START).toBe(300_000);
    // The zombie keeps running its job; when it returns, the claim is gone: nothing is recorded.
    await sim.advance(400);
    expect(sim.trace.events.filter((e) => e.type === "lost_result").map((e) => [e.jobId, e.t - START])).toEqual([[1, 1_000_000]]);
    expect(sim.job(1)!.status).toBe("failed");
  });

  it("a live process pruned after a clock jump finds its row gone at its next heartbeat, stops, and is replaced", async () => {
    const sim = await world(oneWorker());
    await sim.enqueue(SleepyJob, [10_000]);
    await sim.advance(250);
    // Last beats at 240 s; the wall clock jumps 10 minutes; the prune at 300 s (elapsed) sees
    // 240 s <= 900 s - 300 s.
    sim.jumpClock("10 minutes");
    await sim.advance(100);
    expect(errorOf(sim, 1)!.exceptionClass).toBe("SolidQueue::Processes::ProcessPrunedError");
    expect(sim.trace.count("clock_jump")).toBe(1);
    expect(sim.trace.events.filter((e) => e.type === "process_stopping").map((e) => e.data?.reason)).toContain("row gone at heartbeat");
    await sim.advance(5);
    expect(sim.workers().filter((w) => w.alive).length).toBe(1);
  });

});

describe("graceful stop (TERM)", () => {
  it("jobs that finish within shutdown_timeout finish; the others go back to ready and the old thread records nothing", async () => {
    const sim = await world({ ...oneWorker(2), supervisors: 2 });
    await sim.enqueue(SleepyJob, [3]);
    await sim.enqueue(SleepyJob, [30]);
    await sim.advance(1);
    const first = sim.trace.events.find((e) => e.type === "claimed")!.process!;
    sim.stop(first);
    await sim.advance(10);
    expect(sim.job(1)!.status).toBe("finished");
    const released = sim.trace.events.find((e) => e.type === "released")!;
    expect([released.jobId, released.t - START, released.data]).toEqual([2, 6_000, { reason: "shutdown" }]);
    await sim.runUntilIdle();
    // Job 2 ran again on the other supervisor's worker. The first thread died with its process
    // (the supervisor's QUIT after shutdown_timeout), so it never returns: no late result at all.
    expect(sim.job(2)!.status).toBe("finished");
    expect(sim.trace.events.filter((e) => e.type === "started" && e.jobId === 2).length).toBe(2);
    expect(sim.trace.count("lost_result")).toBe(0);
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_processes WHERE name = ?", [first])).toBe(0);
  });

  it("supervisor QUIT (fork): children exit at once, in-flight jobs go back to ready, rows are removed", async () => {
    const sim = await world(oneWorker());
    await sim.enqueue(SleepyJob, [30]);
    await sim.advance(1);
    sim.quit("supervisor:0");
    expect(sim.job(1)!.status).toBe("ready");
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_processes")).toBe(0);
  });
});

describe("supervisor TERM", () => {
  it("waits only until every child has stopped (up to shutdown_timeout)", async () => {
    const sim = await world({ ...oneWorker(), pollTiming: "aligned" });
    await sim.enqueue(SleepyJob, [1]);
    await sim.advance(0.5);
    sim.stop("supervisor:0");
    await sim.advance(10);
    const stopped = sim.trace.events.filter((e) => e.type === "process_stopped").map((e) => [e.process!.split("-")[0], (e.t - START) / 1000]);
    // The worker's job ends at 1 s; it deregisters then, and so does the supervisor, not at 5.5 s.
    expect(stopped).toEqual([
      ["dispatcher", 0.5],
      ["worker", 1],
      ["supervisor(fork)", 1],
    ]);
    expect(sim.job(1)!.status).toBe("finished");
  });
});

describe("a worker that found its row gone", () => {
  it("still finishes the jobs it claimed under its old id while stopping", async () => {
    const sim = await world({ ...oneWorker(), settings: { processHeartbeatInterval: 70 } });
    await sim.advance(285);
    // Beats at 70, 140, 210, 280 s; after the jump the prune at 300 s sees 280 s <= 600 s - 300 s.
    sim.jumpClock(300);
    await sim.advance(16);
    expect(sim.trace.count("process_pruned")).toBe(2); // the worker and the dispatcher
    // The worker does not know yet: it claims this job at once, under its deleted id; at its beat
    // tick (350 s) it finds the row gone and stops, waiting up to 5 s for the job, which ends at 351 s.
    await sim.enqueue(SleepyJob, [50]);
    await sim.advance(100);
    const job = sim.job(1)!;
    expect(sim.trace.count("lost_result")).toBe(0);
    expect(job.status).toBe("finished");
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_claimed_executions")).toBe(0);
  });
});

describe("supervisor boot", () => {
  it("fails orphaned claims (their process row is gone) with ProcessMissingError", async () => {
    const sim = await world(oneWorker());
    await sim.enqueue(SleepyJob, [100]);
    await sim.advance(1);
    sim.kill("supervisor:0");
    sim.kill("worker:0");
    sim.db.run("DELETE FROM solid_queue_processes WHERE kind = 'Worker'");
    sim.startSupervisor();
    expect(errorOf(sim, 1)).toMatchObject({ exceptionClass: "SolidQueue::Processes::ProcessMissingError", message: "The process that was running this job no longer exists" });
  });
});

describe("async mode", () => {
  const asyncMode = { ...oneWorker(), settings: { supervisorMode: "async" as const } };

  it("a dead worker thread is replaced and its claims fail with ThreadTerminatedError", async () => {
    const sim = await world(asyncMode);
    await sim.enqueue(SleepyJob, [60]);
    await sim.advance(1);
    const name = sim.process("worker:0").name;
    sim.kill("worker:0");
    await sim.advance(2);
    expect(errorOf(sim, 1)).toMatchObject({ exceptionClass: "SolidQueue::Processes::ThreadTerminatedError", message: `Thread ${name} terminated unexpectedly` });
  });

  it("killing the supervisor leaves rows and claims; a later supervisor prunes them after 300 s", async () => {
    const sim = await world(asyncMode);
    await sim.enqueue(SleepyJob, [60]);
    await sim.advance(1);
    sim.kill("supervisor:0");
    await sim.advance(100);
    expect(sim.job(1)!.status).toBe("claimed");
    sim.startSupervisor();
    await sim.advance(300);
    expect(errorOf(sim, 1)!.exceptionClass).toBe("SolidQueue::Processes::ProcessPrunedError");
  });
});
