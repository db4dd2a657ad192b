import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parseScenario } from "../../src/scenario/parse.js";
import { parseRate } from "../../src/scenario/parse-steps.js";
import { buildSimulation } from "../../src/scenario/build.js";

// The loader: defaults, times, rates, names, inline config, modules, and positioned errors.

const FILE = "test/scenario/fixtures/inline.yml";

function parse(text: string) {
  return parseScenario(FILE, text).spec;
}

function problem(text: string): string {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

async function loadProblem(text: string): Promise<string> {
  try {
    await loadScenario(FILE, text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("defaults", () => {
  it("fills what a scenario leaves out", () => {
    const s = parse("name: x\nsteps: []\n");
    expect(s).toMatchObject({ name: "x", seed: 1, timeZone: "Etc/UTC", env: "development", supervisors: 1, interleaving: "seeded", jobModules: [] });
    expect(s.start).toBe(Date.UTC(2026, 0, 1, 9));
    expect(s.expectations).toEqual([]);
  });

  it("needs a name and steps", () => {
    expect(problem("description: nothing\n")).toBe(
      `${FILE}:1:1: the scenario needs "name" (a title; report files are named after it)\n${FILE}:1:1: the scenario needs "steps" (the timeline: enqueue, advance, run_until_idle, ...) or "properties"`,
    );
  });

  it("refuses a file that is not a mapping", () => {
    expect(problem("- a\n- b\n")).toBe(`${FILE}:1:1: the scenario file must be a mapping, got a list`);
  });

  it("refuses a second YAML document", () => {
    expect(problem("name: x\nsteps: []\n---\nname: y\n")).toBe(`${FILE}:3:1: a scenario file holds one YAML document; remove the second one (after ---)`);
  });

  it("applies merge keys and anchors", () => {
    const s = parse("name: x\nsteps:\n  - enqueue: &w { job: GreetJob, args: [a], queue: q }\n  - enqueue: { <<: *w, args: [b] }\n");
    expect(s.steps[1]!.action).toMatchObject({ kind: "enqueue", enqueue: { job: { value: "GreetJob" }, args: ["b"], queue: "q" } });
  });
});

describe("times", () => {
  const ctx = (extra: string) => parse(`name: t\nstart: "2026-03-28 09:00"\ntime_zone: Europe/Paris\n${extra}`);

  it("reads local times of the start day, offsets from the start and instants", () => {
    const s = ctx('steps:\n  - at: "12:00"\n  - at: "+3h"\n  - at: "2026-03-29 12:00"\n  - at: "2026-03-29T12:00:00Z"\n  - run_until: "12:00:30"\n');
    expect(s.start).toBe(Date.UTC(2026, 2, 28, 8));
    expect(s.steps.map((x) => (x.action.kind === "run_until" ? x.action.time : x.at))).toEqual([
      Date.UTC(2026, 2, 28, 11),
      Date.UTC(2026, 2, 28, 11),
      Date.UTC(2026, 2, 29, 10), // summer time began in the night
      Date.UTC(2026, 2, 29, 12),
      Date.UTC(2026, 2, 28, 11, 0, 30),
    ]);
  });

  it("names the accepted forms for a start it cannot read", () => {
    expect(problem('name: t\nstart: "12:00"\nsteps: []\n')).toBe(
      `${FILE}:2:8: start: cannot read the text "12:00" as a start time; use a local date-time "2026-03-02 09:00" (read in Etc/UTC) or an instant "2026-03-02T08:00:00Z"`,
    );
  });

  it("reads durations in every accepted spelling", () => {
    const s = parse("name: d\nsteps:\n  - advance: 90\n  - advance: 1h30m\n  - advance: 5.minutes\n  - advance: 250ms\n  - jump_clock: -2h\n");
    expect(s.steps.map((x) => (x.action as { seconds: number }).seconds)).toEqual([90, 5400, 300, 0.25, -7200]);
    expect(problem("name: d\nsteps:\n  - advance: -5s\n")).toContain("3:14: steps[0].advance: cannot read the text \"-5s\" as a duration");
  });
});

describe("rates", () => {
  it("reads per-unit rates", () => {
    expect(parseRate("120/hour")).toBeCloseTo(1 / 30);
    expect(parseRate("2/s")).toBe(2);
    expect(parseRate("10 per minute")).toBeCloseTo(1 / 6);
    expect(parseRate("30/5m")).toBeCloseTo(0.1);
    expect(parseRate("1000/day")).toBeCloseTo(1000 / 86400);
    expect(parseRate("lots")).toBeUndefined();
    expect(parseRate("5/0s")).toBeUndefined();
  });

  it("turns a count over a period into a rate", () => {
    const s = parse("name: a\nsteps:\n  - arrivals: { job: NoopJob, count: 60, for: 1h }\n");
    expect(s.steps[0]!.action).toMatchObject({ kind: "arrivals", arrivals: { rate: 60 / 3600, duration: 3600, spacing: "even" } });
    expect(problem("name: a\nsteps:\n  - arrivals: { job: NoopJob, for: 1h }\n")).toBe(`${FILE}:3:15: steps[0].arrivals needs "rate" (e.g. 120/hour) or "count" (how many over the period)`);
  });
});

describe("expectation names", () => {
  it("are built from what is written, or given, and made unique", () => {
    const s = parse(
      [
        "name: n",
        "steps: []",
        "expect:",
        "  - job: FlakyJob",
        "    performed: 3",
        '    attempts_at: ["+0s", "+3s"]',
        "  - latency: { queue: default, p95: \"< 5s\" }",
        "  - no_failed_jobs: true",
        "  - no_failed_jobs: true",
        "  - name: users were created",
        "    table: users",
        "    count: \">= 2\"",
        "  - sql: SELECT 1",
        "    rows: [{ a: 1, b: x }]",
      ].join("\n"),
    );
    expect(s.expectations.map((e) => e.name)).toEqual([
      "job FlakyJob: performed 3, attempts_at [+0s, +3s]",
      "latency queue default, p95 < 5s",
      "no_failed_jobs",
      "no_failed_jobs (2)",
      "users were created",
      "sql SELECT 1: rows [{ a: 1, b: x }]",
    ]);
  });

  it("say what a job expectation lacks", () => {
    expect(problem("name: n\nsteps: []\nexpect:\n  - job: FlakyJob\n")).toBe(
      `${FILE}:4:5: expect[0]: say what to check about the job: performed, attempts_at, final, queue, priority, count, error or args`,
    );
    expect(problem("name: n\nsteps: []\nexpect:\n  - job: FlakyJob\n    final: done\n")).toBe(
      `${FILE}:5:12: expect[0].final must be one of finished, failed, discarded, scheduled, ready, blocked, claimed, got the text "done"`,
    );
  });

  it("read counts and duration bounds", () => {
    expect(problem('name: n\nsteps: []\nexpect:\n  - trace: { type: failed, count: "about 3" }\n')).toBe(
      `${FILE}:4:35: expect[0].trace.count must be a count: a whole number (3) or a comparison (">= 3", "< 10", "= 0"), got the text "about 3"`,
    );
    expect(problem('name: n\nsteps: []\nexpect:\n  - latency: { p95: "< soon" }\n')).toBe(
      `${FILE}:4:21: expect[0].latency.p95 must be a duration bound such as "< 5s", "<= 2m", "> 100ms" (a bare duration means "at most"), got the text "< soon"`,
    );
  });
});

describe("problems are reported together, in file order", () => {
  it("lists each with its position", () => {
    const message = problem("name: p\nseed: x\nsteps:\n  - advance: never\n  - pause: [a]\n  - kil: worker:0\n");
    expect(message.split("\n")).toEqual([
      `${FILE}:2:7: seed must be a whole number, got the text "x"`,
      `${FILE}:4:14: steps[0].advance: cannot read the text "never" as a duration; use seconds (90), "90s", "5m", "1.5h", "2 days", "1h30m", "250ms"`,
      `${FILE}:5:12: steps[1].pause must be a queue name, got a list`,
      `${FILE}:6:5: unknown key "kil" in steps[2]; did you mean "kill"?`,
    ]);
  });
});

describe("job modules", () => {
  it("registers every exported Job subclass and error class", async () => {
    const loaded = await loadScenario(FILE, "name: m\njobs: ./jobs.ts\nsteps: []\n");
    expect(loaded.jobNames).toEqual(["ActionMailer::MailDeliveryJob", "ChargeJob", "FlakyJob", "GreetJob", "HangJob", "NoopJob", "SlowJob"]);
    expect(Object.keys(loaded.modules.errors)).toContain("ApiError");
    expect(loaded.modules.models.map((m) => m.modelName)).toEqual(["Account"]);
  });

  it("refuses a module without jobs and reports one that fails to load", async () => {
    expect(await loadProblem("name: m\njobs: [./jobs.ts, ./no-jobs.ts]\nsteps: []\n")).toBe(
      `${FILE}:2:19: job module test/scenario/fixtures/no-jobs.ts exports no Job subclass (export your job classes: export class MyJob extends Job { ... })`,
    );
    expect(await loadProblem("name: m\njobs: ./throws.ts\nsteps: []\n")).toBe(`${FILE}:2:7: job module test/scenario/fixtures/throws.ts failed to load: the app is not configured`);
  });

  it("checks job classes everywhere they are named", async () => {
    const message = await loadProblem("name: m\njobs: ./jobs.ts\nsteps:\n  - crash_at_await: { job: Greet, await: 1 }\nexpect:\n  - order: [GreetJob, Flaky]\n");
    expect(message.split("\n").map((l) => l.slice(0, l.indexOf(" Known")))).toEqual([
      `${FILE}:4:28: unknown job class "Greet"; did you mean "GreetJob"?`,
      `${FILE}:6:23: unknown job class "Flaky"; did you mean "FlakyJob"?`,
    ]);
  });

  it("checks record arguments name an exported model", async () => {
    expect(await loadProblem("name: m\njobs: ./jobs.ts\nsteps:\n  - enqueue: { job: ChargeJob, args: [{ $record: Acount, id: 1 }, 5] }\n")).toBe(
      `${FILE}:4:5: steps[0].enqueue.args: unknown model "Acount"; did you mean "Account"? (models the job modules export: Account)`,
    );
  });
});

describe("config", () => {
  it("reads an inline queue config with the scenario's env and vars", async () => {
    const loaded = await loadScenario(
      FILE,
      [
        "name: c",
        "jobs: ./jobs.ts",
        "env: production",
        "config:",
        "  vars: { THREADS: 7 }",
        "  queue:",
        "    production:",
        "      workers:",
        "        - queues: [critical, default]",
        '          threads: <%= ENV.fetch("THREADS", 3) %>',
        "          processes: 2",
        "steps: []",
      ].join("\n"),
    );
    const { sim } = await buildSimulation(loaded);
    try {
      expect(sim.queueConfig.workers).toMatchObject([{ queues: ["critical", "default"], threads: 7, processes: 2 }]);
      expect(sim.workers()).toHaveLength(2);
    } finally {
      sim.dispose();
    }
  });

  it("points inline config errors into the scenario file", async () => {
    const loaded = await loadScenario(FILE, "name: c\njobs: ./jobs.ts\nconfig:\n  queue: { workers: [{ threads: many }] }\nsteps: []\n");
    await expect(buildSimulation(loaded)).rejects.toThrow(`${FILE}:4:33: workers[0].threads must be a positive integer, got "many"`);
  });
});
