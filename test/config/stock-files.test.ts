// The files `rails generate solid_queue:install` writes load unchanged (spec §6.2).
import { describe, expect, it } from "vitest";
import { loadQueueConfig, loadRecurringConfig } from "../../src/config/index.js";
import { fixture } from "./fixture-path.js";

const queueYml = fixture("rails-queue.yml");
const recurringYml = fixture("rails-recurring.yml");

describe("stock queue.yml", () => {
  for (const env of ["development", "test", "production"]) {
    it(`loads in ${env} with the template's values and Solid Queue's defaults`, () => {
      const config = loadQueueConfig({ path: queueYml, env, vars: {} });
      expect(config.warnings).toEqual([]);
      expect(config.section).toBe(env);
      expect(config.file).toBe(queueYml);
      expect(config.workers).toEqual([
        { queues: ["*"], threads: 3, processes: 1, pollingInterval: 1, pos: { file: queueYml, line: 8, col: 7 } },
      ]);
      expect(config.dispatchers).toEqual([
        {
          pollingInterval: 1,
          batchSize: 500,
          concurrencyMaintenance: true,
          concurrencyMaintenanceInterval: 600,
          pos: { file: queueYml, line: 5, col: 7 },
        },
      ]);
      expect(config.scheduler).toEqual({ dynamicTasksEnabled: false, pollingInterval: 5 });
    });
  }

  it("JOB_CONCURRENCY=4 gives 4 processes", () => {
    const config = loadQueueConfig({ path: queueYml, env: "production", vars: { JOB_CONCURRENCY: "4" } });
    expect(config.workers[0]!.processes).toBe(4);
  });

  it("defaults to the development environment and an empty ENV", () => {
    const config = loadQueueConfig({ path: queueYml });
    expect(config.section).toBe("development");
    expect(config.workers[0]!.processes).toBe(1);
  });
});

describe("stock recurring.yml", () => {
  it("has one command task in production", () => {
    const config = loadRecurringConfig({ path: recurringYml, env: "production" });
    expect(config.warnings).toEqual([]);
    expect(config.tasks).toEqual([
      {
        key: "clear_solid_queue_finished_jobs",
        command: "SolidQueue::Job.clear_finished_in_batches(sleep_between_batches: 0.3)",
        args: [],
        schedule: "every hour at minute 12",
        pos: { file: recurringYml, line: 16, col: 3 },
        schedulePos: { file: recurringYml, line: 18, col: 15 },
      },
    ]);
  });

  for (const env of ["development", "test"]) {
    it(`has no tasks in ${env} (the production section is ignored, with a warning)`, () => {
      const config = loadRecurringConfig({ path: recurringYml, env });
      expect(config.tasks).toEqual([]);
      expect(config.section).toBeUndefined();
      expect(config.warnings).toEqual([
        `${recurringYml}:15:1: "production" has no schedule, so Solid Queue ignores it ` +
          `(it looks like a section of tasks for another environment; the current one is "${env}")`,
      ]);
    });
  }
});
