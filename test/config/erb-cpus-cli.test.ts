// The virtual CPU count from a scenario (config.cpu_count) and the command line (--cpus), and the
// config files' warnings reaching the user in `jobsim check` and `jobsim run` (issue 12 item 9).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { buildSimulation } from "../../src/scenario/build.js";
import { loadScenario } from "../../src/scenario/load.js";
import { fixture } from "./fixture-path.js";
import { tempDir } from "../helpers/temp.js";

let dir = "";
const queueYml = fixture("erb-cpu-count-queue.yml");
const recurringYml = fixture("erb-require-relative-recurring.yml");

function scenario(name: string, config: string[]): string {
  const file = join(dir, `${name}.yml`);
  writeFileSync(file, [`name: ${name}`, "env: production", "config:", `  queue: ${queueYml}`, ...config, "steps: []", ""].join("\n"));
  return file;
}

beforeAll(() => {
  dir = tempDir("cpus");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function processes(file: string, cpuCount?: number): Promise<number[]> {
  const loaded = await loadScenario(file, undefined, cpuCount !== undefined ? { cpuCount } : {});
  const { sim } = await buildSimulation(loaded);
  try {
    return sim.queueConfig.workers.map((w) => w.processes);
  } finally {
    sim.dispose();
  }
}

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false } };
}

const cpuWarning = (line: number, col: number, what: string) =>
  `warning: ${queueYml}:${line}:${col}: ${what} is jobsim's virtual CPU count, 1 by default; set it with config.cpu_count in a scenario, --cpus on the command line, or the loader's cpuCount option\n`;

describe("config.cpu_count and --cpus", () => {
  it("config.cpu_count sets the count the queue.yml reads; --cpus replaces it", async () => {
    const file = scenario("six-cpus", ["  cpu_count: 6"]);
    expect(await processes(file)).toEqual([6, 3]);
    expect(await processes(file, 2)).toEqual([2, 1]);
    expect(await processes(scenario("default-cpus", []))).toEqual([1, 1]);
  });

  it("jobsim check prints the default's warnings, and none once the count is set", async () => {
    const unset = scenario("unset", []);
    const c1 = capture();
    expect(await main(["check", unset], c1.io)).toBe(0);
    expect(c1.out.stderr).toBe(cpuWarning(8, 18, "Concurrent.physical_processor_count") + cpuWarning(11, 18, "Concurrent.processor_count"));
    const c2 = capture();
    expect(await main(["check", unset, "--cpus", "4"], c2.io)).toBe(0);
    expect(c2.out.stderr).toBe("");
    expect(c2.out.stdout).toBe(`ok  ${unset}\n`);
  });

  it("jobsim run prints the config files' warnings too: require_relative skipped", async () => {
    const file = scenario("with-recurring", ["  cpu_count: 2", `  recurring: ${recurringYml}`, `jobs: ${resolve("scenarios/jobs/index.ts")}`]);
    const c = capture();
    expect(await main(["run", file, "--out", join(dir, "reports"), "--report", "json"], c.io)).toBe(0);
    expect(c.out.stderr).toBe(
      `warning: ${recurringYml}:3:1: require_relative "../lib/recurring_schedule_helpers" is skipped: jobsim never runs your app's Ruby, so what it defines is not available here\n`,
    );
  });

  it("a bad count is refused: in the scenario at its place, on the command line with the usage", async () => {
    const file = scenario("zero", ["  cpu_count: 0"]);
    const c1 = capture();
    expect(await main(["check", file], c1.io)).toBe(2);
    expect(c1.out.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:5:14: config\\.cpu_count`));
    for (const command of ["check", "run"]) {
      const c2 = capture();
      expect(await main([command, file, "--cpus", "two"], c2.io)).toBe(2);
      expect(c2.out.stderr).toMatch(/^jobsim (check|run): --cpus wants a whole number of 1 or more, got "two"\n/);
    }
  });
});
