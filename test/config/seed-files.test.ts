// The seed document's queue.yml and recurring.yml (also bundled under scenarios/config/).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadQueueConfig, loadRecurringConfig } from "../../src/config/index.js";
import { fixture } from "./fixture-path.js";

const queueYml = fixture("seed-queue.yml");
const recurringYml = fixture("seed-recurring.yml");

describe("seed queue.yml", () => {
  it("development: one worker on every queue with 3 threads, polling every 0.1 s", () => {
    const config = loadQueueConfig({ path: queueYml, env: "development" });
    expect(config.warnings).toEqual([]);
    expect(config.workers.map(({ pos: _pos, ...w }) => w)).toEqual([
      { queues: ["*"], threads: 3, processes: 1, pollingInterval: 0.1 },
    ]);
    expect(config.dispatchers).toHaveLength(1);
    expect(config.dispatchers[0]).toMatchObject({ pollingInterval: 1, batchSize: 500 });
  });

  it("production: its own workers replace the default's; the dispatcher comes through the merge", () => {
    const config = loadQueueConfig({ path: queueYml, env: "production" });
    expect(config.warnings).toEqual([]);
    expect(config.workers).toEqual([
      {
        queues: ["critical", "default", "low"],
        threads: 5,
        processes: 2,
        pollingInterval: 0.1,
        pos: { file: queueYml, line: 18, col: 7 },
      },
    ]);
    expect(config.dispatchers).toEqual([
      {
        pollingInterval: 1,
        batchSize: 500,
        concurrencyMaintenance: true,
        concurrencyMaintenanceInterval: 600,
        pos: { file: queueYml, line: 4, col: 7 }, // where the merged dispatcher is written
      },
    ]);
  });

  it("test (no section): the whole file is read, nothing known in it, so the fallback applies", () => {
    const config = loadQueueConfig({ path: queueYml, env: "test" });
    expect(config.fallback).toBe(true);
    expect(config.section).toBeUndefined();
    expect(config.workers.map((w) => [w.queues, w.threads, w.pollingInterval])).toEqual([[["*"], 3, 0.1]]);
    expect(config.warnings).toEqual([
      `${queueYml}:2:1: key "default" is ignored: Solid Queue reads only workers, dispatchers and scheduler`,
      `${queueYml}:12:1: key "development" is ignored: Solid Queue reads only workers, dispatchers and scheduler`,
      `${queueYml}:15:1: key "production" is ignored: Solid Queue reads only workers, dispatchers and scheduler`,
      `${queueYml}:2:1: none of workers, dispatchers, scheduler is configured; ` +
        "Solid Queue falls back to one worker and one dispatcher with default settings",
    ]);
  });
});

describe("seed recurring.yml", () => {
  it("production: three class tasks in file order", () => {
    const config = loadRecurringConfig({ path: recurringYml, env: "production" });
    expect(config.warnings).toEqual([]);
    expect(config.tasks.map((t) => [t.key, t.className, t.schedule, t.pos.line, t.schedulePos.line])).toEqual([
      ["cleanup_old_sessions", "CleanupSessionsJob", "every day at 3am", 3, 5],
      ["send_daily_digest", "DailyDigestJob", "every day at 8am", 7, 9],
      ["sync_inventory", "SyncInventoryJob", "every 15 minutes", 11, 13],
    ]);
    expect(config.tasks[0]).toEqual({
      key: "cleanup_old_sessions",
      className: "CleanupSessionsJob",
      args: [],
      schedule: "every day at 3am",
      pos: { file: recurringYml, line: 3, col: 3 },
      schedulePos: { file: recurringYml, line: 5, col: 15 },
    });
  });

  it("test: a production-only file yields no tasks", () => {
    expect(loadRecurringConfig({ path: recurringYml, env: "test" }).tasks).toEqual([]);
  });
});

describe("bundled scenario config", () => {
  it("scenarios/config holds the seed's files", () => {
    for (const [name, seed] of [
      ["queue.yml", queueYml],
      ["recurring.yml", recurringYml],
    ] as const) {
      const bundled = fileURLToPath(new URL(`../../scenarios/config/${name}`, import.meta.url));
      expect(readFileSync(bundled, "utf8")).toBe(readFileSync(seed, "utf8"));
    }
  });
});
