import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { world } from "../helpers/world.js";

// Finishing and failing (spec §2.5-2.7).

class Boom extends Error {}
class FailingJob extends Job {
  override perform(): void {
    throw new Boom("kaput");
  }
}
class FineJob extends Job {
  override perform(): void {}
}

describe("finishing", () => {
  it("sets finished_at (preserve_finished_jobs, the default) and drops the claim", async () => {
    const sim = await world({ pollTiming: "aligned", jobs: [FineJob] });
    await sim.enqueue(FineJob);
    await sim.advance(1);
    const row = sim.db.get("SELECT finished_at, updated_at FROM solid_queue_jobs WHERE id = 1")!;
    expect(row.finished_at).toBe("2026-01-01 00:00:00.000000");
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_claimed_executions")).toBe(0);
    expect(sim.jobs()[0]!.status).toBe("finished");
  });

  it("deletes the row when preserve_finished_jobs is false", async () => {
    const sim = await world({ jobs: [FineJob], settings: { preserveFinishedJobs: false } });
    await sim.enqueue(FineJob);
    await sim.advance(1);
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_jobs")).toBe(0);
    expect(sim.trace.count("succeeded")).toBe(1);
  });
});

describe("failing", () => {
  it("writes a failed execution with the error's class, message and backtrace", async () => {
    const sim = await world({ jobs: [FailingJob] });
    await sim.enqueue(FailingJob);
    await sim.advance(1);
    const error = JSON.parse(sim.db.value("SELECT error FROM solid_queue_failed_executions WHERE job_id = 1") as string);
    expect(error.exception_class).toBe("Boom");
    expect(error.message).toBe("kaput");
    expect(error.backtrace.length).toBeGreaterThan(0);
    expect(error.backtrace[0]).toMatch(/FailingJob\.perform/);
    const job = sim.jobs()[0]!;
    expect(job.status).toBe("failed");
    expect(job.finishedAt).toBeNull();
    expect(job.error).toMatchObject({ exceptionClass: "Boom", message: "kaput" });
  });

  it("a row whose class is unknown fails with Active Job's UnknownJobClassError", async () => {
    const sim = await world({ jobs: [FineJob] });
    await sim.enqueue(FineJob);
    sim.db.run("UPDATE solid_queue_jobs SET class_name = 'RenamedJob'");
    await sim.advance(1);
    expect(sim.jobs()[0]!.error).toMatchObject({ exceptionClass: "UnknownJobClassError", message: expect.stringContaining("Failed to instantiate job, class `RenamedJob` doesn't exist") });
  });
});
