import { describe, expect, it } from "vitest";
import "../../src/testing/vitest.js";
import { Job } from "../../src/job/job.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { TaggedJob, world } from "../helpers/world.js";

// Solid Queue's instrumentation (solid-queue.md §9.8) and Active Job's (active-job.md §5.8):
// names, payload keys, counts; sim.subscribe as ActiveSupport::Notifications.subscribe.

const CONFIG = { text: "dispatchers: [{ polling_interval: 1, batch_size: 500 }]\nworkers: [{ queues: ['*'], threads: 3, polling_interval: 0.1 }]" };

type Seen = { name: string; start: Date; finish: Date; id: string; payload: Record<string, any> };

function record(sim: Simulation, pattern: string | RegExp): Seen[] {
  const seen: Seen[] = [];
  sim.subscribe(pattern, (name, start, finish, id, payload) => seen.push({ name, start, finish, id, payload }));
  return seen;
}

class LimitedJob extends Job {
  static {
    this.limitsConcurrency({ key: "k", to: 1, duration: "5 minutes" });
  }
  override async perform(): Promise<void> {
    await this.sleep(10);
  }
}

class BoomError extends Error {}
class BoomJob extends Job {
  override perform(): void {
    throw new BoomError("boom");
  }
}

describe("§9.8 Solid Queue's events", () => {
  it("claim: process_id, job_ids, claimed_job_ids, size, one per queue relation with candidates", async () => {
    const sim = await world({ queueConfig: CONFIG });
    const claims = record(sim, "claim.solid_queue");
    await TaggedJob.performLater("a");
    await TaggedJob.performLater("b");
    await sim.runUntilIdle();
    expect(claims).toHaveLength(1);
    const worker = sim.workers()[0]!;
    expect(claims[0]!.payload).toEqual({ process_id: worker.id, job_ids: [1, 2], size: 2, claimed_job_ids: [1, 2] });
  });

  it("dispatch_scheduled: batch_size and size, only for a non-empty batch", async () => {
    const sim = await world({ queueConfig: CONFIG });
    const seen = record(sim, "dispatch_scheduled.solid_queue");
    await TaggedJob.set({ wait: 30 }).performLater("later");
    await TaggedJob.set({ wait: 30 }).performLater("later too");
    await sim.advance(60);
    expect(seen.map((s) => s.payload)).toEqual([{ batch_size: 500, size: 2 }]);
  });

  it("polling: one per poll of each poller (subscribing turns poll skipping off for it)", async () => {
    // Aligned polls, so the count is exact (with drift each poll also costs 1-4 ms).
    const sim = await world({ queueConfig: CONFIG, pollTiming: "aligned" });
    const polls = record(sim, "polling.solid_queue");
    await sim.advance(10);
    // Worker every 0.1 s (t = 0, 0.1, ..., 10) and dispatcher every 1 s (t = 0..10), both inclusive of t = 0.
    expect(polls.length).toBe(101 + 11);
    expect(polls.every((p) => Object.keys(p.payload).length === 0)).toBe(true);
  });

  it("release_blocked (job_id, concurrency_key, released) when a finished job unblocks the next; release_many_blocked at every maintenance run, size 0 when nothing was released", async () => {
    const sim = await world({ jobs: [LimitedJob], queueConfig: CONFIG, supervisors: 0 });
    const released = record(sim, /^release_(many_)?blocked\.solid_queue$/);
    sim.startSupervisor();
    await LimitedJob.performLater();
    await LimitedJob.performLater();
    await sim.runUntilIdle();
    const single = released.filter((r) => r.name === "release_blocked.solid_queue").map((r) => r.payload);
    expect(single).toEqual([{ job_id: 2, concurrency_key: "LimitedJob/k", released: true }]);
    const many = released.filter((r) => r.name === "release_many_blocked.solid_queue").map((r) => r.payload);
    expect(many[0]).toEqual({ limit: 500, size: 0 });
  });

  it("register_process, start_process, deregister_process (pruned false), shutdown_process, graceful_termination; release_many_claimed (size 0) for a worker", async () => {
    const sim = await world({ queueConfig: CONFIG });
    const seen = record(sim, /solid_queue$/);
    const names = () => seen.map((s) => s.name).filter((n) => n !== "polling.solid_queue" && n !== "release_many_blocked.solid_queue");
    expect(names().filter((n) => n === "register_process.solid_queue")).toHaveLength(0); // booted before subscribing
    sim.stop("supervisor:0");
    await sim.runUntilIdle();
    const got = names();
    expect(got.filter((n) => n === "deregister_process.solid_queue")).toHaveLength(3);
    expect(got.filter((n) => n === "shutdown_process.solid_queue")).toHaveLength(3);
    expect(got.filter((n) => n === "release_many_claimed.solid_queue")).toHaveLength(1);
    const graceful = seen.filter((s) => s.name === "graceful_termination.solid_queue");
    expect(graceful).toHaveLength(1);
    expect(graceful[0]!.payload.shutdown_timeout_exceeded).toBeUndefined();
    expect(seen.find((s) => s.name === "deregister_process.solid_queue")!.payload.pruned).toBe(false);
  });

  it("register_process payload: kind, name, pid, hostname, metadata, process_id", async () => {
    const seen: Seen[] = [];
    const sim = await world({ queueConfig: CONFIG, supervisors: 0 });
    sim.subscribe("register_process.solid_queue", (name, start, finish, id, payload) => seen.push({ name, start, finish, id, payload }));
    sim.startSupervisor();
    expect(seen.map((s) => s.payload.kind)).toEqual(["Supervisor(fork)", "Dispatcher", "Worker"]);
    expect(Object.keys(seen[2]!.payload)).toEqual(["kind", "name", "pid", "hostname", "supervisor_id", "metadata", "process_id"]);
  });

  it("a job that raises: thread_error with the error, and Rails.error gets it once, unhandled, source application.solid_queue", async () => {
    const sim = await world({ jobs: [BoomJob], queueConfig: CONFIG });
    const errors = record(sim, "thread_error.solid_queue");
    await BoomJob.performLater();
    await sim.runUntilIdle();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.payload.error).toBeInstanceOf(BoomError);
    expect(sim.errors).toHaveLength(1);
    expect(sim).toHaveReportedError(BoomError, { handled: false, severity: "error", source: "application.solid_queue", message: "boom" });
    expect(sim).not.toHaveReportedError(BoomError, { handled: true });
  });

  it("report: true on retry_on / discard_on reaches sim.errors, handled, source application.active_job", async () => {
    class Flaky extends Error {}
    class Gone extends Error {}
    class ReportingJob extends Job {
      static {
        this.retryOn(Flaky, { wait: 1, attempts: 2, report: true });
        this.discardOn(Gone, { report: true });
      }
      override async perform(what: string): Promise<void> {
        throw what === "gone" ? new Gone("gone") : new Flaky("try again");
      }
    }
    const sim = await world({ jobs: [ReportingJob], queueConfig: CONFIG });
    await ReportingJob.performLater("flaky");
    await ReportingJob.performLater("gone");
    await sim.runUntilIdle();
    // The retried attempt is reported as handled; the exhausted one escapes and is reported by the
    // executor as unhandled; the discarded one is handled.
    expect(sim).toHaveReportedError(Flaky, { handled: true, severity: "warning", source: "application.active_job", message: "try again" });
    expect(sim).toHaveReportedError(Gone, { handled: true, source: "application.active_job" });
    expect(sim).toHaveReportedError(Flaky, { handled: false, source: "application.solid_queue" });
    expect(sim.errors.map((r) => [r.errorClass, r.handled, r.source])).toEqual([
      ["Flaky", true, "application.active_job"],
      ["Gone", true, "application.active_job"],
      ["Flaky", false, "application.solid_queue"],
    ]);
  });

  it("retry / discard / retry_all / discard_all from the operator's calls", async () => {
    const sim = await world({ jobs: [BoomJob], queueConfig: CONFIG });
    const seen = record(sim, /^(retry|retry_all|discard|discard_all)\.solid_queue$/);
    await BoomJob.performLater();
    await BoomJob.performLater();
    await sim.runUntilIdle();
    sim.retryFailed(1);
    await sim.runUntilIdle();
    sim.discardAllFailed();
    sim.clearQueue("default");
    expect(seen.map((s) => [s.name, s.payload])).toEqual([
      ["retry.solid_queue", { job_id: 1 }],
      ["discard_all.solid_queue", { jobs_size: 2, status: "failed", size: 2 }],
      ["discard_all.solid_queue", { batch_size: 500, status: "ready", batches: 1, size: 0 }],
    ]);
  });

  it("subscribers get ActiveSupport's five arguments; a RegExp matches names; the unsubscribe stops them", async () => {
    const sim = await world({ queueConfig: CONFIG });
    const seen = record(sim, /\.active_job$/);
    const off = sim.subscribe("perform.active_job", () => {
      throw new Error("unsubscribed, never called");
    });
    off();
    await TaggedJob.performLater("x");
    await sim.runUntilIdle();
    expect(seen.map((s) => s.name)).toEqual(["enqueue.active_job", "perform_start.active_job", "perform.active_job"]);
    const perform = seen[2]!;
    expect(perform.start).toBeInstanceOf(Date);
    expect(perform.payload.job).toBeInstanceOf(TaggedJob);
    expect(perform.payload.adapter).toBe("SolidQueueAdapter");
    expect(Number(perform.id)).toBeGreaterThan(Number(seen[0]!.id));
  });

  it("kept with instrumentation: true, in a JSON channel of their own; the trace itself is unchanged", async () => {
    // Jobs enqueue into the newest world, so each world runs before the next is made.
    const run = async (instrumentation: boolean) => {
      const sim = await world({ queueConfig: CONFIG, instrumentation });
      await TaggedJob.performLater("x");
      await sim.runUntilIdle();
      return sim;
    };
    const a = await run(true);
    const aTrace = a.trace.toJSON();
    const b = await run(false);
    expect(aTrace).toBe(b.trace.toJSON());
    expect(b.notifications).toHaveLength(0);
    expect(a.notifications.filter((n) => n.name === "claim.solid_queue")).toHaveLength(1);
    expect(a.notificationsJSON()).toContain('"name":"claim.solid_queue"');
  });
});

describe("§5.8 Active Job's events", () => {
  it("RetryJob: one enqueue_retry for (DefaultsError, 2), one retry_stopped for (CustomCatchError, 6), one discard for (DiscardableError, 6)", async () => {
    class DefaultsError extends Error {}
    class CustomCatchError extends Error {}
    class DiscardableError extends Error {}
    const classes: Record<string, new () => Error> = { DefaultsError, CustomCatchError, DiscardableError };
    class RetryJob extends Job {
      static {
        this.retryOn(DefaultsError, { wait: 0 });
        this.retryOn(CustomCatchError, { attempts: 3, wait: 0 }, () => {});
        this.discardOn(DiscardableError);
      }
      override perform(name: string, attempts: number) {
        if (this.executions < attempts) throw new classes[name]!();
      }
    }
    for (const [name, attempts, event] of [
      ["DefaultsError", 2, "enqueue_retry"],
      ["CustomCatchError", 6, "retry_stopped"],
      ["DiscardableError", 6, "discard"],
    ] as const) {
      const sim = await world({ jobs: [RetryJob], queueConfig: CONFIG });
      const seen = record(sim, `${event}.active_job`);
      await RetryJob.performLater(name, attempts);
      await sim.runUntilIdle();
      expect(seen, `${name}, ${attempts}`).toHaveLength(1);
      if (event === "enqueue_retry") {
        expect(seen[0]!.payload.wait).toBe(0);
        expect(seen[0]!.payload.error).toBeInstanceOf(DefaultsError);
      }
    }
  });

  it("enqueue_at for a delayed job; aborted: true when a before_enqueue callback halts; perform carries the exception", async () => {
    class HaltJob extends Job {
      static {
        this.beforeEnqueue((j) => j.abort());
      }
      override perform(): void {}
    }
    const sim = await world({ jobs: [HaltJob, BoomJob], queueConfig: CONFIG });
    const seen = record(sim, /^(enqueue|enqueue_at|perform)\.active_job$/);
    await TaggedJob.set({ wait: 5 }).performLater("later");
    await HaltJob.performLater();
    await BoomJob.performLater();
    await sim.runUntilIdle();
    expect(seen[0]!.name).toBe("enqueue_at.active_job");
    expect(seen[1]!.payload.aborted).toBe(true);
    const boom = seen.find((s) => s.name === "perform.active_job" && s.payload.job instanceof BoomJob)!;
    expect(boom.payload.exception).toEqual(["BoomError", "boom"]);
  });
});

describe("issue 12 item 10: ids after rows inserted with plain SQL", () => {
  it("a job row inserted by SQL (id 41) and the store's next insert gets 42", async () => {
    const sim = await world({ queueConfig: CONFIG });
    sim.db.run(
      "INSERT INTO solid_queue_jobs (id, queue_name, class_name, arguments, priority, active_job_id, created_at, updated_at) VALUES (41, 'default', 'TaggedJob', '{}', 0, 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    );
    sim.db.run("INSERT INTO solid_queue_ready_executions (job_id, queue_name, priority, created_at) VALUES (41, 'default', 0, '2026-01-01 00:00:00')");
    const job = await TaggedJob.performLater("after");
    expect(job && job.providerJobId).toBe(42);
    expect(sim.db.value("SELECT MAX(id) FROM solid_queue_ready_executions")).toBe(2);
  });
});
