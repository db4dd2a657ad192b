import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { checkCommand, runCommand } from "../../src/cli/run.js";
import { tempDir } from "../helpers/temp.js";

// CLI hints (issue 13): error names that almost match a handler, a job module loaded as
// CommonJS, a properties-only file under `jobsim run`, `jobsim --version`.

const exec = promisify(execFile);

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false } };
}

function scenario(lines: string[]): string {
  const file = join(tempDir("hints"), "scenario.yml");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

// FlakyJob retries ApiError (test/scenario/fixtures/jobs.ts); the service throws another name.
function nearMiss(thrown: string): string {
  return scenario([
    "name: near miss",
    `jobs: ${resolve("test/scenario/fixtures/jobs.ts")}`,
    "services:",
    "  api:",
    "    call:",
    `      - { throws: ${thrown} }`,
    "      - { returns: ok }",
    "steps:",
    "  - enqueue: { job: FlakyJob, args: [1] }",
    "  - run_until_idle: true",
  ]);
}

describe("error names that almost match a handler", () => {
  it("check and run warn at the outcome's place when no handler catches a name that ends like a handled one", async () => {
    const file = nearMiss("Net::ApiError");
    const warning = `warning: ${file}:5:5: services.api.call: Net::ApiError is handled by no job, but FlakyJob retryOn(ApiError) names a class that ends the same way; a handler matches an error by its class or its full name, so this error fails the job instead (did you mean ApiError?)\n`;
    const c = capture();
    expect(await checkCommand([file], c.io)).toBe(0);
    expect(c.out.stderr).toBe(warning);
    const r = capture();
    expect(await runCommand([file, "--out", tempDir("hints")], r.io)).toBe(0);
    expect(r.out.stderr).toBe(warning);
  });

  it("says nothing when a handler catches the error, or when no handler name is close", async () => {
    for (const thrown of ["ApiError", "Timeout"]) {
      const c = capture();
      expect(await checkCommand([nearMiss(thrown)], c.io)).toBe(0);
      expect(c.out.stderr).toBe("");
    }
  });
});

describe("a job module that loads as CommonJS", () => {
  it("is named as CommonJS, with the fix, not as exporting no Job subclass", async () => {
    const dir = tempDir("cjs");
    writeFileSync(join(dir, "package.json"), '{ "name": "app" }\n');
    writeFileSync(join(dir, "jobs.ts"), `import { Job } from ${JSON.stringify(resolve("src/index.ts"))};\nexport class CjsJob extends Job {}\n`);
    writeFileSync(join(dir, "s.yml"), "name: cjs\njobs: ./jobs.ts\nsteps: [{ run_until_idle: true }]\n");
    const r = await exec(process.execPath, ["--import", "tsx", "src/cli/main.ts", "check", join(dir, "s.yml")], { encoding: "utf8" }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /s\.yml:2:7: job module \S*jobs\.ts loaded as CommonJS \(\S*package\.json has no "type": "module"\), so its exported classes are not visible to an ES module import: add "type": "module" to \S*package\.json, or rename the module to \.mts\n/,
    );
    expect(r.stderr).not.toContain("exports no Job subclass");
  });
});

describe("jobsim run on a file of property campaigns only", () => {
  it("reports it as skipped, never as a plain pass, in the output and in JUnit", async () => {
    const out = tempDir("hints");
    const r = capture();
    expect(await runCommand(["scenarios/properties/counter-fixed.yml", "--report", "junit", "--out", out], r.io)).toBe(0);
    expect(r.out.stdout).toContain(
      "- counter with a ledger (scenarios/properties/counter-fixed.yml)\n    - properties only: 1 property campaign, not run by jobsim run; run them with: jobsim fuzz scenarios/properties/counter-fixed.yml\n",
    );
    expect(r.out.stdout).toMatch(/counter with a ledger +skipped/);
    expect(r.out.stdout).toContain("0 of 1 scenarios passed, 1 skipped (properties only: jobsim fuzz runs them)");
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(junit).toContain('skipped="1"');
    expect(junit).toContain('<testcase name="properties (not run)" classname="counter with a ledger" time="0.000">\n      <skipped message="properties only: 1 property campaign');
  });
});

describe("jobsim --version", () => {
  it("prints the package's version", async () => {
    const c = capture();
    expect(await main(["--version"], c.io)).toBe(0);
    expect(c.out.stdout).toBe(`jobsim ${(JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version}\n`);
  });
});
