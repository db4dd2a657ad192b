import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { runScenario, type ScenarioRun } from "../../src/scenario/run.js";
import { statistic } from "../../src/scenario/latency.js";
import { withIndex } from "../../src/scenario/arrivals.js";

// The runner on small inline scenarios (job modules from test/scenario/fixtures/jobs.ts).

const FILE = "test/scenario/fixtures/inline.yml";
const HEAD = 'name: r\nstart: "2026-03-02 09:00"\njobs: ./jobs.ts\n';

async function run(body: string, opts: { seed?: number } = {}): Promise<ScenarioRun> {
  return runScenario(await loadScenario(FILE, HEAD + body), opts);
}

function messages(r: ScenarioRun): Record<string, string | undefined> {
  return Object.fromEntries(r.result.expectations.map((e) => [e.name, e.passed ? "ok" : e.message]));
}

function times(r: ScenarioRun, type: string): string[] {
  return r.result.trace.filter((e) => e.type === type).map((e) => new Date(e.t).toISOString().slice(11, 19));
}

describe("expectations say what was expected and what happened", () => {
  it("for jobs, tables, order, logs, calls and latency", async () => {
    const r = await run(`
setup:
  sql: CREATE TABLE greetings (name TEXT);
services:
  api:
    call: [{ throws: ApiError }, { returns: ok }]
steps:
  - enqueue: { job: GreetJob, args: [ada] }
  - enqueue: { job: FlakyJob, args: [1] }
  - enqueue: { job: SlowJob, args: [30], wait: 1m }
  - run_until_idle: true
expect:
  - { name: rows, table: greetings, count: 2 }
  - { name: attempts, job: FlakyJob, attempts_at: ["+0s", "+9s"], final: failed }
  - { name: order, order: [SlowJob, GreetJob] }
  - { name: logs, logs: { contains: greeted bob } }
  - { name: calls, calls: { service: api, method: call, count: ">= 3" } }
  - { name: latency, latency: { queue: low, max: "< 0ms" } }
  - { name: queue, job: GreetJob, queue: critical }
  - { name: args, job: GreetJob, args: [bob] }
  - { name: priority, job: SlowJob, priority: 5 }
  - { name: count, job: SlowJob, count: 2, performed: 0 }
  - { name: no failures, no_failed_jobs: true }
`);
    expect(r.result.passed).toBe(false);
    expect(messages(r)).toEqual({
      rows: "expected 2 rows in greetings; found 1",
      attempts:
        "expected FlakyJob executions to start at +0s, +9s (±1s, from its first enqueue at 2026-03-02T09:00:00+00:00); they started at +0.047s, +3.343s; expected every FlakyJob to end failed; job 4 is finished",
      order: "expected first executions in the order SlowJob → GreetJob; they started GreetJob at 2026-03-02T09:00:00.047+00:00 → SlowJob at 2026-03-02T09:01:00.405+00:00",
      logs: 'expected >= 1 log lines containing "greeted bob"; found 0 (of 1; last: "greeted ada")',
      calls: "expected >= 3 calls to api.call; found 2",
      latency: "expected max wait on low < 0ms; it is 405ms (1 executions: p50 405ms, p95 405ms, p99 405ms, max 405ms)",
      queue: "expected GreetJob on queue critical; 1 of 1 rows are on default",
      args: 'expected a GreetJob enqueued with arguments ["bob"]; got ["ada"]',
      priority: "expected SlowJob with priority 5; 1 of 1 rows have 0",
      count: "expected 2 SlowJob jobs enqueued; found 1; expected 0 executions of SlowJob; 1 started (at 2026-03-02T09:01:00.405+00:00)",
      "no failures": "ok",
      invariants: "ok",
    });
  });

  it("for SQL rows, values, deliveries and trace counts", async () => {
    const r = await run(`
setup:
  sql: CREATE TABLE greetings (name TEXT, n INTEGER, ok INTEGER, meta TEXT);
  rows:
    greetings:
      - { name: ada, n: 1, ok: true, meta: { a: [1, 2] } }
      - { name: bob, n: 2, ok: false }
steps: []
expect:
  - { name: rows, sql: "SELECT name, ok FROM greetings ORDER BY n", rows: [{ name: ada, ok: true }, { name: bob, ok: false }] }
  - { name: json, table: greetings, where: "n = 1", rows: [{ meta: { a: [1, 2] } }] }
  - { name: value, sql: "SELECT COUNT(*) FROM greetings", value: 3 }
  - { name: wrong rows, sql: "SELECT name FROM greetings ORDER BY n", rows: [{ name: bob }] }
  - { name: mail, deliveries: { to: ada@example.com } }
  - { name: trace, trace: { type: started, count: ">= 1" } }
  - { name: listed invariants, invariants: true }
`);
    expect(messages(r)).toEqual({
      rows: "ok",
      json: "ok",
      value: "expected the value 3; got 2",
      "wrong rows": 'expected rows [{"name":"bob"}]; got 2 rows {"name":"ada"}, {"name":"bob"}',
      mail: "expected >= 1 deliveries (to ada@example.com); found 0 of 0 delivered",
      trace: "expected >= 1 started events; found 0",
      "listed invariants": "ok",
    });
  });
});

describe("steps", () => {
  it("spaces arrivals evenly and fills {i} in the arguments", async () => {
    const r = await run(`
steps:
  - arrivals: { job: NoopJob, args: ["{i}", "n-{i}"], count: 4, for: 1h, queue: low }
  - run_until_idle: true
expect:
  - { job: NoopJob, count: 4, performed: 4, queue: low }
`);
    expect(r.result.passed).toBe(true);
    expect(times(r, "enqueued")).toEqual(["09:00:00", "09:15:00", "09:30:00", "09:45:00"]);
    expect(r.result.jobs.map((j) => j.args)).toEqual([
      [1, "n-1"],
      [2, "n-2"],
      [3, "n-3"],
      [4, "n-4"],
    ]);
  });

  it("draws Poisson arrivals from the seed", async () => {
    const body = `
steps:
  - arrivals: { job: NoopJob, args: ["{i}"], rate: 600/hour, for: 1h, spacing: poisson }
  - run_until_idle: true
`;
    const [a, b, c] = [await run(body), await run(body), await run(body, { seed: 2 })];
    expect(times(a, "enqueued")).toEqual(times(b, "enqueued"));
    expect(times(a, "enqueued")).not.toEqual(times(c, "enqueued"));
    const n = a.stats.jobs;
    expect(n).toBeGreaterThan(520);
    expect(n).toBeLessThan(680);
    expect(a.stats.executions).toBe(n);
  });

  it("keeps arrivals going while later steps act (pause at 09:30, resume at 10:00)", async () => {
    // `at:` runs the world through that instant first: the 09:30 arrival is enqueued before the
    // pause, but the worker's next poll comes after it (docs/engine.md, "Poll timing"), so it
    // waits for the resume.
    const r = await run(`
steps:
  - arrivals: { job: NoopJob, args: ["{i}"], count: 12, for: 1h }
  - at: "09:30"
    pause: default
  - at: "10:00"
    resume: default
  - run_until_idle: true
expect:
  - { job: NoopJob, performed: 12 }
`);
    expect(r.result.passed).toBe(true);
    expect(times(r, "started")).toEqual(["09:00:00", "09:05:00", "09:10:00", "09:15:00", "09:20:00", "09:25:00", "10:00:00", "10:00:00", "10:00:00", "10:00:00", "10:00:00", "10:00:00"]);
  });

  it("enqueues count copies, delays, waits until a time, and slices ids from SQL", async () => {
    const r = await run(`
setup:
  sql: |
    CREATE TABLE items (id INTEGER PRIMARY KEY);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) INSERT INTO items SELECT i FROM n;
steps:
  - enqueue: { job: NoopJob, args: ["{i}"], count: 2, priority: 3 }
  - enqueue: { job: NoopJob, args: [10], wait: 90s, queue: later }
  - enqueue: { job: NoopJob, args: [11], wait_until: "11:00" }
  - enqueue: { job: NoopJob, each_slice: { sql: SELECT id FROM items ORDER BY id, size: 2 } }
  - run_until: "10:00"
expect:
  - { name: delayed, id: 3, attempts_at: ["+90s"], queue: later }
  - { name: waiting, id: 4, final: scheduled }
`);
    expect(messages(r)).toEqual({ delayed: "ok", waiting: "ok", invariants: "ok" });
    expect(r.result.jobs.map((j) => [j.args, j.priority])).toEqual([
      [[1], 3],
      [[2], 3],
      [[10], 0],
      [[11], 0],
      [[[1, 2]], 0],
      [[[3, 4]], 0],
      [[[5]], 0],
    ]);
  });

  it("passes records as GlobalIDs, runs SQL steps, injects faults and crashes", async () => {
    const r = await run(`
setup:
  sql: CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER);
  rows:
    accounts: [{ id: 1, balance: 100 }]
steps:
  - enqueue: { job: ChargeJob, args: [{ $record: Account, id: 1 }, 30] }
  - advance: 1s
  - sql: UPDATE accounts SET balance = balance + 1000
  - fail_sql: { match: UPDATE accounts SET balance = balance -, error: Deadlocked }
  - enqueue: { job: ChargeJob, args: [{ $record: Account, id: 1 }, 5] }
  - advance: 1s
  - crash_at_await: { job: ChargeJob, await: 1, how: crash }
  - enqueue: { job: ChargeJob, args: [{ $record: Account, id: 1 }, 7] }
  - advance: 5s
  - jump_clock: 1h
expect:
  # 100 - 30 + 1000; the deadlocked UPDATE never ran; the crashed job's UPDATE ran, then its await crashed
  - { name: balance, sql: SELECT balance FROM accounts, value: 1063 }
  - { name: deadlock, id: 2, final: failed, error: Deadlocked }
  - { name: crash, id: 3, final: failed, error: "SolidQueue::Processes::ProcessExitError" }
  - { name: died, trace: { type: process_died, count: 1 } }
  - { name: jumped, trace: { type: clock_jump, count: 1 } }
`);
    expect(messages(r)).toEqual({ balance: "ok", deadlock: "ok", crash: "ok", died: "ok", jumped: "ok", invariants: "ok" });
    expect(r.result.jobs[0]!.args).toEqual([{ _aj_globalid: "gid://jobsim/Account/1" }, 30]);
    expect(r.stats.virtualMs).toBe(3_607_000);
  });

  it("records a step that never settles as a failed timeline, and evaluates the rest", async () => {
    const r = await run(`
services:
  slow:
    wait: { hang: true }
steps:
  - enqueue: HangJob
  - run_until_idle: { horizon: 1h }
  - advance: 1d
expect:
  - { name: started, job: HangJob, performed: 1, final: claimed }
`);
    expect(r.result.passed).toBe(false);
    expect(r.result.expectations.map((e) => [e.name, e.passed])).toEqual([
      ["timeline", false],
      ["started", true],
      ["invariants", true],
    ]);
    expect(r.result.expectations[0]!.message).toMatch(/^steps\[1\] \(run_until_idle, line 10\): jobs did not settle within 3600s of virtual time:\n {2}job 1 \(HangJob\) on default: claimed by worker-/);
    expect(r.stats.virtualMs).toBe(3_600_000); // the advance after it did not run
  });
});

describe("results for the reports", () => {
  it("lists every process that ran, replacements included, and every job", async () => {
    const r = await run(`
steps:
  - enqueue: NoopJob
  - advance: 1s
  - kill: worker:0
  - advance: 5s
`);
    const kinds = r.result.processes.map((p) => p.kind);
    expect(kinds).toEqual(["Supervisor(fork)", "Dispatcher", "Worker", "Worker"]);
    const sup = r.result.processes[0]!.name;
    expect(r.result.processes.slice(1).every((p) => p.supervisor === sup)).toBe(true);
    expect(r.result.jobs).toMatchObject([{ id: 1, className: "NoopJob", queue: "default", priority: 0, status: "finished", args: [] }]);
    expect(r.result).toMatchObject({ name: "r", file: FILE, seed: 1, start: Date.UTC(2026, 2, 2, 9), timeZone: "Etc/UTC", passed: true });
    expect(r.warnings).toEqual([]);
  });
});

describe("helpers", () => {
  it("takes nearest-rank percentiles", () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([statistic(v, "p50"), statistic(v, "p95"), statistic(v, "p99"), statistic(v, "max"), statistic(v, "mean")]).toEqual([50, 95, 99, 100, 51]);
    expect(statistic([7], "p95")).toBe(7);
  });

  it("fills {i} deeply", () => {
    expect(withIndex([{ id: "{i}", tag: "t-{i}", list: ["{i}"] }, 5], 3)).toEqual([{ id: 3, tag: "t-3", list: [3] }, 5]);
  });
});

describe("the job table read after a run (outlines: no payload kept)", () => {
  it("gives every row the status sim.jobs() gives it", async () => {
    const { buildSimulation } = await import("../../src/scenario/build.js");
    const { Timeline } = await import("../../src/scenario/steps.js");
    const { JobTable } = await import("../../src/scenario/job-table.js");
    const loaded = await loadScenario(
      FILE,
      HEAD +
        `
services:
  api:
    call: { throws: Boom }
steps:
  - enqueue: { job: NoopJob, args: [1] }
  - enqueue: { job: FlakyJob, args: [2] }
  - enqueue: { job: NoopJob, args: [3], wait: 1h }
  - pause: low
  - enqueue: { job: SlowJob, args: [4] }
  - enqueue: { job: SlowJob, args: [60], queue: default }
  - advance: 10s
`,
    );
    const { sim } = await buildSimulation(loaded);
    try {
      const t = new Timeline(sim, "Etc/UTC");
      for (const [i, s] of loaded.spec.steps.entries()) await t.play(s, i);
      const expected = sim.jobs();
      expect(new Set(expected.map((j) => j.status))).toEqual(new Set(["finished", "failed", "scheduled", "ready", "claimed"]));
      const outline = ({ id, className, queueName, priority, activeJobId, status, args, error }: (typeof expected)[number]) => ({ id, className, queueName, priority, activeJobId, status, args, ...(error !== undefined ? { error } : {}) });
      expect(new JobTable(sim).all).toEqual(expected.map(outline));
      expect(expected.some((j) => j.error !== undefined)).toBe(true);
    } finally {
      sim.dispose();
    }
  });
});
