import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeReports } from "../../src/report/index.js";
import { scenarioFiles } from "../../src/scenario/files.js";
import { runScenarioFile } from "../../src/scenario/run.js";
import { tempDir } from "../helpers/temp.js";

// The determinism contract for the examples: the same file and seed give byte-identical trace
// files, run after run, and in another process.

function traceFile(result: Parameters<typeof writeReports>[0][number]): string {
  const dir = tempDir("trace");
  const [path] = writeReports([result], { dir, formats: ["json"] });
  return readFileSync(path!, "utf8");
}

describe("every example scenario passes twice with identical trace files", () => {
  for (const file of scenarioFiles(["scenarios"])) {
    it(file, async () => {
      const a = await runScenarioFile(file);
      const b = await runScenarioFile(file);
      const failed = a.result.expectations.filter((x) => !x.passed).map((x) => `${x.name}: ${x.message}`);
      expect(failed).toEqual([]);
      expect(b.result.passed).toBe(true);
      const [ta, tb] = [traceFile(a.result), traceFile(b.result)];
      expect(ta.length).toBeGreaterThan(100);
      expect(ta === tb).toBe(true);
      expect(a.result.jobs).toEqual(b.result.jobs);
      expect(a.result.processes).toEqual(b.result.processes);
    });
  }
});

describe("seeds", () => {
  it("another seed gives another day (Poisson arrivals, process names, job ids)", async () => {
    const a = await runScenarioFile("scenarios/welcome-email.yml");
    const b = await runScenarioFile("scenarios/welcome-email.yml", { seed: 99 });
    expect(b.result.seed).toBe(99);
    expect(b.result.passed).toBe(true);
    expect(traceFile(a.result)).not.toBe(traceFile(b.result));
  });

  it("a run in another process writes the same trace file", async () => {
    const dir = tempDir("cli");
    execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "run", "scenarios/webhook-retries.yml", "--report", "json", "--out", dir], { stdio: "pipe" });
    const child = readFileSync(join(dir, "webhook-retries-polynomially-longer.trace.json"), "utf8");
    const here = traceFile((await runScenarioFile("scenarios/webhook-retries.yml")).result);
    expect(child === here).toBe(true);
  });
});
