// `npx tsx bench/report-100k.ts`: the reports of a 100,000-job run (the scenario-100k fixture).
// Prints each report's size, the time to write them all, the peak RSS while writing (the
// process's high-water mark, reset just before: /proc/self/clear_refs) and how much of it the
// writing added over the finished run, then Chromium's time to interactive for index.html
// (navigation to body[data-ready], through the DevTools protocol) and the time to sort the jobs
// table by wait. Chromium missing: that part is skipped with a notice.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { releaseMemory } from "../src/cli/release-memory.js";
import { writeReports } from "../src/report/index.js";
import { loadScenario } from "../src/scenario/load.js";
import { runScenario } from "../src/scenario/run.js";
import { Chromium, findChromium } from "../test/report/chromium.js";

const FILE = "test/scenario/fixtures/large/100k-jobs.yml";
const MB = 1024 * 1024;

function highWaterMb(): number | undefined {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m === null ? undefined : Number(m[1]) / 1024;
}
function resetHighWater(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

const loaded = await loadScenario(FILE);
const { result, stats } = await runScenario(loaded, { wallClock: performance.now.bind(performance), invariantsWhileRunning: false });
// As `jobsim run` does after a large run: the run's own sql.js instance and dead heap freed.
await releaseMemory();
const before = process.memoryUsage().rss / MB;
const dir = mkdtempSync(join(tmpdir(), "jobsim-bench-report-"));
const reset = resetHighWater();
const t0 = performance.now();
const written = writeReports([result], { dir, formats: ["json", "junit", "html"] });
const seconds = (performance.now() - t0) / 1000;
const peak = reset ? highWaterMb() : undefined;

console.log(`\n## report 100k (${FILE}): ${stats.jobs.toLocaleString("en-US")} jobs, ${stats.executions.toLocaleString("en-US")} executions, ${result.trace.length.toLocaleString("en-US")} trace events`);
for (const p of written) console.log(`  ${p.slice(dir.length + 1).padEnd(28)} ${(statSync(p).size / MB).toFixed(2).padStart(8)} MB`);
console.log(`  write json + junit + html      ${seconds.toFixed(2).padStart(8)} s`);
console.log(
  peak === undefined
    ? "  peak RSS while writing: not measurable here (/proc/self/clear_refs)"
    : `  peak RSS while writing         ${peak.toFixed(0).padStart(8)} MB (the finished run held ${before.toFixed(0)} MB before; writing added ${(peak - before).toFixed(0)} MB)`,
);

const chromium = findChromium();
if (chromium === undefined) console.log("  Chromium not found (/usr/bin/chromium): time to interactive skipped");
else {
  const browser = Chromium.launch(chromium);
  try {
    const tab = await browser.open(pathToFileURL(join(dir, "index.html")).href, 60_000);
    console.log(`  Chromium time to interactive   ${(tab.readyMs / 1000).toFixed(2).padStart(8)} s (navigation to body[data-ready])`);
    const sortMs = await tab.evaluate<number>("(function(){var t=performance.now();document.querySelector('th[data-col=wait]').click();return performance.now()-t})()");
    console.log(`  sort 100k jobs by wait         ${(sortMs / 1000).toFixed(2).padStart(8)} s`);
    if (tab.problems.console.length > 0) console.log(`  page problems: ${tab.problems.console.join("; ")}`);
  } finally {
    await browser.close();
  }
}
rmSync(dir, { recursive: true, force: true });
