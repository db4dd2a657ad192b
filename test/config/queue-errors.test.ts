// Strict checks on queue.yml: every error names file:line:col and what was wrong.
import { describe, expect, it } from "vitest";
import { ConfigError, loadQueueConfig } from "../../src/config/index.js";

function errorOf(text: string, env?: string): ConfigError {
  try {
    loadQueueConfig({ text, path: "config/queue.yml", env });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

const worker = (body: string) => `workers:\n  - ${body}\n`;

describe("unknown keys", () => {
  it("in a worker: error with the nearest key", () => {
    const e = errorOf(worker("thread: 3"));
    expect(e.message).toBe('config/queue.yml:2:5: unknown key "thread" in workers[0]; did you mean "threads"?');
    expect(e.pos).toEqual({ file: "config/queue.yml", line: 2, col: 5 });
  });

  it("with nothing near: the known keys are listed", () => {
    expect(errorOf(worker("color: blue")).message).toBe(
      'config/queue.yml:2:5: unknown key "color" in workers[0]; known keys: queues, threads, processes, polling_interval',
    );
  });

  it("a key of another process kind says where it belongs", () => {
    expect(errorOf(worker("batch_size: 5")).message).toBe(
      'config/queue.yml:2:5: unknown key "batch_size" in workers[0]; "batch_size" belongs in dispatchers',
    );
  });

  it("in a dispatcher and in the scheduler", () => {
    expect(errorOf("dispatchers:\n  - {polling_interval: 1}\n  - batchsize: 5\n").message).toBe(
      'config/queue.yml:3:5: unknown key "batchsize" in dispatchers[1]; did you mean "batch_size"?',
    );
    expect(errorOf("scheduler:\n  dynamic_tasks: true\n").message).toBe(
      'config/queue.yml:2:3: unknown key "dynamic_tasks" in scheduler; did you mean "dynamic_tasks_enabled"?',
    );
  });

  it("at the top of the selected section: only a warning (Solid Queue ignores them)", () => {
    const config = loadQueueConfig({ text: "worker:\n  - threads: 1\ndispatchers: []\n", path: "q.yml" });
    expect(config.warnings).toEqual([
      'q.yml:1:1: key "worker" is ignored: Solid Queue reads only workers, dispatchers and scheduler; did you mean "workers"?',
    ]);
    expect(config.workers).toEqual([]);
  });
});

describe("types and ranges", () => {
  const cases: [string, string][] = [
    ["threads: -1", 'config/queue.yml:2:14: workers[0].threads must be a positive integer, got -1'],
    ["threads: 0", "config/queue.yml:2:14: workers[0].threads must be a positive integer, got 0"],
    ["threads: three", 'config/queue.yml:2:14: workers[0].threads must be a positive integer, got "three" (a string)'],
    ['threads: "3"', 'config/queue.yml:2:14: workers[0].threads must be a positive integer, got "3" (a string); remove the quotes'],
    ["threads: 3.0", "config/queue.yml:2:14: workers[0].threads must be a positive integer, got 3.0"],
    ["threads:", "config/queue.yml:2:13: workers[0].threads must be a positive integer, got nothing (null)"],
    ["processes: [2]", "config/queue.yml:2:16: workers[0].processes must be a positive integer, got a list"],
    ["polling_interval: -0.5", "config/queue.yml:2:23: workers[0].polling_interval must be a non-negative number of seconds, got -0.5"],
    ["polling_interval: 1s", 'config/queue.yml:2:23: workers[0].polling_interval must be a non-negative number of seconds, got "1s" (a string)'],
    ["queues: 5", "config/queue.yml:2:13: workers[0].queues must be a queue name or a list of queue names, got 5"],
    ["queues: {a: 1}", "config/queue.yml:2:13: workers[0].queues must be a queue name or a list of queue names, got a mapping"],
    ["queues: [a, 7]", "config/queue.yml:2:17: workers[0].queues[1] must be a queue name (a string), got 7"],
  ];
  for (const [body, message] of cases) {
    it(`${body}`, () => {
      const e = errorOf(worker(body));
      expect(e.message).toBe(message);
      expect(e.issues).toHaveLength(1);
    });
  }

  it("dispatcher values", () => {
    expect(errorOf("dispatchers:\n  - batch_size: 0\n").message).toBe(
      "config/queue.yml:2:17: dispatchers[0].batch_size must be a positive integer, got 0",
    );
    expect(errorOf('dispatchers:\n  - concurrency_maintenance: "no"\n').message).toBe(
      'config/queue.yml:2:30: dispatchers[0].concurrency_maintenance must be true or false, got "no" (a string)',
    );
    expect(errorOf("dispatchers:\n  - concurrency_maintenance_interval: 0\n").message).toBe(
      "config/queue.yml:2:39: dispatchers[0].concurrency_maintenance_interval must be a positive number of seconds, got 0",
    );
  });

  it("scheduler values", () => {
    expect(errorOf("scheduler:\n  dynamic_tasks_enabled: 1\n").message).toBe(
      "config/queue.yml:2:26: scheduler.dynamic_tasks_enabled must be true or false, got 1",
    );
  });

  it("shapes: workers must be a list of mappings, scheduler a mapping", () => {
    expect(errorOf("workers:\n  threads: 3\n").message).toBe(
      'config/queue.yml:2:3: workers must be a list of worker settings (each entry starting with "-"), got a mapping',
    );
    expect(errorOf("workers:\n").message).toBe(
      'config/queue.yml:1:9: workers must be a list of worker settings (each entry starting with "-"), got nothing (null)',
    );
    expect(errorOf("workers:\n  - default\n").message).toBe(
      'config/queue.yml:2:5: workers[0] must be a mapping of worker settings, got "default" (a string)',
    );
    expect(errorOf("scheduler: [1]\n").message).toBe("config/queue.yml:1:12: scheduler must be a mapping of scheduler settings, got a list");
  });

  it("a section that is not a mapping", () => {
    expect(errorOf("production: fast\n", "production").message).toBe(
      'config/queue.yml:1:13: the "production" section must be a mapping with workers, dispatchers or scheduler, got "fast" (a string)',
    );
    expect(errorOf("- a\n").message).toBe('config/queue.yml:1:1: the file must be a mapping at the top level, found a list');
  });

  it("lists every problem at once, in file order", () => {
    const e = errorOf("workers:\n  - processes: 0\n    thread: 2\ndispatchers:\n  - batch_size: -5\n");
    expect(e.message).toBe(
      [
        "config/queue.yml:2:16: workers[0].processes must be a positive integer, got 0",
        'config/queue.yml:3:5: unknown key "thread" in workers[0]; did you mean "threads"?',
        "config/queue.yml:5:17: dispatchers[0].batch_size must be a positive integer, got -5",
      ].join("\n"),
    );
    expect(e.issues.map((i) => i.pos?.line)).toEqual([2, 3, 5]);
    expect(e.pos).toEqual({ file: "config/queue.yml", line: 2, col: 16 });
  });
});

describe("queues", () => {
  const load = (queues: string) => loadQueueConfig({ text: worker(`queues: ${queues}`), path: "q.yml" });

  it("a string or a list, each entry stripped, never split on commas", () => {
    expect(load('" background "').workers[0]!.queues).toEqual(["background"]);
    expect(load("[ critical , default ]").workers[0]!.queues).toEqual(["critical", "default"]);
    expect(load("[real_time*, :mailers]").workers[0]!.queues).toEqual(["real_time*", "mailers"]);
    const comma = load('"a,b"');
    expect(comma.workers[0]!.queues).toEqual(["a,b"]);
    expect(comma.warnings).toEqual([
      'q.yml:2:13: workers[0].queues "a,b" is one queue named "a,b": Solid Queue does not split names on commas; use a list',
    ]);
  });

  it("empty or null: kept empty, with a warning that Solid Queue then polls all queues", () => {
    for (const value of ["", "[]"]) {
      const config = load(value);
      expect(config.workers[0]!.queues).toEqual([]);
      expect(config.warnings).toEqual([`q.yml:2:13: workers[0].queues is empty; Solid Queue then polls all queues, as with "*"`]);
    }
  });

  it("Ruby's YAML booleans and numbers: yes/on are true, 1,000 is 1000, polling_interval 0.1 stays 0.1", () => {
    const config = loadQueueConfig({
      text: "workers:\n  - threads: 1,000\n    polling_interval: 0.1\ndispatchers:\n  - concurrency_maintenance: off\nscheduler:\n  dynamic_tasks_enabled: yes\n",
    });
    expect(config.workers[0]).toMatchObject({ threads: 1000, pollingInterval: 0.1 });
    expect(config.dispatchers[0]!.concurrencyMaintenance).toBe(false);
    expect(config.scheduler.dynamicTasksEnabled).toBe(true);
  });
});
