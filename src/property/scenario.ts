import type { QueueConfig } from "../config/index.js";
import type { AnyJobClass } from "../job/registry.js";
import type { SimulationOptions } from "../sim/simulation.js";
import { judge, runCampaign, describeFailure, type CampaignProgress, type CampaignResult } from "./campaign.js";
import type { Shard } from "./seeds.js";
import { titleOf } from "./property.js";
import { parseEntry, type ParsedEntry } from "./spec.js";
import type { ServiceScripts } from "./world-case.js";

// Contract between the scenario runner and the properties (issue 8).
//
//   const results = await runScenarioProperties(spec.properties, {
//     file: spec.file, jobs: modules.jobs, modules: spec.jobModules.map((m) => m.value),
//     options, setupSql, rows, services, seed, reportsDir,
//   });
//
// - `specs` is the scenario's raw `properties:` list (plain YAML values, in file order).
// - `context` is the scenario's world: its job classes and module paths, the simulation options
//   it built for its own run (`queueConfig` as a loaded QueueConfig; seed and interleaving are
//   ignored, properties choose their own), and its setup SQL, fixture rows and scripted services
//   as plain data (each property run builds fresh simulations from them).
// - Every entry is parsed first: a bad entry throws PropertySpecError (a message naming
//   `properties[i].<name>.<key>`, with a suggestion); the runner reports it as bad input (exit 2).
// - Each entry then runs as one campaign (or, with `replay:`, exactly one case) and yields one
//   ScenarioPropertyResult, in order: a JUnit testcase named `property <name> <subject>`. `passed: false`
//   is a failed expectation (exit 1); `message` says what broke and how to replay it, and
//   `counterexample` is the scenario file written under `reportsDir` (default "reports").
// - An entry with `expect: counterexample` passes when a counterexample is found (the example
//   jobs that are broken on purpose) and fails when none is.
// - With `replayOnly: true` only the entries with `replay:` run (one case each, milliseconds):
//   what `jobsim run` needs so a counterexample file fails on replay, while campaigns stay with
//   `jobsim fuzz`. The other entries are still parsed (bad input is still reported).
// - Nothing here reads the real clock; `elapsedMs` (for `timeBudgetMs`) comes from the caller.

export interface ScenarioPropertyContext {
  /** The scenario file, for messages and the counterexample's header. */
  file: string;
  /** Every job class the scenario's modules export. */
  jobs: readonly AnyJobClass[];
  /** The job modules' paths (absolute, or relative to the cwd), written into counterexample files. */
  modules: readonly string[];
  /** The scenario's simulation options (start, timeZone, settings, errors, models, queueConfig). */
  options?: SimulationOptions;
  setupSql?: string;
  rows?: Record<string, Record<string, unknown>[]>;
  services?: ServiceScripts;
  /** Campaign seed when an entry gives none (the scenario's seed, or `--seed`). Default 1. */
  seed?: number;
  /** Runs for every entry, over the entry's own `runs:` (`jobsim fuzz --runs N`). */
  runs?: number;
  shard?: Shard;
  checkDeterminism?: boolean;
  timeBudgetMs?: number;
  elapsedMs?: () => number;
  /** Folder for counterexample files; null writes none. Default "reports". */
  reportsDir?: string | null;
  onProgress?: (p: CampaignProgress) => void;
  /** Run only the entries with `replay:` (`jobsim run`); campaigns are left to `jobsim fuzz`. */
  replayOnly?: boolean;
}

export interface ScenarioPropertyResult {
  /** The testcase name: "property <name> <subject>" ("property idempotence ChargeOrderJob"), with the entry's index when it repeats. */
  name: string;
  property: string;
  passed: boolean;
  message: string;
  runs: number;
  /** The counterexample scenario written, if any. */
  counterexample?: string;
  campaign?: CampaignResult;
}

export function parseScenarioProperties(specs: readonly unknown[], context: ScenarioPropertyContext): ParsedEntry[] {
  const o = context.options ?? {};
  const simulation: NonNullable<SimulationOptions> = {};
  for (const k of ["start", "timeZone", "settings", "errors", "models", "supervisors", "serializers"] as const) if (o[k] !== undefined) (simulation as Record<string, unknown>)[k] = o[k];
  const queueConfig = o.queueConfig !== undefined && "workers" in o.queueConfig && "dispatchers" in o.queueConfig ? (o.queueConfig as QueueConfig) : undefined;
  const world = {
    jobs: context.jobs,
    module: [...context.modules],
    simulation,
    ...(queueConfig !== undefined ? { queueConfig } : {}),
    ...(context.setupSql !== undefined || context.rows !== undefined
      ? { setup: { ...(context.setupSql !== undefined ? { sql: context.setupSql } : {}), ...(context.rows !== undefined ? { rows: context.rows } : {}) } }
      : {}),
    ...(context.services !== undefined ? { services: context.services } : {}),
  };
  return specs.map((s, i) => parseEntry(s, i, world));
}

export async function runScenarioProperties(specs: readonly unknown[], context: ScenarioPropertyContext): Promise<ScenarioPropertyResult[]> {
  const entries = parseScenarioProperties(specs, context);
  const names = entries.map((e) => `property ${titleOf(e.def)}`);
  const results: ScenarioPropertyResult[] = [];
  for (const [i, e] of entries.entries()) {
    if (context.replayOnly === true && e.replay === undefined) continue;
    const name = names.filter((n) => n === names[i]).length > 1 ? `${names[i]} [${i}]` : names[i]!;
    results.push(await runEntry(e, name, context));
  }
  return results;
}

async function runEntry(e: ParsedEntry, name: string, ctx: ScenarioPropertyContext): Promise<ScenarioPropertyResult> {
  const checkDeterminism = e.checkDeterminism ?? ctx.checkDeterminism ?? false;
  if (e.replay !== undefined) {
    const v = await judge(e.def, e.replay, checkDeterminism).catch((err: unknown) => ({ ok: false, message: `the run raised ${(err as Error).name}: ${(err as Error).message}`, traces: [] }));
    const found = !v.ok;
    const passed = e.expect === "counterexample" ? found : !found;
    const message = found ? `replayed case fails:\n${v.message ?? ""}` : "replayed case passes";
    return { name, property: e.name, passed, message, runs: 1 };
  }
  const campaign = await runCampaign(e.def, {
    runs: ctx.runs ?? e.runs ?? e.def.defaultRuns,
    seed: e.seed ?? ctx.seed ?? 1,
    checkDeterminism,
    reportsDir: ctx.reportsDir === undefined ? "reports" : ctx.reportsDir,
    source: ctx.file,
    ...(ctx.shard !== undefined ? { shard: ctx.shard } : {}),
    ...(ctx.timeBudgetMs !== undefined ? { timeBudgetMs: ctx.timeBudgetMs } : {}),
    ...(ctx.elapsedMs !== undefined ? { elapsedMs: ctx.elapsedMs } : {}),
    ...(ctx.onProgress !== undefined ? { onProgress: ctx.onProgress } : {}),
  });
  const f = campaign.failures[0];
  const found = f !== undefined;
  const passed = e.expect === "counterexample" ? found : !found;
  let message: string;
  if (found) message = (e.expect === "counterexample" ? "found the expected counterexample:\n" : "") + describeFailure(f, campaign.seed);
  else message = `${campaign.done} runs passed${campaign.interrupted ? ` (time budget reached; ${campaign.planned} planned)` : ""}${e.expect === "counterexample" ? "; a counterexample was expected" : ""}`;
  const r: ScenarioPropertyResult = { name, property: e.name, passed, message, runs: campaign.done, campaign };
  if (f?.file !== undefined) r.counterexample = f.file;
  return r;
}
