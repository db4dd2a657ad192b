import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { whatifCommand } from "../../src/cli/whatif.js";
import { ScenarioError } from "../../src/scenario/errors.js";
import { runScenarioFile } from "../../src/scenario/run.js";
import { drawRunTime, quantile } from "../../src/model/run-time.js";
import { Random } from "../../src/sim/random.js";

// Modelled jobs in scenarios (hand-written models), and `jobsim whatif --find`.

const dir = mkdtempSync(join(tmpdir(), "jobsim-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, lines: string[]) => {
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
  return join(dir, name);
};

write("model.yml", [
  "jobs:",
  "  ResizeJob:",
  "    queue: images",
  "    behaviour:",
  "      run_time: { fixed: 2 }",
  "  FetchJob:",
  "    queue: net",
  "    handlers:",
  "      - { kind: retry_on, errors: [Timeout::Error], wait: 10, attempts: 3 }",
  "    behaviour:",
  "      run_time: { uniform: { min: 1, max: 3 } }",
  "      failures: [{ error: Net::OpenTimeout, script: [true, true, false] }]",
  "      enqueues: [{ job: ResizeJob, args: ['{arg.0}'], count: 2, wait: 5 }]",
]);
write("queue.yml", ["dispatchers:", "  - polling_interval: 1", "workers:", "  - queues: [images, net]", "    threads: 1", "    polling_interval: 0.1"]);

describe("a hand-written job model in a scenario", () => {
  it("retries a modelled Net::OpenTimeout under retry_on Timeout::Error (Ruby's ancestry), then fans out", async () => {
    const file = write("retry.yml", [
      "name: modelled retry",
      "start: '2026-03-03T09:00:00Z'",
      "jobs: model.yml",
      "config: { queue: queue.yml }",
      "steps:",
      "  - enqueue: { job: FetchJob, args: [7] }",
      "  - run_until_idle: true",
      "expect:",
      "  - no_failed_jobs: true",
      "  - trace: { type: retried, job: FetchJob, count: 2 }",
      "  - job: ResizeJob",
      "    count: 2",
      "    args: [7]",
      "    final: finished",
    ]);
    const { result } = await runScenarioFile(file);
    expect(result.expectations.filter((e) => !e.passed)).toEqual([]);
    const fetch = result.trace.filter((e) => e.type === "started" && e.jobClass === "FetchJob").map((e) => e.t);
    const done = result.trace.filter((e) => e.type === "succeeded" && e.jobClass === "FetchJob").map((e) => e.t);
    // Each execution lasts 1..3 s of virtual time on its thread; retries wait 10 s after it.
    fetch.forEach((t, i) => expect((done[i]! - t) / 1000).toBeGreaterThanOrEqual(1));
    fetch.forEach((t, i) => expect((done[i]! - t) / 1000).toBeLessThanOrEqual(3));
    expect((fetch[1]! - done[0]!) / 1000).toBeGreaterThanOrEqual(10);
    const resize = result.trace.filter((e) => e.type === "started" && e.jobClass === "ResizeJob");
    expect(resize[0]!.t - done[2]!).toBeGreaterThanOrEqual(5000);
    expect(result.trace.filter((e) => e.type === "succeeded" && e.jobClass === "ResizeJob").map((e, i) => e.t - resize[i]!.t)).toEqual([2000, 2000]);
  });

  it("is the same trace for the same seed, and draws another run time for another seed", async () => {
    const file = write("seeded.yml", ["name: seeded", "jobs: model.yml", "config: { queue: queue.yml }", "steps:", "  - enqueue: { job: FetchJob, args: [1], count: 3 }", "  - run_until_idle: true"]);
    const a = await runScenarioFile(file);
    const b = await runScenarioFile(file);
    const c = await runScenarioFile(file, { seed: 99 });
    expect(JSON.stringify(a.result.trace)).toBe(JSON.stringify(b.result.trace));
    expect(JSON.stringify(a.result.trace)).not.toBe(JSON.stringify(c.result.trace));
  });

  it("names the model's mistake at its place", async () => {
    write("bad-model.yml", ["jobs:", "  ResizeJob:", "    behaviour:", "      run_time: { lognormal: { p50: 5, p59: 9 } }"]);
    const file = write("bad.yml", ["name: bad", "jobs: bad-model.yml", "steps:", "  - run_until_idle: true"]);
    const err = await runScenarioFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toMatch(/bad-model\.yml:4:40: unknown key "p59" in jobs\.ResizeJob\.behaviour\.run_time\.lognormal; did you mean/);
  });

  it("names a missing arrivals file where replay: names it", async () => {
    const file = write("no-replay.yml", ["name: replay", "jobs: model.yml", "steps:", "  - replay: nowhere/arrivals.yml"]);
    await expect(runScenarioFile(file)).rejects.toThrow(/no-replay\.yml:4:13: steps\[0\]\.replay: no such arrivals file/);
  });
});

describe("run-time distributions", () => {
  const draws = (rt: Parameters<typeof drawRunTime>[0], n = 4000) => {
    const r = new Random(5);
    return Array.from({ length: n }, () => drawRunTime(rt, () => r.next())).sort((a, b) => a - b);
  };
  it("lognormal from p50 and p95 has that p50 and p95", () => {
    const s = draws({ lognormal: { p50: 4, p95: 15 } });
    expect(quantile(s, 0.5)).toBeCloseTo(4, 0);
    expect(quantile(s, 0.95) / 15).toBeGreaterThan(0.9);
    expect(quantile(s, 0.95) / 15).toBeLessThan(1.1);
  });
  it("empirical keeps the samples' range and median; uniform its bounds", () => {
    const s = draws({ empirical: [1, 2, 3, 10] });
    expect(s[0]).toBeGreaterThanOrEqual(1);
    expect(s[s.length - 1]).toBeLessThanOrEqual(10);
    expect(quantile(s, 0.5)).toBeCloseTo(2.5, 0);
    const u = draws({ uniform: { min: 2, max: 4 } });
    expect(u[0]).toBeGreaterThanOrEqual(2);
    expect(u[u.length - 1]).toBeLessThanOrEqual(4);
  });
});

describe("jobsim whatif --find", () => {
  it("finds the fewest threads that meet the bound, and says how it searched", async () => {
    const file = write("load.yml", [
      "name: load",
      "start: '2026-03-03T09:00:00Z'",
      "jobs: model.yml",
      "config: { queue: queue.yml }",
      "steps:",
      "  - arrivals: { job: ResizeJob, rate: 2/s, for: 2m }",
      "  - run_until_idle: true",
    ]);
    const o = { stdout: "", stderr: "" };
    const io = { stdout: (s: string) => void (o.stdout += s), stderr: (s: string) => void (o.stderr += s), isTTY: false };
    const code = await whatifCommand([file, "--find", "images p95 < 3s", "--max-threads", "8", "--max-processes", "2", "--out", dir], io);
    expect(o.stderr).not.toMatch(/^jobsim whatif:/m);
    expect(code).toBe(0);
    // 2 jobs a second of 2 s each need 4 threads; fewer fall behind without end.
    expect(o.stdout).toMatch(/smallest: 4 threads × 1 process /);
    expect(o.stdout).toMatch(/^ +3 threads × 1 process: p95 [\d.ms ]+$/m);
    expect(o.stdout).toContain("found: 4 threads × 1 process");
  });
});
