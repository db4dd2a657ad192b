// Issue 12 item 9: the ERB real apps write in queue.yml / recurring.yml loads, with fixtures
// written for this repository in those shapes: `ENV["A"] || ENV.fetch("B", 1)`,
// `Integer(ENV.fetch(...))`, the CPU count (`ENV.fetch("X") { Concurrent.physical_processor_count }`,
// `(Concurrent.processor_count * 0.5).ceil`), `<% if %> / elsif / else / unless / end`, and
// `<% require_relative %>` (skipped with a warning).
import { describe, expect, it } from "vitest";
import { ConfigError, loadQueueConfig, loadRecurringConfig } from "../../src/config/index.js";
import { fixture } from "./fixture-path.js";

const workers = (path: string, vars: Record<string, string> = {}, extra: { env?: string; cpuCount?: number } = {}) =>
  loadQueueConfig({ path: fixture(path), env: extra.env ?? "production", vars, ...(extra.cpuCount !== undefined ? { cpuCount: extra.cpuCount } : {}) }).workers.map(
    ({ queues, threads, processes }) => ({ queues, threads, processes }),
  );

describe('ENV["A"] || ENV.fetch("B", 1)', () => {
  const threads = (vars: Record<string, string>) => workers("erb-env-or-queue.yml", vars)[0]!.threads;
  it("the first variable when set, else the second, else its default", () => {
    expect(threads({})).toBe(3);
    expect(threads({ RAILS_MAX_THREADS: "5" })).toBe(5);
    expect(threads({ SOLID_QUEUE_THREADS: "8", RAILS_MAX_THREADS: "5" })).toBe(8);
  });
  it("an empty string is truthy in Ruby, so it wins over the fallback (and is then refused as a thread count)", () => {
    expect(() => threads({ SOLID_QUEUE_THREADS: "", RAILS_MAX_THREADS: "5" })).toThrow(/workers\[0\]\.threads must be a positive integer, got nothing/);
  });
});

describe("Integer(ENV.fetch(...)) and Float(...)", () => {
  const file = "erb-integer-queue.yml";
  it("defaults and set values", () => {
    expect(workers(file)).toEqual([{ queues: ["*"], threads: 2, processes: 2 }]);
    expect(workers(file, { WORKER_THREADS: " 0x10 ", WORKER_PROCESSES: "010" })).toEqual([{ queues: ["*"], threads: 16, processes: 8 }]);
    const config = loadQueueConfig({ path: fixture(file), env: "production", vars: { DISPATCHER_POLLING_INTERVAL: "0.25" } });
    expect(config.dispatchers[0]).toMatchObject({ pollingInterval: 0.25, batchSize: 500 });
  });
  it("a malformed value fails as Kernel#Integer does, at the tag", () => {
    const path = fixture(file);
    expect(() => loadQueueConfig({ path, env: "production", vars: { WORKER_THREADS: "12abc" } })).toThrow(
      `${path}:9:16: ERB <%= Integer(ENV.fetch("WORKER_THREADS", 2)) %>: invalid value for Integer(): "12abc" (Ruby raises ArgumentError)`,
    );
  });
});

describe("the virtual CPU count", () => {
  const file = "erb-cpu-count-queue.yml";
  it("is 1 by default, with a warning naming where the file reads it", () => {
    const path = fixture(file);
    const config = loadQueueConfig({ path, env: "production" });
    expect(config.workers.map((w) => w.processes)).toEqual([1, 1]);
    expect(config.warnings).toEqual([
      `${path}:8:18: Concurrent.physical_processor_count is jobsim's virtual CPU count, 1 by default; set it with config.cpu_count in a scenario, --cpus on the command line, or the loader's cpuCount option`,
      `${path}:11:18: Concurrent.processor_count is jobsim's virtual CPU count, 1 by default; set it with config.cpu_count in a scenario, --cpus on the command line, or the loader's cpuCount option`,
    ]);
  });
  it("cpuCount sets it: physical_processor_count as the fallback block, (count * 0.5).ceil", () => {
    expect(workers(file, {}, { cpuCount: 8 }).map((w) => w.processes)).toEqual([8, 4]);
    expect(workers(file, {}, { cpuCount: 3 }).map((w) => w.processes)).toEqual([3, 2]);
    expect(loadQueueConfig({ path: fixture(file), env: "production", cpuCount: 3 }).warnings).toEqual([]);
  });
  it("the block runs only when the variable is unset", () => {
    expect(workers(file, { JOB_CONCURRENCY: "2" }, { cpuCount: 16 }).map((w) => w.processes)).toEqual([2, 8]);
  });
  it("a cpuCount that is not a whole number of 1 or more is refused", () => {
    expect(() => loadQueueConfig({ path: fixture(file), cpuCount: 0 })).toThrow("cpuCount must be a whole number of 1 or more, got 0");
  });
});

describe("<% if %> / elsif / else / unless / end", () => {
  const file = "erb-conditional-queue.yml";
  it("each branch, chosen by config.vars", () => {
    expect(workers(file)).toEqual([{ queues: ["*"], threads: 3, processes: 1 }]);
    expect(workers(file, { SOLID_QUEUE_IN_PUMA: "1" })).toEqual([{ queues: ["*"], threads: 1, processes: 1 }]);
    expect(workers(file, { WORKER_PROFILE: "heavy" })).toEqual([{ queues: ["imports", "default"], threads: 10, processes: 4 }]);
    // The first true branch wins, as in Ruby.
    expect(workers(file, { SOLID_QUEUE_IN_PUMA: "yes", WORKER_PROFILE: "heavy" })).toEqual([{ queues: ["*"], threads: 1, processes: 1 }]);
  });
  it("unless: .present? on an unset variable (nil) is false, so the scheduler is there", () => {
    const scheduler = (vars: Record<string, string>) => loadQueueConfig({ path: fixture(file), env: "production", vars }).scheduler.pollingInterval;
    expect(scheduler({})).toBe(2);
    expect(scheduler({ DISABLE_RECURRING: " " })).toBe(2); // blank, so not present?
    expect(scheduler({ DISABLE_RECURRING: "1" })).toBe(5); // no scheduler: Solid Queue's default
  });
  it("positions after a skipped branch still point into the original file", () => {
    const text = ["production:", '<% if ENV["X"] %>', "  workers: [ { threads: 1 } ]", "<% else %>", "  workers:", "    - threads: -2", "<% end %>"].join("\n");
    expect(() => loadQueueConfig({ text, path: "q.yml", env: "production" })).toThrow("q.yml:6:16: workers[0].threads must be a positive integer, got -2");
  });
});

describe("<% require_relative %>", () => {
  const file = "erb-require-relative-recurring.yml";
  it("is skipped with a warning; the tasks load, conditionals included", () => {
    const path = fixture(file);
    const off = loadRecurringConfig({ path, env: "production" });
    expect(off.tasks.map((t) => t.key)).toEqual(["sync_inventory"]);
    expect(off.warnings).toEqual([
      `${path}:3:1: require_relative "../lib/recurring_schedule_helpers" is skipped: jobsim never runs your app's Ruby, so what it defines is not available here`,
    ]);
    const on = loadRecurringConfig({ path, env: "production", vars: { NIGHTLY_DIGEST: "on" } });
    expect(on.tasks.map((t) => [t.key, t.schedule, t.pos.line])).toEqual([
      ["sync_inventory", "every 15 minutes", 5],
      ["nightly_digest", "every day at 3am", 9],
    ]);
  });
});

describe("Rails.env in conditions", () => {
  it("Rails.env is the loader's env; Rails.env.production? asks it", () => {
    const text = '<% if Rails.env.production? %>\nworkers: [ { threads: 9 } ]\n<% else %>\nworkers: [ { threads: <%= Rails.env == "test" ? 2 : 4 %> } ]\n<% end %>\n';
    const threads = (env: string) => loadQueueConfig({ text, env }).workers[0]!.threads;
    expect(threads("production")).toBe(9);
    expect(threads("test")).toBe(2);
    expect(threads("development")).toBe(4);
  });
});

describe("structure errors are positioned", () => {
  const error = (text: string): string => {
    try {
      loadQueueConfig({ text, path: "q.yml" });
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    throw new Error("expected a ConfigError");
  };
  it.each([
    ['workers: []\n<% if ENV["X"] %>\n', 'q.yml:2:1: <% if ENV["X"] %> has no matching <% end %>'],
    ["<% end %>\n", "q.yml:1:1: <% end %>: end without an if or unless before it"],
    ['<% if ENV["X"] %><% else %><% else %><% end %>', "q.yml:1:28: <% else %>: a second else"],
    ['<% if ENV["X"] %><% else %><% elsif ENV["Y"] %><% end %>', 'q.yml:1:28: <% elsif ENV["Y"] %>: elsif after else'],
    ['<% unless ENV["X"] %><% elsif ENV["Y"] %><% end %>', 'q.yml:1:22: <% elsif ENV["Y"] %>: unless takes no elsif (a Ruby syntax error)'],
    ['<% if ENV["X"] -%>\n<% end %>', 'q.yml:1:1: <% if ENV["X"] -%>: "<%-" and "-%>" are a Ruby syntax error in Rails config files, which ERB reads without a trim mode; remove the "-"'],
  ])("%j", (text, message) => {
    expect(error(text)).toBe(message);
  });
});

describe("docs/config.md's ERB example", () => {
  it("loads as the doc says", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync("docs/config.md", "utf8");
    const section = doc.slice(doc.indexOf("## ERB: the safe subset"));
    const yaml = /```yaml\n# config\/queue\.yml\n([\s\S]*?)```/.exec(section)![1]!;
    const code = /```ts\n(const config = loadQueueConfig\(\{[^\n]*)\nconfig\.workers\.map\(\(w\) => \[w\.threads, w\.processes\]\); \/\/ (.*)\n```/.exec(section)!;
    expect(code[1]).toContain('vars: { HEAVY_IMPORTS: "1" }, cpuCount: 8');
    const config = loadQueueConfig({ text: yaml, path: "config/queue.yml", env: "production", vars: { HEAVY_IMPORTS: "1" }, cpuCount: 8 });
    expect(JSON.stringify(config.workers.map((w) => [w.threads, w.processes])).replace(/,/g, ", ")).toBe(code[2]);
    expect(loadQueueConfig({ text: yaml, env: "production", cpuCount: 8 }).workers).toHaveLength(1);
  });
});
