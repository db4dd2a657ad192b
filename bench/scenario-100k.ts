// `npx tsx bench/scenario-100k.ts`: replays a 100,000-job scenario (one virtual day, three
// queues, the production queue.yml, a worker killed at noon) and writes its reports. Prints
// wall time and peak RSS; the second replay skips the periodic invariant checks (the final
// check still runs) to show what they cost.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeReports } from "../src/report/index.js";
import { loadScenario } from "../src/scenario/load.js";
import { runScenario, type ScenarioRun } from "../src/scenario/run.js";
import { measure, report } from "./harness.js";

const FILE = "test/scenario/fixtures/large/100k-jobs.yml";
const wallClock = performance.now.bind(performance);

const loaded = await loadScenario(FILE);

const light = await measure("replay, final invariant check only", 0, "jobs", async () => {
  await runScenario(loaded, { wallClock, invariantsWhileRunning: false });
});

let run: ScenarioRun | undefined;
const full = await measure("replay, invariants every 2000 events", 0, "jobs", async () => {
  run = await runScenario(loaded, { wallClock });
});
const { result, stats } = run!;
run = undefined;
full.count = stats.jobs;
light.count = stats.jobs;
const summary = `${stats.jobs.toLocaleString("en-US")} jobs, ${stats.executions.toLocaleString("en-US")} executions, ${result.trace.length.toLocaleString("en-US")} trace events, ${result.passed ? "passed" : "FAILED"}`;

const dir = mkdtempSync(join(tmpdir(), "jobsim-bench-"));
const reports = await measure("write json + junit + html reports", stats.jobs, "jobs", () => {
  writeReports([result], { dir, formats: ["json", "junit", "html"] });
});
rmSync(dir, { recursive: true, force: true });

report(`scenario 100k (${FILE}): ${summary}`, [light, full, reports], light);
