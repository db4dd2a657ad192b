import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCommand, runCommand } from "../../src/cli/run.js";
import { tempDir } from "../helpers/temp.js";

// `jobsim run` and `jobsim check` end to end: exit codes, output, reports, progress.

function capture(isTTY = false) {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY } };
}

const temp = () => tempDir("cli");

function failingScenario(): string {
  const dir = temp();
  const file = join(dir, "failing.yml");
  writeFileSync(
    file,
    [
      "name: greets the wrong person",
      `jobs: ${resolve("test/scenario/fixtures/jobs.ts")}`,
      "setup:",
      "  sql: CREATE TABLE greetings (name TEXT);",
      "steps:",
      "  - enqueue: { job: GreetJob, args: [ada] }",
      "  - run_until_idle: true",
      "expect:",
      "  - sql: SELECT name FROM greetings",
      "    rows: [{ name: bob }]",
      "  - job: GreetJob",
      "    performed: 1",
    ].join("\n"),
  );
  return file;
}

describe("jobsim run", () => {
  it("exits 1 when an expectation fails, says which and why, and still writes every report", async () => {
    const out = temp();
    const c = capture();
    const file = failingScenario();
    expect(await runCommand([file, "scenarios/welcome-email.yml", "--out", out], c.io)).toBe(1);
    expect(c.out.stdout).toContain(`✗ greets the wrong person (${file})\n    ✗ sql SELECT name FROM greetings: rows [{ name: bob }]\n      expected rows [{"name":"bob"}]; got 1 row {"name":"ada"}\n`);
    expect(c.out.stdout).toContain("✓ welcome email (scenarios/welcome-email.yml)");
    const table = c.out.stdout.slice(c.out.stdout.indexOf("scenario "));
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^scenario\s+result\s+jobs\s+executions\s+virtual time\s+wall time$/);
    expect(lines[2]).toMatch(/^greets the wrong person\s+FAIL\s+1\s+1\s+(0s|\d+ms)\s+(\d+ ms|\d+\.\d+ s)$/);
    expect(lines[3]).toMatch(/^welcome email\s+pass\s+2\s+2\s+5m( \d+\.\d+s)?\s+(\d+ ms|\d+\.\d+ s)$/);
    expect(lines[4]).toBe("1 of 2 scenarios passed");
    expect(readdirSync(out).sort()).toEqual(["greets-the-wrong-person.trace.json", "index.html", "junit.xml", "welcome-email.trace.json"]);
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toContain("greets the wrong person");
    expect(c.out.stdout).not.toContain("\r");
    expect(c.out.stderr).toBe("");
  });

  it("writes only the formats asked for, with --seed replacing the scenario's", async () => {
    const out = temp();
    const c = capture();
    expect(await runCommand(["scenarios/welcome-email.yml", "--report=json", `--out=${out}`, "--seed", "5"], c.io)).toBe(0);
    expect(readdirSync(out)).toEqual(["welcome-email.trace.json"]);
    expect(existsSync(join(out, "index.html"))).toBe(false);
    expect(c.out.stdout).toContain(`reports: ${join(out, "welcome-email.trace.json")}`);
  });

  it("rewrites one progress line on a terminal during a long run", async () => {
    // 2,000 arrivals (over 10,000 trace events: progress comes every 5,000), on a wall clock
    // that moves a second per reading, so the line shows without waiting for a long run.
    const file = join(temp(), "busy.yml");
    writeFileSync(file, `name: busy hour\njobs: ${resolve("test/scenario/fixtures/jobs.ts")}\nsteps:\n  - arrivals: { job: NoopJob, count: 2000, for: 1h }\n  - run_until_idle: true\n`);
    let wall = 0;
    const c = capture(true);
    expect(await runCommand([file, "--report", "json", "--out", temp()], { ...c.io, wallClock: () => (wall += 1000) })).toBe(0);
    const progress = c.out.stdout.split("\r").filter((s) => s.startsWith("[1/1] busy hour: virtual +"));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/^\[1\/1\] busy hour: virtual \+\d+m( [\d.]+s)?, [\d,]+ events, [\d.]+s so far\s*$/);
    expect(c.out.stdout).toMatch(/\r +\r✓ busy hour/);
  });
});

describe("jobsim check", () => {
  it("validates every example without running it", async () => {
    const c = capture();
    expect(await checkCommand(["scenarios"], c.io)).toBe(0);
    expect(c.out.stdout.trim().split("\n")).toEqual(readdirSync("scenarios").filter((f) => f.endsWith(".yml")).sort().map((f) => `ok  scenarios/${f}`));
  });

  it("prints usage for --help and refuses unknown options", async () => {
    const a = capture();
    expect(await checkCommand(["--help"], a.io)).toBe(0);
    expect(a.out.stdout).toContain("usage: jobsim check");
    const b = capture();
    expect(await checkCommand(["--fast", "scenarios"], b.io)).toBe(2);
    expect(b.out.stderr).toContain("jobsim check: unknown option --fast");
  });
});
