import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { world as baseWorld } from "../helpers/world.js";
import { APP_SCHEMA, MODELS } from "../../scenarios/jobs/app.js";
import { CleanupSessionsJob } from "../../scenarios/jobs/cleanup-sessions-job.js";
import { DailyDigestJob } from "../../scenarios/jobs/daily-digest-job.js";
import { SyncInventoryJob } from "../../scenarios/jobs/sync-inventory-job.js";

const world: typeof baseWorld = (opts = {}) => baseWorld({ setupSql: APP_SCHEMA, models: MODELS, ...opts });

// The recurring scheduler (spec §4) with the seed's config/recurring.yml.

// The seed document's own jobs, over its app schema.
const JOBS = [CleanupSessionsJob, DailyDigestJob, SyncInventoryJob];
const SEED = { path: "scenarios/config/recurring.yml", env: "production" };
const START = Date.UTC(2026, 2, 1);

function runs(sim: Simulation, task: string): number[] {
  return sim.db.all<{ run_at: string }>("SELECT run_at FROM solid_queue_recurring_executions WHERE task_key = ? ORDER BY run_at", [task]).map((r) => Date.parse(`${r.run_at.replace(" ", "T").slice(0, 23)}Z`));
}

describe("recurring tasks", () => {
  it("the seed's recurring.yml over 30 days, two schedulers: 30 + 30 + 2880 enqueues at the right instants, none twice, all performed", async () => {
    const sim = await world({ pollTiming: "aligned", jobs: JOBS, recurring: SEED, supervisors: 2, start: "2026-03-01T00:00:00Z" });
    await sim.advance("30 days");
    const counts = Object.fromEntries(sim.db.all<{ class_name: string; n: number }>("SELECT class_name, COUNT(*) AS n FROM solid_queue_jobs GROUP BY class_name").map((r) => [r.class_name, r.n]));
    expect(counts).toEqual({ CleanupSessionsJob: 30, DailyDigestJob: 30, SyncInventoryJob: 2880 });
    const day = 86_400_000;
    expect(runs(sim, "cleanup_old_sessions")).toEqual(Array.from({ length: 30 }, (_, i) => START + i * day + 3 * 3_600_000));
    expect(runs(sim, "send_daily_digest")).toEqual(Array.from({ length: 30 }, (_, i) => START + i * day + 8 * 3_600_000));
    expect(runs(sim, "sync_inventory")).toEqual(Array.from({ length: 2880 }, (_, i) => START + (i + 1) * 900_000));
    // Both schedulers fired every occurrence; the (task_key, run_at) uniqueness let one through.
    expect(sim.trace.count("recurring_enqueued")).toBe(2940);
    expect(sim.trace.count("recurring_skipped")).toBe(2940);
    expect(sim.jobs({ status: "finished" }).length).toBe(2940);
    // scheduled_at is the actual enqueue time, which is the planned run_at here.
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_jobs j JOIN solid_queue_recurring_executions r ON r.job_id = j.id WHERE j.scheduled_at <> r.run_at")).toBe(0);
    expect(sim.db.all("SELECT key, schedule, class_name, static FROM solid_queue_recurring_tasks ORDER BY key")).toEqual([
      { key: "cleanup_old_sessions", schedule: "every day at 3am", class_name: "CleanupSessionsJob", static: 1 },
      { key: "send_daily_digest", schedule: "every day at 8am", class_name: "DailyDigestJob", static: 1 },
      { key: "sync_inventory", schedule: "every 15 minutes", class_name: "SyncInventoryJob", static: 1 },
    ]);
  });

  it("schedules read the time_zone when they name none", async () => {
    const sim = await world({ jobs: JOBS, recurring: SEED, timeZone: "Europe/Paris", start: "2026-03-01T00:00:00Z" });
    await sim.advance("2 days");
    expect(runs(sim, "cleanup_old_sessions")).toEqual([Date.UTC(2026, 2, 1, 2), Date.UTC(2026, 2, 2, 2)]);
  });

  it("scheduler down: missed occurrences are lost; the first run after boot is the next one after now", async () => {
    const sim = await world({ jobs: JOBS, recurring: SEED, start: "2026-03-01T00:00:00Z" });
    await sim.advance("1 hour");
    // Fork mode: the children notice the supervisor is gone and stop gracefully.
    sim.kill("supervisor:0");
    await sim.advance("2 hours");
    await sim.advance(10);
    sim.startSupervisor(SEED);
    await sim.advance("1 hour");
    const inventory = runs(sim, "sync_inventory").map((t) => (t - START) / 60_000);
    expect(inventory).toEqual([15, 30, 45, 60, 195, 210, 225, 240]);
  });

  it("a forward wall-clock jump: the scheduler catches up every missed occurrence, one per 0.1 s", async () => {
    const sim = await world({ jobs: JOBS, recurring: SEED, start: "2026-03-01T00:00:00Z" });
    await sim.advance("10 minutes");
    sim.jumpClock("1 hour");
    await sim.advance("6 minutes");
    const fired = sim.trace.events.filter((e) => e.type === "recurring_enqueued" && e.data?.task === "sync_inventory");
    expect(fired.map((e) => ((e.data!.runAt as number) - START) / 60_000)).toEqual([15, 30, 45, 60, 75]);
    // The 00:15 timer fires after its 5 minutes of elapsed time, at 01:15 on the jumped wall
    // clock; each next run_at follows from the planned one, so the missed ones fire 0.1 s apart.
    expect(fired.map((e) => e.t - fired[0]!.t)).toEqual([0, 100, 200, 300, 400]);
    expect(fired[0]!.t - START).toBe(75 * 60_000);
  });

  it("a backward wall-clock jump: runs pause until the wall clock reaches the next planned time", async () => {
    const sim = await world({ jobs: JOBS, recurring: SEED, start: "2026-03-01T00:00:00Z" });
    await sim.advance("16 minutes");
    sim.jumpClock(-30 * 60);
    await sim.advance("70 minutes");
    const fired = sim.trace.events.filter((e) => e.type === "recurring_enqueued" && e.data?.task === "sync_inventory");
    // 00:15 fired; the 00:30 timer, armed before the jump, fires after its 15 minutes of elapsed
    // time, when the jumped-back wall clock reads 00:00; the next delay is computed against that
    // earlier wall clock, so 00:45 waits for the wall clock to reach 00:45 (45 elapsed minutes).
    expect(fired.map((e) => [((e.data!.runAt as number) - START) / 60_000, (e.t - START) / 1000])).toEqual([
      [15, 900],
      [30, 0],
      [45, 2700],
    ]);
  });

  it("command tasks run a command registered by name; Solid Queue's clear_finished_in_batches is built in", async () => {
    const ran: number[] = [];
    const text = `
production:
  nightly_report:
    command: "Reports.nightly"
    schedule: every day at 1am
  clear_solid_queue_finished_jobs:
    command: "SolidQueue::Job.clear_finished_in_batches(sleep_between_batches: 0.3)"
    schedule: every hour at minute 12
`;
    const sim = await world({ pollTiming: "aligned", jobs: JOBS, recurring: { text, env: "production", path: "recurring.yml" }, commands: { "Reports.nightly": (s) => void ran.push(s.now()) } });
    await sim.advance("26 hours");
    expect(ran).toEqual([Date.UTC(2026, 0, 1, 1), Date.UTC(2026, 0, 2, 1)]);
    expect(sim.jobs({ className: "SolidQueue::RecurringJob" })[0]!.queueName).toBe("solid_queue_recurring");
    // The cleaner deleted the finished command jobs older than a day.
    expect(sim.trace.count("cleared")).toBeGreaterThan(0);
  });

  it("invalid tasks stop the scheduler's supervisor from starting, each named with its place", async () => {
    const text = `
bad_schedule:
  class: SyncInventoryJob
  schedule: every 100 minutes
no_job:
  schedule: every hour
unknown_class:
  class: NopeJob
  schedule: every day at 00:40 and 15:20
unregistered:
  command: "Foo.bar"
  schedule: every hour
`;
    await expect(world({ jobs: JOBS, recurring: { text, path: "recurring.yml" } })).rejects.toThrow(
      [
        "Invalid recurring tasks:",
        "recurring.yml:4:13: - bad_schedule: Schedule is not a supported recurring schedule",
        "recurring.yml:5:1: - no_job: either command or class must be present",
        "recurring.yml:9:13: - unknown_class: Schedule generates multiple cron schedules. Please use separate recurring tasks for each schedule, or use explicit cron syntax (e.g., '40 0,15 * * *' for multiple times with the same minutes), Class name doesn't correspond to an existing class (no job class is named \"NopeJob\"; known job classes: ActionMailer::MailDeliveryJob, CleanupSessionsJob, DailyDigestJob, SolidQueue::RecurringJob, SyncInventoryJob)",
        'recurring.yml:10:1: - unregistered: command "Foo.bar" is not registered (pass it in createSimulation({ commands }))',
      ].join("\n"),
    );
  });

  it("queue and priority overrides and arguments reach the job", async () => {
    class ArgsJob extends Job {
      static {
        this.queueAs("low");
        this.queueWithPriority(7);
      }
      override perform(..._args: unknown[]): void {}
    }
    const text = `
a:
  class: ArgsJob
  args: [42, { mode: fast }]
  queue: critical
  schedule: every minute
b:
  class: ArgsJob
  args: hello
  schedule: every minute
`;
    const sim = await world({ jobs: [ArgsJob], recurring: { text } });
    await sim.advance(61);
    expect(sim.jobs().map((j) => [j.queueName, j.priority, j.args])).toEqual([
      ["critical", 7, [42, { mode: "fast", _aj_symbol_keys: [] }]],
      ["low", 7, ["hello"]],
    ]);
  });
});
