import fc from "fast-check";
import { suggest } from "../config/index.js";
import type { SNode } from "../config/input-node.js";
import type { AnyJobClass } from "../job/registry.js";
import type { WorkloadJob } from "./arbitraries/workload.js";
import type { PropertyDefinition } from "./property.js";
import { concurrencyLimits } from "./properties/concurrency-limits.js";
import { determinism } from "./properties/determinism.js";
import { idempotence } from "./properties/idempotence.js";
import { noJobLost } from "./properties/no-job-lost.js";
import { queuePriorities } from "./properties/queue-priorities.js";
import { retryOrdering } from "./properties/retry-ordering.js";
import { serializable } from "./properties/serializable.js";
import type { WorldPropertyOptions } from "./properties/world-options.js";
import { entryNode, newIssues, PropertySpecError, SpecReader, type SpecWorld } from "./spec-reader.js";
import type { BuggifySite } from "./world-case.js";
import { BUGGIFY_SITES } from "./world-case.js";
import type { WorldOptions } from "./world-options.js";

export { configCase, PropertySpecError, type SpecWorld } from "./spec-reader.js";

// One entry of a scenario's `properties:` list, read into a property definition. An entry is a
// property name alone (`- no_job_lost`) or a mapping with one key, the name, whose value holds
// the options (snake_case). Problems are PropertySpecErrors naming the entry and key, and the
// place in the scenario file when the entry was read from one (spec-reader.ts).

export const PROPERTY_NAMES = ["idempotence", "retry_ordering", "queue_priorities", "no_job_lost", "concurrency_limits", "determinism", "serializable"] as const;
export type PropertyName = (typeof PROPERTY_NAMES)[number];

export interface ParsedEntry {
  name: PropertyName;
  /** "properties[2].idempotence" */
  where: string;
  def: PropertyDefinition<unknown>;
  runs?: number;
  seed?: number;
  checkDeterminism?: boolean;
  /** Run exactly this case once (a counterexample file's entry). */
  replay?: unknown;
  /** "counterexample": the entry passes when the property finds one (a deliberately broken job). */
  expect: "pass" | "counterexample";
}

const COMMON = ["runs", "seed", "check_determinism", "replay", "expect"];
const WORLD = ["workload", "queues", "priorities", "max_jobs", "min_jobs", "window", "max_wait", "crashes", "pauses", "buggify", "swarm", "horizon", "config", "tables", "ignore_columns", "jobs"];
const KEYS: Record<PropertyName, string[]> = {
  idempotence: ["job", "args", "args_one_of", "allow_duplicates", "twice", "crash_at", "how", "horizon", "tables", "ignore_columns", "jobs"],
  retry_ordering: ["job", "args", "args_one_of", "errors", "max_script", "run_perform", "config", "jobs"],
  queue_priorities: WORLD,
  no_job_lost: WORLD,
  concurrency_limits: WORLD,
  determinism: WORLD,
  serializable: ["work", "min_threads", "max_threads", "window", "max_orders", "tables", "ignore_columns", "jobs"],
};

/** One entry: plain values (code) or a positioned node (a scenario file's `properties:` item). */
export function parseEntry(entry: unknown, index: number, world: SpecWorld): ParsedEntry {
  const at = `properties[${index}]`;
  const issues = newIssues();
  const node = entryNode(entry);
  let name: string;
  let options: SNode | undefined;
  if (node.kind === "scalar" && typeof node.value === "string") name = node.value;
  else if (node.kind === "map" && node.entries.length === 1) {
    name = node.entries[0]!.key;
    options = node.entries[0]!.value;
    if (options.kind === "scalar" && options.value === null) options = undefined;
  } else {
    issues.add(node.pos, `${at} must be a property name or a mapping with one key, the name (${PROPERTY_NAMES.join(", ")})`);
    throw new PropertySpecError(at);
  }
  if (!(PROPERTY_NAMES as readonly string[]).includes(name)) {
    const near = suggest(name, PROPERTY_NAMES);
    issues.add(node.kind === "map" ? node.entries[0]!.keyPos : node.pos, `${at}: unknown property "${name}"${near !== undefined ? `; did you mean "${near}"?` : `; known: ${PROPERTY_NAMES.join(", ")}`}`);
  }
  const prop = name as PropertyName;
  const where = `${at}.${prop}`;
  const r = SpecReader.read(options ?? { kind: "map", pos: node.pos, start: 0, end: 0, entries: [], flow: true }, where, [...COMMON, ...KEYS[prop]], world, issues, "a mapping of options");
  const parsed: ParsedEntry = { name: prop, where, def: build(prop, r, world), expect: r.oneOf("expect", ["pass", "counterexample"]) ?? "pass" };
  const runs = r.int("runs", { min: 1 });
  if (runs !== undefined) parsed.runs = runs;
  const seed = r.int("seed", { min: 0 });
  if (seed !== undefined) parsed.seed = seed;
  const det = r.bool("check_determinism");
  if (det !== undefined) parsed.checkDeterminism = det;
  const replay = r.node("replay");
  if (replay !== undefined) {
    if (replay.kind !== "map") r.fail("replay", `${where}.replay must be a mapping (the case a counterexample file replays)`);
    parsed.replay = r.value("replay");
  }
  return parsed;
}

function build(prop: PropertyName, r: SpecReader, world: SpecWorld): PropertyDefinition<unknown> {
  const common: WorldOptions = { ...worldOf(world), jobs: r.classes("jobs") ?? [] };
  const tables = r.strings("tables");
  const ignore = r.strings("ignore_columns");
  if (tables !== undefined || ignore !== undefined) common.tables = { ...(tables !== undefined ? { tables } : {}), ...(ignore !== undefined ? { ignoreColumns: ignore } : {}) };
  const any = <C>(d: PropertyDefinition<C>) => d as PropertyDefinition<unknown>;
  switch (prop) {
    case "idempotence": {
      const o: Parameters<typeof idempotence>[0] = { ...common, job: r.requireClass("job") };
      const args = r.args();
      if (args !== undefined) o.args = args;
      const allow = r.strings("allow_duplicates");
      if (allow !== undefined) o.allowDuplicates = allow;
      const twice = r.bool("twice");
      if (twice !== undefined) o.twice = twice;
      const crashAt = r.ints("crash_at");
      if (crashAt !== undefined) o.crashAt = crashAt;
      const how = r.oneOf("how", ["kill", "crash"]);
      if (how !== undefined) o.how = how;
      const horizon = r.durationMs("horizon");
      if (horizon !== undefined) o.horizon = horizon / 1000;
      return any(idempotence(o));
    }
    case "retry_ordering": {
      const o: Parameters<typeof retryOrdering>[0] = { ...common, job: r.requireClass("job") };
      const args = r.args();
      if (args !== undefined) o.args = args;
      const errors = r.strings("errors");
      if (errors !== undefined) o.errors = errors.map((e) => world.simulation?.errors?.[e] ?? e);
      const max = r.int("max_script", { min: 0 });
      if (max !== undefined) o.maxScript = max;
      if (r.bool("run_perform") === true) o.runPerform = true;
      const config = r.config();
      if (config !== undefined) o.config = config;
      return any(retryOrdering(o));
    }
    case "serializable": {
      const work = r.items("work")?.map((w, i) => {
        const sub = SpecReader.read(w, `${r.where}.work[${i}]`, ["job", "args"], world, r.issues, "a mapping with job: and args:");
        const item: { job: AnyJobClass; args?: unknown[] } = { job: sub.requireClass("job") };
        const args = sub.values("args");
        if (args !== undefined) item.args = args;
        return item;
      });
      if (work === undefined || work.length < 2) r.fail("work", `${r.where}.work must list at least two jobs (each { job: Name, args: [...] })`);
      const o: Parameters<typeof serializable>[0] = { ...common, work };
      const lo = r.int("min_threads", { min: 1 });
      if (lo !== undefined) o.minThreads = lo;
      const hi = r.int("max_threads", { min: 1 });
      if (hi !== undefined) o.maxThreads = hi;
      const window = r.durationMs("window");
      if (window !== undefined) o.window = window;
      const orders = r.int("max_orders", { min: 1 });
      if (orders !== undefined) o.maxOrders = orders;
      return any(serializable(o));
    }
    default: {
      const o: WorldPropertyOptions = { ...common, ...worldArbitrary(r, world) };
      const builder = { queue_priorities: queuePriorities, no_job_lost: noJobLost, concurrency_limits: concurrencyLimits, determinism }[prop];
      return any(builder(o));
    }
  }
}

function worldOf(world: SpecWorld): WorldOptions {
  const { jobs: _jobs, queueConfig: _q, ...rest } = world;
  return rest;
}

function worldArbitrary(r: SpecReader, world: SpecWorld): Partial<WorldPropertyOptions> {
  const o: Partial<WorldPropertyOptions> = {};
  const workload = r.items("workload");
  if (workload !== undefined) {
    o.workload = workload.map((w, i): WorkloadJob => {
      if (w.kind === "scalar" && typeof w.value === "string") return { job: r.classNamed(w.value, `workload[${i}]`) };
      const sub = SpecReader.read(w, `${r.where}.workload[${i}]`, ["job", "args", "args_one_of", "weight"], world, r.issues, "a job name or { job:, args:, weight: }");
      const item: WorkloadJob = { job: sub.requireClass("job") };
      const args = sub.args();
      if (args !== undefined) item.args = args instanceof fc.Arbitrary ? args : fc.constant([...args]);
      const weight = sub.int("weight", { min: 1 });
      if (weight !== undefined) item.weight = weight;
      return item;
    });
  }
  const queues = r.strings("queues");
  if (queues !== undefined) o.queues = queues;
  const pr = r.ints("priorities");
  if (pr !== undefined) {
    if (pr.length !== 2 || pr[0]! > pr[1]!) r.fail("priorities", `${r.where}.priorities must be [lowest, highest], e.g. [-2, 5]`);
    o.priorities = [pr[0]!, pr[1]!];
  }
  const maxJobs = r.int("max_jobs", { min: 1 });
  if (maxJobs !== undefined) o.maxJobs = maxJobs;
  const minJobs = r.int("min_jobs", { min: 0 });
  if (minJobs !== undefined) o.minJobs = minJobs;
  const window = r.durationMs("window");
  if (window !== undefined) o.window = window;
  const maxWait = r.durationMs("max_wait");
  if (maxWait !== undefined) o.maxWait = Math.round(maxWait / 1000);
  for (const k of ["crashes", "pauses", "swarm"] as const) {
    const v = r.bool(k);
    if (v !== undefined) o[k] = v;
  }
  const horizon = r.durationMs("horizon");
  if (horizon !== undefined) o.horizon = horizon;
  if (r.has("buggify")) {
    const b = r.value("buggify");
    if (typeof b === "boolean") o.buggify = b;
    else {
      const sites = r.strings("buggify")!;
      for (const s of sites) if (!(BUGGIFY_SITES as readonly string[]).includes(s)) r.fail("buggify", `${r.where}.buggify: unknown site "${s}"; sites: ${BUGGIFY_SITES.join(", ")}`);
      o.buggify = sites as BuggifySite[];
    }
  }
  const config = r.config();
  if (config !== undefined) o.config = config;
  return o;
}
