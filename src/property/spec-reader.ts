import fc from "fast-check";
import { Fields, type Wording } from "../config/fields.js";
import { isInputNode, plainNode, toPlain, type SNode } from "../config/input-node.js";
import { InputError, Issues } from "../config/issues.js";
import { suggest } from "../config/suggest.js";
import type { QueueConfig } from "../config/types.js";
import { durationMs } from "../job/duration.js";
import type { AnyJobClass } from "../job/registry.js";
import type { QueueConfigCase } from "./world-case.js";
import type { WorldOptions } from "./world-options.js";

// Reading the options of one `properties:` entry with the shared positioned Fields reader. An
// entry read from a scenario file is a positioned node, so a problem names file:line:col; one
// given in code (plain values) is read the same way and its message has no position. The first
// problem stops the entry (later options often depend on it: the job class, say).

export class PropertySpecError extends InputError {}

/** What the entries may refer to: the scenario's job classes and its world. */
export interface SpecWorld extends WorldOptions {
  jobs: readonly AnyJobClass[];
  /** The scenario's own queue config, for `config: scenario`. */
  queueConfig?: QueueConfig;
}

/** How property entries word their problems (docs/properties.md shows these messages). */
const PROPERTY_WORDING: Wording = {
  unknownKey: (key, path, near, allowed) => `${path}: unknown option "${key}"${near !== undefined ? `; did you mean "${near}"?` : `; options: ${allowed.join(", ")}`}`,
  missing: (where, key, what) => `${where}: ${key}: is required (${what})`,
  describe: (node) => describe(toPlain(node)),
  wholeNumber: (min) => `an integer >= ${min}`,
  suggestValue: false,
  nullIsAbsent: true,
};

/** Issues that throw at the first one: a PropertySpecError, positioned when the input was. */
class FirstIssue extends Issues {
  constructor() {
    super((sorted) => new PropertySpecError(sorted));
  }

  override add(...args: Parameters<Issues["add"]>): void {
    super.add(...args);
    this.throwIfAny();
  }
}

export function newIssues(): Issues {
  return new FirstIssue();
}

/** A property entry as a node: scenario files give positioned ones, code gives plain values. */
export function entryNode(entry: unknown): SNode {
  return isInputNode(entry) ? entry : plainNode(entry);
}

export class SpecReader extends Fields {
  private constructor(map: SNode & { kind: "map" }, where: string, issues: Issues, private readonly world: SpecWorld) {
    super(map, where, issues, PROPERTY_WORDING);
  }

  static read(node: SNode, where: string, allowed: readonly string[], world: SpecWorld, issues: Issues, want: string): SpecReader {
    if (node.kind !== "map") issues.add(node.pos, `${where} must be ${want}, got ${describe(toPlain(node))}`);
    const r = new SpecReader(node as SNode & { kind: "map" }, where, issues, world);
    r.checkKeys(allowed);
    return r;
  }

  /** A problem at a key's value (or at the mapping). */
  fail(key: string | undefined, detail: string): never {
    this.issues.add(key === undefined ? this.pos : this.at(key), detail);
    throw new Error("unreachable: the first issue throws");
  }

  value(k: string): unknown {
    const n = this.node(k);
    return n === undefined ? undefined : toPlain(n);
  }

  /** A list's items as nodes (each read as an entry of its own). */
  items(k: string): SNode[] | undefined {
    return this.list(k);
  }

  /** A list's items as plain values. */
  values(k: string): unknown[] | undefined {
    return this.list(k)?.map(toPlain);
  }

  ints(k: string): number[] | undefined {
    const l = this.values(k);
    if (l !== undefined && !l.every((x) => typeof x === "number" && Number.isInteger(x))) this.bad(k, "a list of integers");
    return l as number[] | undefined;
  }

  strings(k: string): string[] | undefined {
    const v = this.value(k);
    if (v === undefined) return undefined;
    const l = typeof v === "string" ? [v] : v;
    if (!Array.isArray(l) || !l.every((x) => typeof x === "string")) this.bad(k, "a name or a list of names");
    return l as string[];
  }

  /** Milliseconds, from seconds or a duration string. */
  durationMs(k: string): number | undefined {
    const v = this.value(k);
    if (v === undefined) return undefined;
    try {
      return durationMs(v as number | string, this.label(k));
    } catch (e) {
      return this.fail(k, (e as Error).message);
    }
  }

  /** `args: [...]` (fixed) or `args_one_of: [[...], [...]]` (each run picks one). */
  args(): unknown[] | fc.Arbitrary<unknown[]> | undefined {
    if (this.has("args") && this.has("args_one_of")) this.fail(undefined, `${this.where}: give args or args_one_of, not both`);
    const fixed = this.values("args");
    if (fixed !== undefined) return fixed;
    const options = this.values("args_one_of");
    if (options === undefined) return undefined;
    if (options.length === 0 || !options.every(Array.isArray)) this.bad("args_one_of", "a non-empty list of argument lists");
    return fc.constantFrom(...(options as unknown[][]));
  }

  requireClass(k: string): AnyJobClass {
    const n = this.require(k, "a job class name");
    const v = n === undefined ? undefined : toPlain(n);
    if (typeof v !== "string") this.bad(k, "a job class name");
    return this.classNamed(v as string, k);
  }

  classes(k: string): AnyJobClass[] | undefined {
    return this.strings(k)?.map((n) => this.classNamed(n, k));
  }

  classNamed(name: string, k: string): AnyJobClass {
    const cls = this.world.jobs.find((j) => j.jobClassName === name);
    if (cls !== undefined) return cls;
    const names = this.world.jobs.map((j) => j.jobClassName);
    const near = suggest(name, names);
    return this.fail(k.includes("[") ? undefined : k, `${this.where}.${k}: unknown job class "${name}"${near !== undefined ? `; did you mean "${near}"?` : ""} (known: ${names.join(", ") || "none: add jobs: to the scenario"})`);
  }

  /** `config: scenario` (the scenario's queue config) or `config: random` (generated). */
  config(): QueueConfigCase | undefined {
    const v = this.oneOf("config", ["scenario", "random"]);
    if (v === "random") return undefined;
    if (v === "scenario" && this.world.queueConfig === undefined) this.fail("config", `${this.where}.config: scenario needs the scenario to have config: queue:`);
    if (v === undefined && this.world.queueConfig === undefined) return undefined;
    return configCase(this.world.queueConfig!);
  }
}

/** Solid Queue's loaded config as a config case. */
export function configCase(q: QueueConfig): QueueConfigCase {
  return {
    workers: q.workers.map((w) => ({ queues: [...w.queues], threads: w.threads, processes: w.processes, pollingInterval: w.pollingInterval })),
    dispatchers: q.dispatchers.map((d) => ({ pollingInterval: d.pollingInterval, batchSize: d.batchSize })),
  };
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}
