// `jobsim run <files or folders> [--seed N] [--report json,junit,html] [--out DIR]` replays
// scenarios and writes reports; `jobsim check <files or folders>` validates them without
// running. Exit codes: 0 all passed, 1 an expectation failed, 2 bad input.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { suggest } from "../config/suggest.js";
import { compareRuns, readTraceFile, traceFileName, uniqueSlugs, writeReports, type RunComparison } from "../report/index.js";
import type { ReportFormat, ScenarioResult } from "../report/types.js";
import { formatDuration } from "../job/duration.js";
import { checkScenario } from "../scenario/check.js";
import { ScenarioError } from "../scenario/errors.js";
import { scenarioFiles } from "../scenario/files.js";
import { loadScenario } from "../scenario/load.js";
import { runScenario, type RunProgress, type RunStats } from "../scenario/run.js";
import { LARGE_RUN_EVENTS, releaseMemory } from "./release-memory.js";
import { showOffset } from "../scenario/time.js";
import { commandFlags, realNow, shownPath, UsageError, type CliIO } from "./io.js";


export const RUN_USAGE = `usage: jobsim run <files or folders> [--seed N] [--cpus N] [--report json,junit,html] [--out DIR] [--compare TRACE]

  <files or folders>  scenario files, or folders whose *.yml files are scenarios
  --seed N            replace every scenario's seed
  --cpus N            the CPU count the config files' ERB reads (Concurrent.processor_count),
                      replacing every scenario's config.cpu_count (default 1)
  --report LIST       report formats, comma-separated (default json,junit,html)
  --out DIR           where reports go (default reports/)
  --compare TRACE     show another run beside this one in index.html: a <slug>.trace.json
                      (one scenario run, or the one with that slug) or a folder of them

exit status: 0 every expectation passed, 1 one failed, 2 bad input
`;

export const CHECK_USAGE = `usage: jobsim check <files or folders> [--cpus N]

  validates scenarios without running them: YAML, keys, values, job modules and classes,
  queue and recurring config, setup SQL and rows, process selectors, expectation SQL
  --cpus N            the CPU count the config files' ERB reads, as for jobsim run

exit status: 0 all valid, 2 a problem was found
`;

const OPTIONS = ["--seed", "--cpus", "--report", "--out", "--compare"];

interface RunFlags {
  paths: string[];
  seed?: number;
  cpus?: number;
  formats: ReportFormat[];
  out: string;
  compare?: string;
}

function readRunFlags(argv: readonly string[]): RunFlags | "help" {
  const flags: RunFlags = { paths: [], formats: ["json", "junit", "html"], out: "reports" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (!arg.startsWith("--")) {
      flags.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!OPTIONS.includes(name)) {
      const near = suggest(name, OPTIONS);
      throw new UsageError(`unknown option ${name}${near !== undefined ? ` (did you mean ${near}?)` : ""}`);
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
    if (name === "--cpus") flags.cpus = cpusFlag(value);
    else if (name === "--seed") {
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--seed wants a whole number, got ${JSON.stringify(value)}`);
      flags.seed = Number(value);
    } else if (name === "--out") flags.out = value;
    else if (name === "--compare") flags.compare = value;
    else {
      const list = value.split(",").map((s) => s.trim()).filter(Boolean);
      const bad = list.find((f) => f !== "json" && f !== "junit" && f !== "html");
      if (bad !== undefined || list.length === 0) throw new UsageError(`--report takes json, junit and/or html (comma-separated), got ${JSON.stringify(value)}`);
      flags.formats = list as ReportFormat[];
    }
  }
  if (flags.paths.length === 0) throw new UsageError("name at least one scenario file or folder");
  return flags;
}

function cpusFlag(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 1) throw new UsageError(`--cpus wants a whole number of 1 or more, got ${JSON.stringify(value)}`);
  return Number(value);
}

interface Row {
  name: string;
  result: "pass" | "FAIL" | "ERROR" | "skipped";
  stats?: RunStats;
  wallMs: number;
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = commandFlags("run", argv, readRunFlags, RUN_USAGE, io);
  if (typeof flags === "number") return flags;
  let files: string[];
  try {
    files = scenarioFiles(flags.paths);
  } catch (e) {
    io.stderr(`jobsim run: ${(e as Error).message}\n`);
    return 2;
  }

  let exit = 0;
  const results: ScenarioResult[] = [];
  const rows: Row[] = [];
  for (const [i, file] of files.entries()) {
    const t0 = realNow();
    const progress = progressLine(io, `[${i + 1}/${files.length}]`);
    try {
      const loaded = await loadScenario(file, undefined, flags.cpus !== undefined ? { cpuCount: flags.cpus } : {});
      const run = await runScenario(loaded, {
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        wallClock: realNow,
        onProgress: progress.update,
      });
      progress.clear();
      for (const w of run.warnings) io.stderr(`warning: ${w}\n`);
      const r = run.result;
      results.push(r);
      const skipped = r.passed && r.expectations.some((x) => x.skipped === true);
      rows.push({ name: r.name, result: skipped ? "skipped" : r.passed ? "pass" : "FAIL", stats: run.stats, wallMs: r.wallMs });
      io.stdout(`${skipped ? "-" : r.passed ? "✓" : "✗"} ${r.name} (${file})\n`);
      for (const x of r.expectations) if (x.skipped === true) io.stdout(`    - ${x.message ?? x.name}\n`);
      for (const x of r.expectations) if (!x.passed) io.stdout(`    ✗ ${x.name}\n      ${(x.message ?? "failed").replaceAll("\n", "\n      ")}\n`);
      if (!r.passed) exit = Math.max(exit, 1);
      if (r.trace.length >= LARGE_RUN_EVENTS) await releaseMemory();
    } catch (e) {
      progress.clear();
      const message = e instanceof ScenarioError ? e.message : `${file}: unexpected error: ${e instanceof Error ? e.message : String(e)}`;
      io.stderr(`${message}\n`);
      exit = 2;
      const name = basename(file).replace(/\.ya?ml$/, "");
      results.push(errorResult(name, file, message));
      rows.push({ name, result: "ERROR", wallMs: Math.round(realNow() - t0) });
    }
  }
  io.stdout(`\n${summaryTable(rows)}`);
  let compare: RunComparison[] | undefined;
  if (flags.compare !== undefined) {
    try {
      compare = comparisons(results, flags.compare);
    } catch (e) {
      io.stderr(`jobsim run: --compare: ${(e as Error).message}\n`);
      return 2;
    }
  }
  try {
    const written = writeReports(results, { dir: flags.out, formats: flags.formats, ...(compare !== undefined ? { compare } : {}) });
    io.stdout(`${reportsLine(written)}\n`);
  } catch (e) {
    io.stderr(`jobsim run: cannot write reports to ${flags.out}: ${(e as Error).message}\n`);
    exit = 2;
  }
  return exit;
}

export async function checkCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(CHECK_USAGE);
    return 0;
  }
  const paths: string[] = [];
  let cpus: number | undefined;
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (!arg.startsWith("--")) paths.push(arg);
      else if (arg === "--cpus" || arg.startsWith("--cpus=")) {
        const value = arg === "--cpus" ? argv[++i] : arg.slice("--cpus=".length);
        if (value === undefined || value === "") throw new UsageError("--cpus needs a value");
        cpus = cpusFlag(value);
      } else throw new UsageError(`unknown option ${arg}`);
    }
    if (paths.length === 0) throw new UsageError("name at least one scenario file or folder");
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`jobsim check: ${e.message}\n${CHECK_USAGE}`);
    return 2;
  }
  let files: string[];
  try {
    files = scenarioFiles(paths);
  } catch (e) {
    io.stderr(`jobsim check: ${(e as Error).message}\n`);
    return 2;
  }
  let exit = 0;
  for (const file of files) {
    try {
      const warnings = await checkScenario(await loadScenario(file, undefined, cpus !== undefined ? { cpuCount: cpus } : {}));
      for (const w of warnings) io.stderr(`warning: ${w}\n`);
      io.stdout(`ok  ${file}\n`);
    } catch (e) {
      io.stderr(`${e instanceof ScenarioError ? e.message : `${file}: unexpected error: ${(e as Error).message}`}\n`);
      exit = 2;
    }
  }
  return exit;
}

/** "reports: reports/index.html, reports/junit.xml, 11 trace files (reports/*.trace.json)". */
function reportsLine(written: readonly string[]): string {
  const traces = written.filter((p) => p.endsWith(".trace.json"));
  const others = written.filter((p) => !p.endsWith(".trace.json")).map(shownPath);
  if (traces.length === 1) others.push(shownPath(traces[0]!));
  else if (traces.length > 1) others.push(`${traces.length} trace files (${shownPath(join(dirname(traces[0]!), "*.trace.json"))})`);
  return `reports: ${others.join(", ")}`;
}

/** Each scenario run beside its other trace: <slug>.trace.json in a folder, or the one file given. */
function comparisons(results: readonly ScenarioResult[], path: string): RunComparison[] {
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  const slugs = uniqueSlugs(results.map((r) => r.name));
  const pairs: { i: number; file: string }[] = [];
  if (statSync(path).isDirectory()) {
    slugs.forEach((slug, i) => {
      const file = join(path, traceFileName(slug));
      if (existsSync(file)) pairs.push({ i, file });
    });
    if (pairs.length === 0) throw new Error(`${path} holds no trace of the scenarios run (looked for ${slugs.map(traceFileName).join(", ")})`);
  } else {
    const i = slugs.findIndex((s) => traceFileName(s) === basename(path));
    if (i < 0 && results.length !== 1) throw new Error(`${path} is not the trace of one of the ${results.length} scenarios run (${slugs.map(traceFileName).join(", ")}); run one scenario or pass a folder`);
    pairs.push({ i: Math.max(0, i), file: path });
  }
  return pairs.map(({ i, file }) =>
    compareRuns(slugs[i]!, { label: "this run", trace: results[i]!.trace }, { label: shownPath(file), trace: readTraceFile(file) }),
  );
}

function errorResult(name: string, file: string, error: string): ScenarioResult {
  return { name, file, seed: 0, start: 0, timeZone: "Etc/UTC", passed: false, error, expectations: [], trace: [], processes: [], jobs: [], wallMs: 0 };
}

/** One line rewritten in place with \r on a terminal; nothing otherwise. Appears after 0.5 s. */
function progressLine(io: CliIO, prefix: string): { update: (p: RunProgress) => void; clear: () => void } {
  if (!io.isTTY) return { update: () => {}, clear: () => {} };
  const now = io.wallClock ?? realNow;
  const began = now();
  let last = 0;
  let width = 0;
  return {
    update: (p) => {
      const t = now();
      if (t - began < 500 || t - last < 100) return;
      last = t;
      const line = `${prefix} ${p.name}: virtual ${showOffset(p.now - p.start)}, ${p.events.toLocaleString("en-US")} events, ${((t - began) / 1000).toFixed(1)}s so far`;
      width = Math.max(width, line.length);
      io.stdout(`\r${line.padEnd(width)}`);
    },
    clear: () => {
      if (width > 0) io.stdout(`\r${" ".repeat(width)}\r`);
      width = 0;
    },
  };
}

function summaryTable(rows: readonly Row[]): string {
  const head = ["scenario", "result", "jobs", "executions", "virtual time", "wall time"];
  const body = rows.map((r) => [
    r.name,
    r.result,
    r.stats ? r.stats.jobs.toLocaleString("en-US") : "-",
    r.stats ? r.stats.executions.toLocaleString("en-US") : "-",
    r.stats ? formatDuration(r.stats.virtualMs / 1000) : "-",
    r.wallMs < 1000 ? `${r.wallMs} ms` : `${(r.wallMs / 1000).toFixed(2)} s`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([2, 3]);
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const passed = rows.filter((r) => r.result === "pass").length;
  const skipped = rows.filter((r) => r.result === "skipped").length;
  return `${[line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n")}\n${passed} of ${rows.length} scenarios passed${skipped > 0 ? `, ${skipped} skipped (properties only: jobsim fuzz runs them)` : ""}\n`;
}
