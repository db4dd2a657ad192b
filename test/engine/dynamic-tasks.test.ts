import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { START, world } from "../helpers/world.js";

// Dynamic recurring tasks (spec §4.3, §4.5): SolidQueue.schedule_recurring_task and
// unschedule_recurring_task, picked up by a scheduler with dynamic_tasks_enabled on its loop.

class PingJob extends Job {
  override perform(): void {}
}

const DYNAMIC = { text: "dispatchers: [{ polling_interval: 1 }]\nworkers: [{ queues: '*' }]\nscheduler: { dynamic_tasks_enabled: true, polling_interval: 5 }\n" };

const fired = (sim: Simulation, task: string) =>
  sim.trace.events.filter((e) => e.type === "recurring_enqueued" && e.data?.task === task).map((e) => [((e.data!.runAt as number) - START) / 1000, (e.t - START) / 1000]);

describe("dynamic recurring tasks", () => {
  it("a scheduler runs with dynamic tasks enabled even without static ones, and picks a new task up on its next loop", async () => {
    const sim = await world({ jobs: [PingJob], queueConfig: DYNAMIC });
    expect(sim.processes().map((p) => p.kind)).toEqual(["Supervisor(fork)", "Dispatcher", "Worker", "Scheduler"]);
    await sim.advance(7);
    sim.scheduleRecurringTask("ping", { class: "PingJob", schedule: "every minute" });
    expect(sim.db.get("SELECT key, static FROM solid_queue_recurring_tasks")).toEqual({ key: "ping", static: 0 });
    await sim.advance(180);
    // Loaded at the 10 s loop tick; first run at 00:01:00.
    expect(fired(sim, "ping")).toEqual([
      [60, 60],
      [120, 120],
      [180, 180],
    ]);
    expect(JSON.parse(sim.db.value("SELECT metadata FROM solid_queue_processes WHERE kind = 'Scheduler'") as string)).toEqual({ recurring_schedule: ["ping"] });
  });

  it("unscheduling cancels the timer at the next loop tick", async () => {
    const sim = await world({ jobs: [PingJob], queueConfig: DYNAMIC });
    sim.scheduleRecurringTask("ping", { class: "PingJob", schedule: "every minute" });
    await sim.advance(125);
    sim.unscheduleRecurringTask("ping");
    await sim.advance(300);
    expect(fired(sim, "ping").map(([runAt]) => runAt)).toEqual([60, 120]);
  });

  it("validation, duplicates and missing keys are errors as in Solid Queue", async () => {
    const sim = await world({ jobs: [PingJob], queueConfig: DYNAMIC });
    expect(() => sim.scheduleRecurringTask("bad", { class: "PingJob", schedule: "every 100 minutes" })).toThrow("Validation failed: Schedule is not a supported recurring schedule");
    expect(() => sim.scheduleRecurringTask("nope", { class: "NopeJob", schedule: "every hour" })).toThrow('Validation failed: Class name doesn\'t correspond to an existing class (no job class is named "NopeJob"; known job classes: ActionMailer::MailDeliveryJob, PingJob, SolidQueue::RecurringJob)');
    sim.scheduleRecurringTask("ping", { class: "PingJob", schedule: "every hour" });
    expect(() => sim.scheduleRecurringTask("ping", { class: "PingJob", schedule: "every hour" })).toThrow(/Key has already been taken/);
    expect(() => sim.unscheduleRecurringTask("missing")).toThrow("Couldn't find SolidQueue::RecurringTask with 'key'=missing");
  });

  it("without dynamic_tasks_enabled the row is written but nothing runs it", async () => {
    const sim = await world({ jobs: [PingJob], queueConfig: { text: "workers: [{ queues: '*' }]\ndispatchers: [{}]\n" } });
    sim.scheduleRecurringTask("ping", { class: "PingJob", schedule: "every minute" });
    await sim.advance(300);
    expect(fired(sim, "ping")).toEqual([]);
  });

  it("the lazy loop gives the trace and tables of the 5 s loop", async () => {
    const run = async (pollSkipping: boolean) => {
      const sim = await world({ jobs: [PingJob], queueConfig: DYNAMIC, pollSkipping });
      await sim.advance(3);
      sim.scheduleRecurringTask("a", { class: "PingJob", schedule: "*/2 * * * *" });
      await sim.advance(200);
      sim.db.run("DELETE FROM solid_queue_recurring_tasks WHERE key = 'a'");
      sim.scheduleRecurringTask("b", { class: "PingJob", schedule: "every minute" });
      await sim.advance(400);
      return sim.trace.toJSON() + JSON.stringify(sim.db.all("SELECT * FROM solid_queue_processes ORDER BY id"));
    };
    const lazy = await run(true);
    expect(lazy).toContain('"task":"b"');
    expect(lazy).toBe(await run(false));
  });
});
