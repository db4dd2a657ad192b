// Environment selection, missing files and the fallback (spec §6.1).
import { describe, expect, it } from "vitest";
import { ConfigError, defaultQueueConfig, loadQueueConfig, loadRecurringConfig } from "../../src/config/index.js";
import { fixture } from "./fixture-path.js";

const defaults = defaultQueueConfig();
const strip = <T extends { pos?: unknown }>(list: T[]) => list.map(({ pos: _pos, ...rest }) => rest);

describe("environment selection", () => {
  it("a file without environment sections is taken whole in any environment", () => {
    const path = fixture("flat-queue.yml");
    for (const env of ["development", "production"]) {
      const config = loadQueueConfig({ path, env });
      expect(config.section).toBeUndefined();
      expect(config.warnings).toEqual([]);
      expect(strip(config.workers)).toEqual([
        { queues: ["mailers", "default"], threads: 2, processes: 1, pollingInterval: 0.1 },
        { queues: ["real_time*"], threads: 3, processes: 3, pollingInterval: 0.1 },
      ]);
      expect(strip(config.dispatchers)).toEqual([
        { pollingInterval: 0.5, batchSize: 100, concurrencyMaintenance: false, concurrencyMaintenanceInterval: 600 },
      ]);
      expect(config.scheduler).toMatchObject({ dynamicTasksEnabled: true, pollingInterval: 2 });
    }
  });

  it("a falsy section (null, false) means the whole file", () => {
    for (const value of ["", "~", "false", "no"]) {
      const config = loadQueueConfig({ text: `production: ${value}\nworkers:\n  - threads: 7\n`, env: "production" });
      expect(config.section).toBeUndefined();
      expect(config.workers.map((w) => w.threads)).toEqual([7]);
      expect(config.dispatchers).toEqual([]);
    }
  });

  it("an empty list or empty string as the section is empty config: the fallback", () => {
    for (const value of ["[]", '""']) {
      const config = loadQueueConfig({ text: `production: ${value}\nworkers: [{threads: 7}]\n`, env: "production" });
      expect(config.section).toBe("production");
      expect(config.fallback).toBe(true);
      expect(strip(config.workers)).toEqual(strip(defaults.workers));
    }
  });

  it("any one of workers/dispatchers/scheduler present: the absent ones mean none", () => {
    const config = loadQueueConfig({ text: "dispatchers:\n  - batch_size: 10\n" });
    expect(config.workers).toEqual([]);
    expect(config.dispatchers.map((d) => d.batchSize)).toEqual([10]);
    expect(config.scheduler).toEqual(defaults.scheduler);
    expect(config.fallback).toBeUndefined();
  });

  it("a production-only recurring file in test has no tasks", () => {
    const text = "production:\n  nightly:\n    class: NightlyJob\n    schedule: every day at 1am\n";
    expect(loadRecurringConfig({ text, env: "test" }).tasks).toEqual([]);
    expect(loadRecurringConfig({ text, env: "production" }).tasks.map((t) => t.key)).toEqual(["nightly"]);
  });
});

describe("missing and empty files", () => {
  const missing = fixture("no-such-queue.yml");
  const warning = `Warning: provided configuration file '${missing}' does not exist. Falling back to default configuration.`;

  it("a missing queue.yml gives the defaults and the spec's warning", () => {
    const config = loadQueueConfig({ path: missing });
    expect(config.warnings).toEqual([warning]);
    expect(config.file).toBe(missing);
    expect(config.fallback).toBe(true);
    expect(strip(config.workers)).toEqual(strip(defaults.workers));
    expect(strip(config.dispatchers)).toEqual(strip(defaults.dispatchers));
  });

  it("a missing recurring.yml gives no tasks and the warning", () => {
    expect(loadRecurringConfig({ path: missing })).toEqual({ tasks: [], warnings: [warning], file: missing, section: undefined });
  });

  it("no path and no text: defaults, silently (Solid Queue with no file configured)", () => {
    const config = loadQueueConfig({});
    expect(config.warnings).toEqual([]);
    expect(strip(config.workers)).toEqual(strip(defaults.workers));
  });

  it("an empty or comment-only file is empty config", () => {
    for (const text of ["", "# nothing here\n", "---\n", "~\n"]) {
      const config = loadQueueConfig({ text, path: "config/queue.yml" });
      expect(config.fallback).toBe(true);
      expect(config.warnings).toEqual([
        "config/queue.yml: none of workers, dispatchers, scheduler is configured; " +
          "Solid Queue falls back to one worker and one dispatcher with default settings",
      ]);
      expect(loadRecurringConfig({ text }).tasks).toEqual([]);
    }
  });

  it("the defaults are Solid Queue's (spec §6.2)", () => {
    expect(defaults).toEqual({
      workers: [{ queues: ["*"], threads: 3, processes: 1, pollingInterval: 0.1 }],
      dispatchers: [{ pollingInterval: 1, batchSize: 500, concurrencyMaintenance: true, concurrencyMaintenanceInterval: 600 }],
      scheduler: { dynamicTasksEnabled: false, pollingInterval: 5 },
      warnings: [],
    });
    defaultQueueConfig().workers[0]!.queues.push("changed");
    expect(defaultQueueConfig().workers[0]!.queues).toEqual(["*"]);
  });

  it("a directory is an error naming it", () => {
    const dir = fixture("");
    expect(() => loadQueueConfig({ path: dir })).toThrow(new ConfigError({ message: `${dir}: is a directory, not a YAML file` }));
  });
});

describe("inline text", () => {
  it("is named <inline>, or by path when one is given", () => {
    const bad = "workers:\n  - thread: 3\n";
    expect(() => loadQueueConfig({ text: bad })).toThrow('<inline>:2:5: unknown key "thread"');
    expect(() => loadQueueConfig({ text: bad, path: "scenario.yml" })).toThrow('scenario.yml:2:5: unknown key "thread"');
  });

  it("line and column offsets place it inside the file that embeds it", () => {
    const bad = "workers:\n  - thread: 3\n";
    try {
      loadQueueConfig({ text: bad, path: "scenario.yml", lineOffset: 10, colOffset: 4 });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).pos).toEqual({ file: "scenario.yml", line: 12, col: 9 });
    }
  });

  it("renders ERB from the given vars, never from process.env", () => {
    process.env.JOBSIM_CONFIG_TEST_VAR = "9";
    try {
      const text = 'workers:\n  - threads: <%= ENV.fetch("JOBSIM_CONFIG_TEST_VAR", 2) %>\n';
      expect(loadQueueConfig({ text }).workers[0]!.threads).toBe(2);
      expect(loadQueueConfig({ text, vars: { JOBSIM_CONFIG_TEST_VAR: "5" } }).workers[0]!.threads).toBe(5);
    } finally {
      delete process.env.JOBSIM_CONFIG_TEST_VAR;
    }
  });
});
