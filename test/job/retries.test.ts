import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import type { JobPayload } from "../../src/job/payload.js";
import { sinceStart, world } from "../helpers/world.js";
import { withFakeEnvironment } from "./support/fake-environment.js";

// Retries as the store sees them (solid-queue.md §2.9): each retry is a NEW solid_queue_jobs row
// with the same active_job_id; the failing row finishes; the last failure leaves a failed
// execution. Counters per declaration (active-job.md §5.4), retry_job (§5.5).

class AError extends Error {}
class BError extends Error {}
class DefaultsError extends Error {}
class FirstError extends Error {}
const ERRORS: Record<string, new (message?: string) => Error> = { AError, BError, DefaultsError, FirstError };

/** Raises, on its n-th execution, the error named at plan[n - 1] (none: succeeds). */
class Planned extends Job {
  static counters: Record<string, number>[] = [];
  override async perform(plan: string[]) {
    Planned.counters.push({ ...this.exceptionExecutions });
    const name = plan[this.executions - 1];
    if (name !== undefined) throw new ERRORS[name]!(`${name} on execution ${this.executions}`);
    await this.db.run("INSERT INTO done (execution) VALUES (?)", [this.executions]);
  }
}

const setupSql = "CREATE TABLE done (execution INTEGER)";

async function runPlanned(cls: typeof Planned, plan: string[]) {
  const sim = await world({ pollTiming: "aligned", jobs: [cls], setupSql });
  Planned.counters = [];
  const job = await cls.performLater(plan);
  await sim.runUntilIdle();
  const rows = sim.jobs();
  return {
    sim,
    job,
    rows,
    statuses: rows.map((r) => r.status),
    done: sim.db.all("SELECT execution FROM done").map((r) => r.execution),
    counters: Planned.counters,
  };
}

describe("each retry is a new row (solid-queue §2.9)", () => {
  class AlwaysA extends Planned {
    static {
      this.retryOn(AError, { attempts: 3 });
    }
  }

  it("attempts 3, always failing: rows 1 and 2 finished, row 3 failed with the error's class; one active_job_id", async () => {
    const { rows, statuses, job } = await runPlanned(AlwaysA, ["AError", "AError", "AError"]);
    expect(statuses).toEqual(["finished", "finished", "failed"]);
    expect(new Set(rows.map((r) => r.activeJobId))).toEqual(new Set([(job as Job).jobId]));
    expect(rows.map((r) => r.payload.executions)).toEqual([0, 1, 2]);
    expect(rows.map((r) => r.payload.job_id)).toEqual(rows.map((r) => r.activeJobId));
    expect(rows[2]!.error).toMatchObject({ exceptionClass: "AError", message: "AError on execution 3" });
    // Each retry waits the default 3 s after the failure before it runs.
    expect(rows.map((r) => sinceStart(r.scheduledAt!))).toEqual([0, 3, 6]);
    // The retry's payload carries the previous row as provider_job_id (the same instance was enqueued).
    expect(rows.map((r) => r.payload.provider_job_id)).toEqual([null, 1, 2]);
  });

  it("exhausted with a block: the last row finishes too, and the block gets the job and the error", async () => {
    const seen: unknown[] = [];
    class Blocked extends Planned {
      static {
        this.retryOn(AError, { attempts: 2 }, (job, error: Error) => seen.push(job.executions, error.message));
      }
    }
    const { statuses } = await runPlanned(Blocked, ["AError", "AError"]);
    expect(statuses).toEqual(["finished", "finished"]);
    expect(seen).toEqual([2, "AError on execution 2"]);
  });

  it("discardOn: the row finishes, no failed execution, a discarded event", async () => {
    class Discarding extends Planned {
      static {
        this.discardOn(AError);
      }
    }
    const { sim, statuses } = await runPlanned(Discarding, ["AError"]);
    expect(statuses).toEqual(["finished"]);
    expect(sim.trace.events.filter((e) => e.type === "discarded").map((e) => [e.jobId, e.data])).toEqual([[1, { error: "AError" }]]);
  });
});

describe("per-declaration counters (§5.4), through the engine", () => {
  it("retry_on A, B, attempts: 4 raising A, A, A, B gives up on the 4th failure", async () => {
    class Shared extends Planned {
      static {
        this.retryOn([AError, BError], { attempts: 4, wait: 1 });
      }
    }
    const { statuses, rows } = await runPlanned(Shared, ["AError", "AError", "AError", "BError"]);
    expect(statuses).toEqual(["finished", "finished", "finished", "failed"]);
    expect(rows[3]!.error!.exceptionClass).toBe("BError");
    expect(rows[3]!.payload.exception_executions).toEqual({ "[AError, BError]": 3 });
  });

  it("DefaultsError x4 then FirstError x3 all retry (separate counters), and the 8th execution succeeds", async () => {
    class Separate extends Planned {
      static {
        this.retryOn(DefaultsError);
        this.retryOn(FirstError, { attempts: 4 });
      }
    }
    const plan = ["DefaultsError", "DefaultsError", "DefaultsError", "DefaultsError", "FirstError", "FirstError", "FirstError"];
    const { statuses, rows, done, counters } = await runPlanned(Separate, plan);
    expect(statuses).toEqual(Array(8).fill("finished"));
    expect(done).toEqual([8]);
    expect(rows[7]!.payload.exception_executions).toEqual({ "[DefaultsError]": 4, "[FirstError]": 3 });
    // Inside perform the counters are those before the current failure.
    expect(counters.slice(0, 3)).toEqual([{}, { "[DefaultsError]": 1 }, { "[DefaultsError]": 2 }]);
  });

  it("two declarations of the same list share a key: the later one's handler and attempts apply", async () => {
    class Twice extends Planned {
      static {
        this.retryOn(AError, { attempts: 10 });
        this.retryOn(AError, { attempts: 2, wait: 7 });
      }
    }
    const { statuses, rows } = await runPlanned(Twice, ["AError", "AError", "AError"]);
    expect(statuses).toEqual(["finished", "failed"]);
    expect(sinceStart(rows[1]!.scheduledAt!)).toBe(7);
  });

  it("keys a class by its name and a string name with its quotes, as Ruby's Array#inspect", async () => {
    class ByName extends Planned {
      static {
        this.retryOn(["AError", BError], { attempts: 2 });
      }
    }
    const { rows } = await runPlanned(ByName, ["AError", "AError"]);
    expect(rows[1]!.payload.exception_executions).toEqual({ '["AError", BError]': 1 });
  });

  it("uses executions as the count for a legacy payload without exception_executions, and keeps it null", async () => {
    class Legacy extends Job {
      static {
        this.retryOn(AError, { attempts: 5 });
      }
      override perform() {
        throw new AError();
      }
    }
    await withFakeEnvironment(async (env) => {
      const payload = (executions: number): JobPayload => ({
        ...new Legacy().serialize(),
        executions,
        exception_executions: null,
      });
      await Legacy.deserialize(payload(2)).performNow(); // n = 3 < 5: retried
      expect(env.enqueued.map((e) => [e.payload.executions, e.payload.exception_executions])).toEqual([[3, null]]);
      await expect(Legacy.deserialize(payload(4)).performNow()).rejects.toBeInstanceOf(AError); // n = 5: exhausted
    });
  });
});

describe("retry delays reaching the store, jitter 0", () => {
  it("polynomiallyLonger: each retry row is scheduled 3, 18, 83, 258, 627 s after the failure before it", async () => {
    class Poly extends Planned {
      static {
        this.retryOn(AError, { wait: "polynomiallyLonger", attempts: 6 });
      }
    }
    const { rows, sim } = await runPlanned(Poly, Array(6).fill("AError"));
    const failedAt = sim.trace.events.filter((e) => e.type === "retried").map((e) => e.t);
    expect(rows.slice(1).map((r, i) => (r.scheduledAt! - failedAt[i]!) / 1000)).toEqual([3, 18, 83, 258, 627]);
    expect(rows.map((r) => r.status)).toEqual([...Array(5).fill("finished"), "failed"]);
  });
});

describe("retry options reaching the new row", () => {
  it("retryOn queue: and priority: set the retry row's queue (prefixed) and priority; the first row keeps its own", async () => {
    class Moving extends Planned {
      static {
        this.queueNamePrefix = "aj";
        this.queueAs("default");
        this.queueWithPriority(5);
        this.retryOn(AError, { attempts: 3, queue: "low", priority: 9 });
      }
    }
    const { rows, statuses } = await runPlanned(Moving, ["AError", "AError"]);
    expect(statuses).toEqual(["finished", "finished", "finished"]);
    expect(rows.map((r) => [r.queueName, r.priority])).toEqual([
      ["aj_default", 5],
      ["aj_low", 9],
      ["aj_low", 9],
    ]);
  });

  it("retryJob from a rescueFrom handler: the new row gets wait/queue/priority, the instance keeps its own values", async () => {
    const after: unknown[] = [];
    class Manual extends Planned {
      static {
        this.queueAs("default");
        this.rescueFrom(AError, async (job) => {
          const before = [job.queueName, job.priority, job.scheduledAt];
          await job.retryJob({ wait: 30, queue: "low", priority: "7" });
          after.push(before, [job.queueName, job.priority, job.scheduledAt]);
        });
      }
    }
    const { rows } = await runPlanned(Manual, ["AError"]);
    expect(rows.map((r) => [r.queueName, r.priority, sinceStart(r.scheduledAt!), r.status])).toEqual([
      ["default", 0, 0, "finished"],
      ["low", 7, 30, "finished"],
    ]);
    expect(after[0]).toEqual(after[1]);
    expect(after[0]).toEqual(["default", null, null]);
  });

  it("retryJob() without options enqueues at once (no enqueue_at); retry_on always schedules, even with wait 0", async () => {
    class NoWait extends Job {
      static {
        this.rescueFrom(AError, (job) => job.retryJob());
      }
      override perform() {
        throw new AError();
      }
    }
    class ZeroWait extends NoWait {
      static {
        this.retryOn(AError, { wait: 0 });
      }
    }
    await withFakeEnvironment(async (env) => {
      await new NoWait().performNow();
      await new ZeroWait().performNow();
      expect(env.enqueued.map((e) => e.at)).toEqual([undefined, env.time / 1000]);
    });
  });

  it("a retry enqueued from a handler that fails to enqueue (EnqueueError) returns false and the row still finishes", async () => {
    class Unlucky extends Job {
      static results: unknown[] = [];
      static {
        this.rescueFrom(AError, async (job) => {
          Unlucky.results.push(await job.retryJob({ wait: 1 }));
        });
      }
      override perform() {
        throw new AError();
      }
    }
    await withFakeEnvironment(async (env) => {
      env.failNext = 1;
      await new Unlucky().performNow();
      expect(Unlucky.results).toEqual([false]);
    });
  });
});
