import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fuzzCommand } from "../../src/cli/fuzz.js";
import { runCommand } from "../../src/cli/run.js";
import { tempDir } from "../helpers/temp.js";

// Properties inside scenario files as `jobsim run` sees them: a counterexample written by a
// campaign fails on replay (exit 1), a bad entry is bad input with its position (exit 2), and
// the `interleaving:` key replays a list of choices.

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false } };
}
const temp = () => tempDir("props");

describe("properties in jobsim run", () => {
  it("the counterexample a campaign writes fails again under jobsim run", async () => {
    const dir = temp();
    const fuzz = capture();
    expect(await fuzzCommand(["scenarios/properties/counter-broken.yml", "--runs", "5", "--out", dir], fuzz.io)).toBe(0);
    const file = readdirSync(dir).find((f) => f.startsWith("counterexample-idempotence"))!;
    expect(file).toBeDefined();
    const run = capture();
    expect(await runCommand([join(dir, file), "--report", "json", "--out", temp()], run.io)).toBe(1);
    expect(run.out.stdout).toMatch(/✗ property idempotence CountViewJob\n\s+replayed case fails:\n\s+CountViewJob\(1\) is not idempotent/);
  });

  it("the corrected job's scenario passes", async () => {
    const run = capture();
    expect(await runCommand(["scenarios/properties/counter-fixed.yml", "--report", "json", "--out", temp()], run.io)).toBe(0);
  });

  it("a bad property entry is bad input naming its place", async () => {
    const dir = temp();
    const file = join(dir, "bad.yml");
    writeFileSync(file, ["name: bad property", `jobs: ${resolve("scenarios/properties/jobs/counter.ts")}`, "properties:", "  - no_job_lost", "  - idempotence: { job: CountViewJob, arg: [1] }", ""].join("\n"));
    const run = capture();
    expect(await runCommand([file, "--out", temp()], run.io)).toBe(2);
    expect(run.out.stderr).toContain(`${file}:5:39: properties[1].idempotence: unknown option "arg"; did you mean "args"?`);
  });
});

describe("interleaving: { choices }", () => {
  // Two threads park at the same instant before writing; the choice decides who writes first.
  function raceScenario(dir: string, choices: string, expected: string[]): string {
    const jobs = join(dir, "jobs.ts");
    writeFileSync(
      jobs,
      [
        `import { Job } from ${JSON.stringify(resolve("src/job/job.ts"))};`,
        "export class WriteJob extends Job {",
        "  override async perform(name: string) {",
        "    await this.pause();",
        '    await this.db.run("INSERT INTO writes (name) VALUES (?)", [name]);',
        "  }",
        "}",
      ].join("\n"),
    );
    const file = join(dir, "race.yml");
    writeFileSync(
      file,
      [
        "name: two writers",
        "jobs: ./jobs.ts",
        `interleaving: { choices: ${choices} }`,
        "config:",
        "  queue: { workers: [{ queues: '*', threads: 2 }] }",
        "setup:",
        "  sql: CREATE TABLE writes (name TEXT);",
        "steps:",
        "  - enqueue: { job: WriteJob, args: [ada] }",
        "  - enqueue: { job: WriteJob, args: [bob] }",
        "  - run_until_idle: true",
        "expect:",
        "  - sql: SELECT name FROM writes ORDER BY rowid",
        `    rows: [${expected.map((n) => `{ name: ${n} }`).join(", ")}]`,
      ].join("\n"),
    );
    return file;
  }

  it("choice 0 resumes the first parked thread, choice 1 the other", async () => {
    for (const [choices, expected] of [
      ["[0]", ["ada", "bob"]],
      ["[1]", ["bob", "ada"]],
    ] as const) {
      const run = capture();
      expect(await runCommand([raceScenario(temp(), choices, [...expected]), "--report", "json", "--out", temp()], run.io), run.out.stdout).toBe(0);
    }
    const wrong = capture();
    expect(await runCommand([raceScenario(temp(), "[1]", ["ada", "bob"]), "--report", "json", "--out", temp()], wrong.io)).toBe(1);
  });

  it("refuses a malformed interleaving with its place", async () => {
    const dir = temp();
    const file = raceScenario(dir, "[-1]", ["ada", "bob"]);
    const run = capture();
    expect(await runCommand([file, "--out", temp()], run.io)).toBe(2);
    expect(run.out.stderr).toContain(`${file}:3:27: interleaving.choices must be whole numbers (0 or more), got the number -1`);
  });
});
