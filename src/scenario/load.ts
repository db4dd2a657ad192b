// Loading a scenario file: read, parse and validate it, import its job modules, and check every
// job class it names. Any problem is a ScenarioError naming file:line:col.
import { statSync } from "node:fs";
import { suggest } from "../config/index.js";
import { InputError } from "../config/issues.js";
import { readYamlFile } from "../config/yaml-file.js";
import { YamlInputError } from "../config/yaml-input-error.js";
import { MailDeliveryJob } from "../job/mailer.js";
import { Issues, ScenarioError } from "./errors.js";
import { standInModels } from "./model-jobs.js";
import { loadModules, type LoadedModules } from "./modules.js";
import { parseScenario } from "./parse.js";
import { recordRefs } from "./records.js";
import { parseScenarioProperties } from "../property/scenario.js";
import { scenarioPropertyContext } from "./property-context.js";
import type { At, ScenarioSpec, StepAction } from "./spec.js";
import type { SourceText } from "./yaml-source.js";

export interface LoadedScenario {
  spec: ScenarioSpec;
  source: SourceText;
  modules: LoadedModules;
  /** Job class names the simulation will know. */
  jobNames: string[];
}

export function readScenarioText(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw ScenarioError.at(undefined, `${file}: is a folder, not a scenario file`);
    return readYamlFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    if (e instanceof YamlInputError) throw ScenarioError.at({ file, ...e.lineCol() }, e.detail);
    const code = (e as NodeJS.ErrnoException).code;
    throw ScenarioError.at(undefined, code === "ENOENT" ? `${file}: no such scenario file` : `${file}: cannot read it (${code ?? (e as Error).message})`);
  }
}

/** What the command line replaces in every scenario it loads. */
export interface ScenarioOverrides {
  /** --cpus: the config files' virtual CPU count, instead of config.cpu_count. */
  cpuCount?: number;
}

export async function loadScenario(file: string, text = readScenarioText(file), overrides: ScenarioOverrides = {}): Promise<LoadedScenario> {
  const { spec, source } = parseScenario(file, text);
  if (overrides.cpuCount !== undefined) spec.cpuCount = overrides.cpuCount;
  const modules = await loadModules(spec.jobModules);
  if (modules.modelled) modules.models.push(...standInModels(spec.steps.flatMap((s) => recordRefs(stepArgs(s.action)).models), modules.models));
  const jobNames = [...new Set([MailDeliveryJob.jobClassName, ...modules.jobs.map((j) => j.jobClassName)])].sort();
  checkJobNames(spec, jobNames);
  checkRecordRefs(spec, modules.models.map((m) => m.modelName));
  const loaded = { spec, source, modules, jobNames };
  checkProperties(loaded);
  return loaded;
}

/** `properties:` entries are parsed now, so a bad one is bad input with its position. */
function checkProperties(loaded: LoadedScenario): void {
  const { spec } = loaded;
  if (spec.properties.length === 0) return;
  try {
    parseScenarioProperties(spec.properties, scenarioPropertyContext(loaded));
  } catch (e) {
    // A bad entry (PropertySpecError) or a bad queue config, positioned where it is written.
    if (!(e instanceof InputError) || e instanceof ScenarioError) throw e;
    throw new ScenarioError(e.issues);
  }
}

/** Every job class a step or expectation names, with its position. */
export function jobReferences(spec: ScenarioSpec): At<string>[] {
  const refs: At<string>[] = [];
  for (const s of spec.steps) {
    const a = s.action;
    if (a.kind === "replay") refs.push(...a.arrivals.map((x) => x.enqueue.job));
    if (a.kind === "enqueue") refs.push(a.enqueue.job);
    else if (a.kind === "arrivals") refs.push(a.arrivals.job);
    else if (a.kind === "crash_at_await") refs.push(a.job);
  }
  for (const e of spec.expectations) {
    const c = e.check;
    if (c.kind === "job" && c.className !== undefined) refs.push(c.className);
    else if (c.kind === "order") refs.push(...c.classes);
    else if ((c.kind === "latency" || c.kind === "trace" || c.kind === "logs") && c.job !== undefined) refs.push(c.job);
  }
  return refs;
}

function checkJobNames(spec: ScenarioSpec, known: string[]): void {
  const issues = new Issues();
  for (const ref of jobReferences(spec)) {
    if (known.includes(ref.value)) continue;
    const near = suggest(ref.value, known);
    const hint = near !== undefined ? `; did you mean "${near}"?` : "";
    const from = spec.jobModules.length === 0 ? ' (the scenario names no job modules: add jobs: ./jobs/index.ts)' : "";
    issues.add(ref.pos, `unknown job class "${ref.value}"${hint} Known job classes: ${known.join(", ")}${from}`);
  }
  issues.throwIfAny();
}

/** `{ $record: Model, id: N }` arguments must name a model the job modules export. */
function checkRecordRefs(spec: ScenarioSpec, known: string[]): void {
  const issues = new Issues();
  for (const s of spec.steps) {
    const args = stepArgs(s.action);
    if (args === undefined) continue;
    const refs = recordRefs(args);
    if (refs.malformed > 0) issues.add(s.pos, `${s.label}.${s.key}.args: a record argument is written { $record: Order, id: 1 } (exactly those two keys)`);
    for (const m of refs.models) {
      if (known.includes(m)) continue;
      const near = suggest(m, known);
      issues.add(s.pos, `${s.label}.${s.key}.args: unknown model "${m}"${near !== undefined ? `; did you mean "${near}"?` : ""} (models the job modules export: ${known.join(", ") || "none"})`);
    }
  }
  issues.throwIfAny();
}

/** The arguments a step passes to the jobs it enqueues (all of a replay's). */
function stepArgs(a: StepAction): unknown[] | undefined {
  if (a.kind === "enqueue") return a.enqueue.args;
  if (a.kind === "arrivals") return a.arrivals.args;
  if (a.kind === "replay") return a.arrivals.map((x) => x.enqueue.args);
  return undefined;
}
