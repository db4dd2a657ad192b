import fc from "fast-check";
import { suggest } from "../config/index.js";
import type { QueueConfig } from "../config/index.js";
import { parseDuration } from "../job/duration.js";
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
import type { BuggifySite, QueueConfigCase } from "./world-case.js";
import { BUGGIFY_SITES } from "./world-case.js";
import type { WorldOptions } from "./world-options.js";

// One entry of a scenario's `properties:` list, read into a property definition. An entry is a
// property name alone (`- no_job_lost`) or a mapping with one key, the name, whose value holds
// the options (snake_case). Problems are PropertySpecErrors naming the entry and key.

export const PROPERTY_NAMES = ["idempotence", "retry_ordering", "queue_priorities", "no_job_lost", "concurrency_limits", "determinism", "serializable"] as const;
export type PropertyName = (typeof PROPERTY_NAMES)[number];

export class PropertySpecError extends Error {
  override name = "PropertySpecError";
}

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

/** What the entries may refer to: the scenario's job classes and its world. */
export interface SpecWorld extends WorldOptions {
  jobs: readonly AnyJobClass[];
  /** The scenario's own queue config, for `config: scenario`. */
  queueConfig?: QueueConfig;
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

export function parseEntry(entry: unknown, index: number, world: SpecWorld): ParsedEntry {
  const at = `properties[${index}]`;
  let name: string;
  let raw: Record<string, unknown>;
  if (typeof entry === "string") {
    name = entry;
    raw = {};
  } else if (isMap(entry) && Object.keys(entry).length === 1) {
    name = Object.keys(entry)[0]!;
    const v = entry[name];
    if (v !== null && v !== undefined && !isMap(v)) throw new PropertySpecError(`${at}.${name} must be a mapping of options, got ${describe(v)}`);
    raw = (v ?? {}) as Record<string, unknown>;
  } else {
    throw new PropertySpecError(`${at} must be a property name or a mapping with one key, the name (${PROPERTY_NAMES.join(", ")})`);
  }
  if (!(PROPERTY_NAMES as readonly string[]).includes(name)) {
    const near = suggest(name, PROPERTY_NAMES);
    throw new PropertySpecError(`${at}: unknown property "${name}"${near !== undefined ? `; did you mean "${near}"?` : `; known: ${PROPERTY_NAMES.join(", ")}`}`);
  }
  const prop = name as PropertyName;
  const where = `${at}.${prop}`;
  const r = new Reader(raw, where, [...COMMON, ...KEYS[prop]], world);
  const parsed: ParsedEntry = { name: prop, where, def: build(prop, r, world), expect: r.oneOf("expect", ["pass", "counterexample"]) ?? "pass" };
  const runs = r.int("runs", 1);
  if (runs !== undefined) parsed.runs = runs;
  const seed = r.int("seed", 0);
  if (seed !== undefined) parsed.seed = seed;
  const det = r.bool("check_determinism");
  if (det !== undefined) parsed.checkDeterminism = det;
  if (raw.replay !== undefined) {
    if (!isMap(raw.replay)) throw new PropertySpecError(`${where}.replay must be a mapping (the case a counterexample file replays)`);
    parsed.replay = raw.replay;
  }
  return parsed;
}

function build(prop: PropertyName, r: Reader, world: SpecWorld): PropertyDefinition<unknown> {
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
      const horizon = r.duration("horizon");
      if (horizon !== undefined) o.horizon = horizon / 1000;
      return any(idempotence(o));
    }
    case "retry_ordering": {
      const o: Parameters<typeof retryOrdering>[0] = { ...common, job: r.requireClass("job") };
      const args = r.args();
      if (args !== undefined) o.args = args;
      const errors = r.strings("errors");
      if (errors !== undefined) o.errors = errors.map((e) => world.simulation?.errors?.[e] ?? e);
      const max = r.int("max_script", 0);
      if (max !== undefined) o.maxScript = max;
      if (r.bool("run_perform") === true) o.runPerform = true;
      const config = r.config(world);
      if (config !== undefined) o.config = config;
      return any(retryOrdering(o));
    }
    case "serializable": {
      const work = r.list("work")?.map((w, i) => {
        if (!isMap(w)) throw new PropertySpecError(`${r.where}.work[${i}] must be a mapping with job: and args:`);
        const sub = new Reader(w, `${r.where}.work[${i}]`, ["job", "args"], world);
        const item: { job: AnyJobClass; args?: unknown[] } = { job: sub.requireClass("job") };
        const args = sub.list("args");
        if (args !== undefined) item.args = args;
        return item;
      });
      if (work === undefined || work.length < 2) throw new PropertySpecError(`${r.where}.work must list at least two jobs (each { job: Name, args: [...] })`);
      const o: Parameters<typeof serializable>[0] = { ...common, work };
      const lo = r.int("min_threads", 1);
      if (lo !== undefined) o.minThreads = lo;
      const hi = r.int("max_threads", 1);
      if (hi !== undefined) o.maxThreads = hi;
      const window = r.duration("window");
      if (window !== undefined) o.window = window;
      const orders = r.int("max_orders", 1);
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

function worldArbitrary(r: Reader, world: SpecWorld): Partial<WorldPropertyOptions> {
  const o: Partial<WorldPropertyOptions> = {};
  const workload = r.list("workload");
  if (workload !== undefined) {
    o.workload = workload.map((w, i): WorkloadJob => {
      if (typeof w === "string") return { job: r.classNamed(w, `workload[${i}]`) };
      if (!isMap(w)) throw new PropertySpecError(`${r.where}.workload[${i}] must be a job name or { job:, args:, weight: }`);
      const sub = new Reader(w, `${r.where}.workload[${i}]`, ["job", "args", "args_one_of", "weight"], world);
      const item: WorkloadJob = { job: sub.requireClass("job") };
      const args = sub.args();
      if (args !== undefined) item.args = args instanceof fc.Arbitrary ? args : fc.constant([...args]);
      const weight = sub.int("weight", 1);
      if (weight !== undefined) item.weight = weight;
      return item;
    });
  }
  const queues = r.strings("queues");
  if (queues !== undefined) o.queues = queues;
  const pr = r.ints("priorities");
  if (pr !== undefined) {
    if (pr.length !== 2 || pr[0]! > pr[1]!) throw new PropertySpecError(`${r.where}.priorities must be [lowest, highest], e.g. [-2, 5]`);
    o.priorities = [pr[0]!, pr[1]!];
  }
  const maxJobs = r.int("max_jobs", 1);
  if (maxJobs !== undefined) o.maxJobs = maxJobs;
  const minJobs = r.int("min_jobs", 0);
  if (minJobs !== undefined) o.minJobs = minJobs;
  const window = r.duration("window");
  if (window !== undefined) o.window = window;
  const maxWait = r.duration("max_wait");
  if (maxWait !== undefined) o.maxWait = Math.round(maxWait / 1000);
  for (const k of ["crashes", "pauses", "swarm"] as const) {
    const v = r.bool(k);
    if (v !== undefined) o[k] = v;
  }
  const horizon = r.duration("horizon");
  if (horizon !== undefined) o.horizon = horizon;
  if (r.has("buggify")) {
    const b = r.value("buggify");
    if (typeof b === "boolean") o.buggify = b;
    else {
      const sites = r.strings("buggify")!;
      for (const s of sites) if (!(BUGGIFY_SITES as readonly string[]).includes(s)) throw new PropertySpecError(`${r.where}.buggify: unknown site "${s}"; sites: ${BUGGIFY_SITES.join(", ")}`);
      o.buggify = sites as BuggifySite[];
    }
  }
  const config = r.config(world);
  if (config !== undefined) o.config = config;
  return o;
}

/** Solid Queue's loaded config as a config case. */
export function configCase(q: QueueConfig): QueueConfigCase {
  return {
    workers: q.workers.map((w) => ({ queues: [...w.queues], threads: w.threads, processes: w.processes, pollingInterval: w.pollingInterval })),
    dispatchers: q.dispatchers.map((d) => ({ pollingInterval: d.pollingInterval, batchSize: d.batchSize })),
  };
}

class Reader {
  constructor(
    private readonly raw: Record<string, unknown>,
    readonly where: string,
    allowed: readonly string[],
    private readonly world: SpecWorld,
  ) {
    for (const k of Object.keys(raw)) {
      if (allowed.includes(k)) continue;
      const near = suggest(k, allowed);
      throw new PropertySpecError(`${where}: unknown option "${k}"${near !== undefined ? `; did you mean "${near}"?` : `; options: ${allowed.join(", ")}`}`);
    }
  }

  has(k: string): boolean {
    return this.raw[k] !== undefined && this.raw[k] !== null;
  }

  value(k: string): unknown {
    return this.raw[k];
  }

  private bad(k: string, want: string): never {
    throw new PropertySpecError(`${this.where}.${k} must be ${want}, got ${describe(this.raw[k])}`);
  }

  int(k: string, min: number): number | undefined {
    if (!this.has(k)) return undefined;
    const v = this.raw[k];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) this.bad(k, `an integer >= ${min}`);
    return v;
  }

  ints(k: string): number[] | undefined {
    const l = this.list(k);
    if (l === undefined) return undefined;
    if (!l.every((x) => typeof x === "number" && Number.isInteger(x))) this.bad(k, "a list of integers");
    return l as number[];
  }

  bool(k: string): boolean | undefined {
    if (!this.has(k)) return undefined;
    if (typeof this.raw[k] !== "boolean") this.bad(k, "true or false");
    return this.raw[k] as boolean;
  }

  oneOf<T extends string>(k: string, values: readonly T[]): T | undefined {
    if (!this.has(k)) return undefined;
    const v = this.raw[k];
    if (typeof v !== "string" || !(values as readonly string[]).includes(v)) this.bad(k, `one of ${values.join(", ")}`);
    return v as T;
  }

  list(k: string): unknown[] | undefined {
    if (!this.has(k)) return undefined;
    if (!Array.isArray(this.raw[k])) this.bad(k, "a list");
    return this.raw[k] as unknown[];
  }

  strings(k: string): string[] | undefined {
    if (!this.has(k)) return undefined;
    const v = this.raw[k];
    const l = typeof v === "string" ? [v] : v;
    if (!Array.isArray(l) || !l.every((x) => typeof x === "string")) this.bad(k, "a name or a list of names");
    return l as string[];
  }

  /** Milliseconds, from seconds or a duration string. */
  duration(k: string): number | undefined {
    if (!this.has(k)) return undefined;
    try {
      return Math.round(parseDuration(this.raw[k] as number | string, `${this.where}.${k}`) * 1000);
    } catch (e) {
      throw new PropertySpecError((e as Error).message);
    }
  }

  /** `args: [...]` (fixed) or `args_one_of: [[...], [...]]` (each run picks one). */
  args(): unknown[] | fc.Arbitrary<unknown[]> | undefined {
    if (this.has("args") && this.has("args_one_of")) throw new PropertySpecError(`${this.where}: give args or args_one_of, not both`);
    const fixed = this.list("args");
    if (fixed !== undefined) return fixed;
    const options = this.list("args_one_of");
    if (options === undefined) return undefined;
    if (options.length === 0 || !options.every(Array.isArray)) this.bad("args_one_of", "a non-empty list of argument lists");
    return fc.constantFrom(...(options as unknown[][]));
  }

  requireClass(k: string): AnyJobClass {
    if (!this.has(k)) throw new PropertySpecError(`${this.where}: ${k}: is required (a job class name)`);
    const v = this.raw[k];
    if (typeof v !== "string") this.bad(k, "a job class name");
    return this.classNamed(v, k);
  }

  classes(k: string): AnyJobClass[] | undefined {
    return this.strings(k)?.map((n) => this.classNamed(n, k));
  }

  classNamed(name: string, k: string): AnyJobClass {
    const cls = this.world.jobs.find((j) => j.jobClassName === name);
    if (cls !== undefined) return cls;
    const names = this.world.jobs.map((j) => j.jobClassName);
    const near = suggest(name, names);
    throw new PropertySpecError(`${this.where}.${k}: unknown job class "${name}"${near !== undefined ? `; did you mean "${near}"?` : ""} (known: ${names.join(", ") || "none: add jobs: to the scenario"})`);
  }

  /** `config: scenario` (the scenario's queue config) or `config: random` (generated). */
  config(world: SpecWorld): QueueConfigCase | undefined {
    const v = this.oneOf("config", ["scenario", "random"]);
    if (v === "random") return undefined;
    if (v === "scenario" && world.queueConfig === undefined) throw new PropertySpecError(`${this.where}.config: scenario needs the scenario to have config: queue:`);
    if (v === undefined && world.queueConfig === undefined) return undefined;
    return configCase(world.queueConfig!);
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}
