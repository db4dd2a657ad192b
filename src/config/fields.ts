// Reading one mapping of positioned input (a scenario, a property entry): unknown keys (with the
// nearest valid one), required keys and typed values, each problem recorded at its position. A
// reader returns undefined for a bad value; the problem is in `issues`, so a loader can go on and
// report everything. Scenarios and property entries word a few messages differently (their
// documented messages predate this reader): a `Wording` says how.
import { parseDuration } from "../job/duration.js";
import { describeNode, type SMap, type SNode } from "./input-node.js";
import type { Issues } from "./issues.js";
import { suggest } from "./suggest.js";
import type { SourcePos } from "./types.js";

export const DURATION_FORMS = 'a duration: seconds (90), "90s", "5m", "1.5h", "2 days", "1h30m", "250ms"';

export interface Wording {
  unknownKey(key: string, path: string, near: string | undefined, allowed: readonly string[]): string;
  missing(where: string, key: string, what: string): string;
  describe(node: SNode): string;
  wholeNumber(min: number, max: number | undefined): string;
  /** Whether "must be one of" suggests the nearest value. */
  suggestValue: boolean;
  /** Whether a key written with no value (`runs: ~`) counts as absent. */
  nullIsAbsent: boolean;
}

/** How scenario files word their problems. */
export const SCENARIO_WORDING: Wording = {
  unknownKey: (key, path, near, allowed) =>
    `unknown key "${key}" ${path === "" ? "at the top level" : `in ${path}`}${near !== undefined ? `; did you mean "${near}"?` : `; valid keys: ${allowed.join(", ")}`}`,
  missing: (where, key, what) => `${where} needs "${key}" (${what})`,
  describe: describeNode,
  wholeNumber: (min, max) => `a whole number${max !== undefined ? ` from ${min} to ${max.toLocaleString("en-US")}` : min === 0 ? " (0 or more)" : ` of at least ${min}`}`,
  suggestValue: true,
  nullIsAbsent: false,
};

export class Fields {
  protected constructor(
    readonly map: SMap,
    /** Where this mapping sits: "" for the top level, "steps[2].enqueue", "settings". */
    readonly path: string,
    readonly issues: Issues,
    readonly wording: Wording = SCENARIO_WORDING,
  ) {}

  /** How messages name this mapping. */
  get where(): string {
    return this.path === "" ? "the scenario" : this.path;
  }

  /** How messages name one of its keys: "seed", "steps[2].enqueue.wait". */
  label(key: string): string {
    return this.path === "" ? key : `${this.path}.${key}`;
  }

  /** The mapping at `node` with only `allowed` keys, or undefined (recorded) when it is not a mapping. */
  static of(node: SNode, path: string, issues: Issues, allowed: readonly string[]): Fields | undefined {
    if (node.kind !== "map") {
      issues.add(node.pos, `${path === "" ? "the scenario file" : path} must be a mapping, got ${describeNode(node)}`);
      return undefined;
    }
    const f = new Fields(node, path, issues);
    f.checkKeys(allowed);
    return f;
  }

  protected checkKeys(allowed: readonly string[]): void {
    for (const e of this.map.entries) {
      if (!allowed.includes(e.key)) this.issues.add(e.keyPos, this.wording.unknownKey(e.key, this.path, suggest(e.key, allowed), allowed));
    }
  }

  get pos(): SourcePos {
    return this.map.pos;
  }

  keys(): string[] {
    return this.map.entries.map((e) => e.key);
  }

  has(key: string): boolean {
    return this.node(key) !== undefined;
  }

  node(key: string): SNode | undefined {
    const n = this.map.entries.find((e) => e.key === key)?.value;
    return this.wording.nullIsAbsent && n?.kind === "scalar" && n.value === null ? undefined : n;
  }

  keyPos(key: string): SourcePos {
    return this.map.entries.find((e) => e.key === key)?.keyPos ?? this.map.pos;
  }

  /** Position of a key's value (or of the mapping when the key is absent). */
  at(key: string): SourcePos {
    return this.node(key)?.pos ?? this.map.pos;
  }

  require(key: string, what: string): SNode | undefined {
    const n = this.node(key);
    if (n === undefined) this.issues.add(this.map.pos, this.wording.missing(this.where, key, what));
    return n;
  }

  bad(key: string, expected: string): undefined {
    const n = this.node(key)!;
    this.issues.add(n.pos, `${this.label(key)} must be ${expected}, got ${this.wording.describe(n)}`);
    return undefined;
  }

  str(key: string, opts: { required?: string } = {}): string | undefined {
    const n = opts.required !== undefined ? this.require(key, opts.required) : this.node(key);
    if (n === undefined) return undefined;
    if (n.kind === "scalar" && typeof n.value === "string" && n.value.trim() !== "") return n.value;
    if (n.kind === "scalar" && typeof n.value === "number") return String(n.value);
    return this.bad(key, "a text");
  }

  int(key: string, opts: { min?: number; max?: number; required?: string } = {}): number | undefined {
    const n = opts.required !== undefined ? this.require(key, opts.required) : this.node(key);
    if (n === undefined) return undefined;
    const min = opts.min ?? 0;
    const max = opts.max ?? Number.MAX_SAFE_INTEGER;
    if (n.kind === "scalar" && typeof n.value === "number" && Number.isSafeInteger(n.value) && n.value >= min && n.value <= max) return n.value;
    return this.bad(key, this.wording.wholeNumber(min, opts.max));
  }

  bool(key: string): boolean | undefined {
    const n = this.node(key);
    if (n === undefined) return undefined;
    if (n.kind === "scalar" && typeof n.value === "boolean") return n.value;
    return this.bad(key, "true or false");
  }

  /** Seconds. */
  duration(key: string, opts: { required?: string; allowNegative?: boolean } = {}): number | undefined {
    const n = opts.required !== undefined ? this.require(key, opts.required) : this.node(key);
    if (n === undefined) return undefined;
    return readDuration(n, this.label(key), this.issues, opts.allowNegative);
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const n = this.node(key);
    if (n === undefined) return undefined;
    if (n.kind === "scalar" && typeof n.value === "string" && (values as readonly string[]).includes(n.value)) return n.value as T;
    const near = this.wording.suggestValue && n.kind === "scalar" && typeof n.value === "string" ? suggest(n.value, values) : undefined;
    this.issues.add(n.pos, `${this.label(key)} must be one of ${values.join(", ")}, got ${this.wording.describe(n)}${near !== undefined ? `; did you mean "${near}"?` : ""}`);
    return undefined;
  }

  list(key: string): SNode[] | undefined {
    const n = this.node(key);
    if (n === undefined) return undefined;
    if (n.kind === "seq") return n.items;
    return this.bad(key, "a list");
  }
}

/** Seconds of a duration node; records the accepted forms when it is not one. */
export function readDuration(n: SNode, where: string, issues: Issues, allowNegative = false): number | undefined {
  if (n.kind === "scalar" && (typeof n.value === "number" || typeof n.value === "string")) {
    try {
      return parseDuration(n.value, undefined, { allowNegative });
    } catch {
      // fall through to the message below
    }
  }
  issues.add(n.pos, `${where}: cannot read ${describeNode(n)} as a duration; use ${DURATION_FORMS.slice("a duration: ".length)}${allowNegative ? ' (a leading "-" goes back)' : ""}`);
  return undefined;
}
