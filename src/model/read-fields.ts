// Small typed readers the job-model loader needs beyond Fields (numbers that may be fractions,
// source texts, name lists). Each records a positioned problem and returns undefined.
import { Fields } from "../config/fields.js";
import type { Issues } from "../config/issues.js";
import { describeNode, type SNode } from "../config/input-node.js";

export function num(f: Fields, key: string, opts: { min?: number; exclusiveMin?: boolean; max?: number } = {}): number | undefined {
  const n = f.node(key);
  if (n === undefined) return undefined;
  return numNode(n, f.label(key), f.issues, opts);
}

export function numNode(n: SNode, where: string, issues: Issues, opts: { min?: number; exclusiveMin?: boolean; max?: number } = {}): number | undefined {
  if (n.kind === "scalar" && typeof n.value === "number" && Number.isFinite(n.value)) {
    const v = n.value;
    const lowOk = opts.min === undefined || (opts.exclusiveMin === true ? v > opts.min : v >= opts.min);
    const highOk = opts.max === undefined || v <= opts.max;
    if (lowOk && highOk) return v;
  }
  const range =
    opts.min !== undefined && opts.max !== undefined
      ? ` from ${opts.min} to ${opts.max}`
      : opts.min !== undefined
        ? opts.exclusiveMin === true
          ? ` above ${opts.min}`
          : ` of at least ${opts.min}`
        : "";
  issues.add(n.pos, `${where} must be a number${range}, got ${describeNode(n)}`);
  return undefined;
}

/** A text that may be empty (Ruby source, a queue name). */
export function text(f: Fields, key: string): string | undefined {
  const n = f.node(key);
  if (n === undefined) return undefined;
  if (n.kind === "scalar" && typeof n.value === "string") return n.value;
  return f.bad(key, "a text");
}

export function textList(f: Fields, key: string): string[] | undefined {
  const items = f.list(key);
  if (items === undefined) return undefined;
  const out: string[] = [];
  items.forEach((n, i) => {
    if (n.kind === "scalar" && typeof n.value === "string" && n.value !== "") out.push(n.value);
    else f.issues.add(n.pos, `${f.label(key)}[${i}] must be a text, got ${describeNode(n)}`);
  });
  return out;
}

const AT = /^.+:\d+:\d+$/;

/** "app/jobs/x.rb:3:5". */
export function at(f: Fields, key = "at"): string | undefined {
  const v = f.str(key);
  if (v === undefined) return undefined;
  if (AT.test(v)) return v;
  f.issues.add(f.at(key), `${f.label(key)} must be a place "file:line:column", got ${JSON.stringify(v)}`);
  return undefined;
}

/** Copies the keys that were present and valid. */
export function assignDefined<T extends object>(target: T, values: Partial<T>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}
