// `jobsim fuzz <scenarios, folders or property modules> [--runs N] [--seed S] [--shard i/n]
// [--time-budget 60s] [--check-determinism] [--out DIR]` runs property campaigns;
// `jobsim fuzz --merge a.json b.json [--out DIR]` merges the results of a campaign's shards.
// Exit codes: 0 every property held, 1 one failed (or a merge is missing shards), 2 bad input.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { durationMs } from "../job/duration.js";
import { Job } from "../job/job.js";
import type { AnyJobClass } from "../job/registry.js";
import { declaredErrors, retryOrdering } from "../property/properties/retry-ordering.js";
import { describeFailure, type RunFailure } from "../property/campaign.js";
import { ProgressBar } from "../property/fuzz/progress.js";
import { mergeResults, MergeError, readResults, type FuzzResults, type PropertyOutcome } from "../property/fuzz/results.js";
import { outcomePassed, runFuzz, type FuzzEntry, type FuzzTarget } from "../property/fuzz/run-fuzz.js";
import type { PropertyDefinition } from "../property/property.js";
import { parseScenarioProperties } from "../property/scenario.js";
import { scenarioPropertyContext } from "../scenario/property-context.js";
import { parseShard, type Shard } from "../property/seeds.js";
import { InputError } from "../config/issues.js";
import { commandFlags, realNow, shownPath as shown, UsageError, type CliIO } from "./io.js";
import { scenarioFiles } from "../scenario/files.js";
import { loadScenario } from "../scenario/load.js";


export const FUZZ_USAGE = `usage: jobsim fuzz <targets> [--runs N] [--seed S] [--shard i/n] [--time-budget 60s] [--check-determinism] [--out DIR]
       jobsim fuzz --merge <results.json ...> [--out DIR]

  <targets>            scenario files with a properties: list, folders of them, property
                       modules (.ts) exporting \`properties\` (an array of property definitions),
                       or job modules (retry ordering of every class declaring retryOn/discardOn)
  --runs N             runs per property (default: each property's own)
  --seed S             campaign seed; run k uses seed hash(S, k) (default 1)
  --shard i/n          run only the runs k with k % n == i (split a campaign across machines)
  --time-budget D      stop starting runs after D of real time ("60s", "5m")
  --check-determinism  run every case twice; fail on the first differing trace event
  --out DIR            counterexample files and the results file go here (default reports/)
  --merge FILES        merge the results files of one campaign's shards and report

exit status: 0 every property held, 1 a property failed or shards are missing, 2 bad input
`;

interface FuzzFlags {
  targets: string[];
  runs?: number;
  seed: number;
  shard: Shard;
  timeBudgetMs?: number;
  checkDeterminism: boolean;
  out?: string;
  merge: boolean;
}

const VALUED = ["--runs", "--seed", "--shard", "--time-budget", "--out"];

function readFlags(argv: readonly string[]): FuzzFlags | "help" {
  const f: FuzzFlags = { targets: [], seed: 1, shard: { index: 0, count: 1 }, checkDeterminism: false, merge: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (!arg.startsWith("--")) {
      f.targets.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name === "--check-determinism") f.checkDeterminism = true;
    else if (name === "--merge") f.merge = true;
    else if (VALUED.includes(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
      if (name === "--runs") f.runs = wholeNumber(name, value, 1);
      else if (name === "--seed") f.seed = wholeNumber(name, value, 0);
      else if (name === "--out") f.out = value;
      else if (name === "--shard") {
        try {
          f.shard = parseShard(value);
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
      } else {
        try {
          f.timeBudgetMs = durationMs(value, "--time-budget");
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
      }
    } else throw new UsageError(`unknown option ${name}`);
  }
  if (f.targets.length === 0) throw new UsageError(f.merge ? "name the results files to merge" : "name at least one scenario file, folder or property module");
  return f;
}

function wholeNumber(name: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) throw new UsageError(`${name} wants a whole number >= ${min}, got ${JSON.stringify(value)}`);
  return Number(value);
}

export async function fuzzCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = commandFlags("fuzz", argv, readFlags, FUZZ_USAGE, io);
  if (typeof flags === "number") return flags;
  return flags.merge ? merge(flags, io) : fuzz(flags, io);
}

async function fuzz(flags: FuzzFlags, io: CliIO): Promise<number> {
  const t0 = realNow();
  const elapsed = () => realNow() - t0;
  let targets: FuzzTarget[];
  try {
    targets = await loadTargets(flags.targets);
  } catch (e) {
    io.stderr(`jobsim fuzz: ${(e as Error).message}\n`);
    return 2;
  }
  const out = flags.out ?? "reports";
  const bar = io.isTTY ? new ProgressBar(io.stdout, realNow) : undefined;
  const results = await runFuzz(targets, {
    ...(flags.runs !== undefined ? { runs: flags.runs } : {}),
    seed: flags.seed,
    shard: flags.shard,
    checkDeterminism: flags.checkDeterminism,
    reportsDir: out,
    ...(flags.timeBudgetMs !== undefined ? { timeBudgetMs: flags.timeBudgetMs, elapsedMs: elapsed } : {}),
    onProgress: (target, p) => bar?.update({ label: `${p.label ?? p.property} (${shown(target)})`, done: p.done, planned: p.planned, failures: p.failures, elapsedMs: elapsed() }),
    onOutcome: (o) => {
      bar?.clear();
      io.stdout(outcomeText(o, o.seed ?? flags.seed));
    },
  });
  bar?.clear();
  const file = join(out, flags.shard.count > 1 ? `fuzz-results-shard-${flags.shard.index}-of-${flags.shard.count}.json` : "fuzz-results.json");
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  } catch (e) {
    io.stderr(`jobsim fuzz: cannot write ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  io.stdout(summary(results, elapsed(), flags.shard));
  io.stdout(`results: ${shown(file)}\n`);
  return results.properties.every(outcomePassed) ? 0 : 1;
}

async function merge(flags: FuzzFlags, io: CliIO): Promise<number> {
  let merged: FuzzResults;
  let missing: string[];
  try {
    ({ merged, missing } = mergeResults(flags.targets.map((file) => ({ file, results: readResults(file) }))));
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    io.stderr(`jobsim fuzz --merge: ${e.message}\n`);
    return 2;
  }
  for (const o of merged.properties) io.stdout(outcomeText({ ...o, passed: outcomePassed(o) }, o.seed ?? merged.campaign.seed));
  io.stdout(summary(merged, undefined, undefined));
  if (missing.length > 0) io.stdout(`incomplete: shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} missing; their runs were not merged\n`);
  if (flags.out !== undefined) {
    const file = join(flags.out, "fuzz-results-merged.json");
    mkdirSync(flags.out, { recursive: true });
    writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
    io.stdout(`results: ${shown(file)}\n`);
  }
  return merged.properties.every(outcomePassed) && missing.length === 0 ? 0 : 1;
}

/** Scenario files (or folders of them) with a properties: list, and property modules. */
async function loadTargets(paths: readonly string[]): Promise<FuzzTarget[]> {
  const targets: FuzzTarget[] = [];
  for (const p of paths) {
    if (/\.(m|c)?[jt]s$/.test(p)) {
      targets.push(await moduleTarget(p));
      continue;
    }
    const isDir = (() => {
      try {
        return statSync(p).isDirectory();
      } catch {
        throw new Error(`${p}: no such file or folder`);
      }
    })();
    for (const file of scenarioFiles([p])) {
      const t = await scenarioTarget(file);
      if (t.entries.length > 0) targets.push(t);
      else if (!isDir) throw new Error(`${file}: has no properties: to fuzz (see docs/properties.md)`);
    }
  }
  if (targets.length === 0) throw new Error(`no properties to fuzz in ${paths.join(", ")}`);
  return targets;
}

async function scenarioTarget(file: string): Promise<FuzzTarget> {
  try {
    const loaded = await loadScenario(file);
    const entries = parseScenarioProperties(loaded.spec.properties, scenarioPropertyContext(loaded));
    return { name: file, entries: entries.map((e, index): FuzzEntry => ({ ...e, index })) };
  } catch (e) {
    // Bad input (the scenario, its config, a property entry) is positioned as `jobsim run` shows it.
    if (e instanceof InputError) throw new Error(e.message);
    throw e;
  }
}

async function moduleTarget(file: string): Promise<FuzzTarget> {
  const abs = resolve(file);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${file}: cannot load it: ${(e as Error).message.split("\n")[0]}`);
  }
  let list = exports.properties ?? exports.default;
  if (typeof list === "function") list = await (list as () => unknown)();
  if (list === undefined) list = jobModuleProperties(exports, abs);
  if (!Array.isArray(list) || list.length === 0 || !list.every(isDefinition)) {
    throw new Error(`${file}: export \`properties\`, an array of property definitions (idempotence({...}), noJobLost(), ...), or job classes that declare retryOn / discardOn`);
  }
  const entries = (list as PropertyDefinition<unknown>[]).map((def, index): FuzzEntry => ({ index, def: withModule(def, abs), expect: "pass" }));
  return { name: file, entries };
}

/** A plain job module: retry ordering for every exported job class with error handlers (their
 * perform is replaced by the failure script, so no arguments are needed). */
function jobModuleProperties(exports: Record<string, unknown>, module: string): PropertyDefinition<unknown>[] {
  const classes = Object.values(exports).filter((v): v is AnyJobClass => typeof v === "function" && (v as { prototype?: unknown }).prototype instanceof Job);
  return classes.filter((c) => declaredErrors(c).length > 0).map((job) => retryOrdering({ job, module }) as PropertyDefinition<unknown>);
}

function isDefinition(v: unknown): v is PropertyDefinition<unknown> {
  return typeof v === "object" && v !== null && typeof (v as PropertyDefinition).run === "function" && typeof (v as PropertyDefinition).name === "string";
}

/** Counterexamples of a module's properties import that module when no other was named. */
function withModule(def: PropertyDefinition<unknown>, module: string): PropertyDefinition<unknown> {
  return {
    ...def,
    world(c) {
      const w = def.world(c);
      if (w.modules.length > 0) return w;
      const missing = w.missing?.filter((m) => !m.startsWith("the job module"));
      const { missing: _m, ...rest } = w;
      return { ...rest, modules: [module], ...(missing !== undefined && missing.length > 0 ? { missing } : {}) };
    },
  };
}

function outcomeText(o: PropertyOutcome & { passed: boolean }, seed: number): string {
  const head = `${o.passed ? "✓" : "✗"} ${o.label ?? o.property} (${shown(o.target)})`;
  const f: RunFailure | undefined = o.failures[0];
  const runs = `${o.done} run${o.done === 1 ? "" : "s"}${o.interrupted ? ` of ${o.planned} (time budget)` : ""}`;
  if (f === undefined) return `${head}: ${runs} passed${o.expect === "counterexample" ? "; a counterexample was expected" : ""}\n`;
  const lead = o.expect === "counterexample" ? `${runs}, found the expected counterexample` : `${runs}, failed`;
  const groups = failureGroups(o.failures);
  const kinds = groups.length > 1 ? ` (${o.failures.length} failing runs, ${groups.length} distinct failures)` : "";
  const blocks = groups.slice(0, SHOWN_FAILURES).map((g) => {
    const same = g.length > 1 ? `\n  (the same failure on ${g.length} runs: ${runList(g)})` : "";
    return `    ${(describeFailure(g[0]!, seed) + same).replaceAll("\n", "\n    ")}`;
  });
  const rest = groups.slice(SHOWN_FAILURES);
  if (rest.length > 0) blocks.push(`    ... ${rest.length} more distinct failure${rest.length === 1 ? "" : "s"} (runs ${runList(rest.flat())}; all in the results file)`);
  return `${head}: ${lead}${kinds}\n${blocks.join("\n")}\n`;
}

/** Distinct failures shown in full; the rest are summed up (the results file has them all). */
const SHOWN_FAILURES = 3;

// Identical failing runs (the same shrunk case failing with the same message: with fixed
// arguments every run is the same case) are shown once, with a count.
function failureGroups(failures: readonly RunFailure[]): RunFailure[][] {
  const groups = new Map<string, RunFailure[]>();
  for (const f of failures) {
    const key = `${f.message}\u0000${JSON.stringify(f.counterexample)}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [f]);
    else g.push(f);
  }
  return [...groups.values()];
}

function runList(group: readonly RunFailure[]): string {
  const shown = group.slice(0, 10).map((f) => f.run).join(", ");
  return group.length > 10 ? `${shown}, ... ${group.length - 10} more` : shown;
}

function summary(r: FuzzResults, ms: number | undefined, shard: Shard | undefined): string {
  const runs = r.properties.reduce((n, o) => n + o.done, 0);
  const failing = r.properties.filter((o) => !outcomePassed(o)).length;
  const where = shard !== undefined && shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : "";
  const time = ms === undefined ? "" : ` in ${(ms / 1000).toFixed(1)} s`;
  return `\n${r.properties.length} propert${r.properties.length === 1 ? "y" : "ies"}, ${runs} run${runs === 1 ? "" : "s"}${where}${time}: ${failing === 0 ? "all held" : `${failing} failing`}\n`;
}

