// Expected quantities: a count (`3`, ">= 3", "< 10") or a duration ("< 5s", "<= 1m"; a bare
// duration means "at most").
import { durationMs, formatDuration } from "../job/duration.js";
import type { Fields } from "../config/fields.js";
import type { Issues } from "./errors.js";
import { describeNode, type SNode } from "./yaml-source.js";

export type Op = "=" | "<" | "<=" | ">" | ">=";

export interface Comparison {
  op: Op;
  /** A count, or milliseconds for durations. */
  value: number;
  /** As written, for names and messages. */
  text: string;
}

const FORM = /^\s*(<=|>=|==|=|<|>)?\s*(.+?)\s*$/;

export function holds(c: Comparison, actual: number): boolean {
  switch (c.op) {
    case "=":
      return actual === c.value;
    case "<":
      return actual < c.value;
    case "<=":
      return actual <= c.value;
    case ">":
      return actual > c.value;
    case ">=":
      return actual >= c.value;
  }
}

export function readCount(node: SNode, where: string, issues: Issues): Comparison | undefined {
  if (node.kind === "scalar" && typeof node.value === "number" && Number.isSafeInteger(node.value) && node.value >= 0) {
    return { op: "=", value: node.value, text: String(node.value) };
  }
  if (node.kind === "scalar" && typeof node.value === "string") {
    const m = FORM.exec(node.value);
    if (m !== null && /^\d+$/.test(m[2]!)) {
      const op = (m[1] === "==" ? "=" : (m[1] ?? "=")) as Op;
      return { op, value: Number(m[2]), text: node.value.trim() };
    }
  }
  issues.add(node.pos, `${where} must be a count: a whole number (3) or a comparison (">= 3", "< 10", "= 0"), got ${describeNode(node)}`);
  return undefined;
}

/** The count a mapping gives under `key`, if any (recorded in its issues when unreadable). */
export function countField(f: Fields, key = "count"): Comparison | undefined {
  const n = f.node(key);
  return n === undefined ? undefined : readCount(n, f.label(key), f.issues);
}

/** A count as messages say it: "3", ">= 1". */
export function countText(c: Comparison): string {
  return c.op === "=" ? String(c.value) : `${c.op} ${c.value}`;
}

export function readDurationBound(node: SNode, where: string, issues: Issues): Comparison | undefined {
  if (node.kind === "scalar" && (typeof node.value === "string" || typeof node.value === "number")) {
    const m = typeof node.value === "number" ? null : FORM.exec(node.value);
    try {
      const op = (m?.[1] === undefined ? "<=" : m[1] === "==" ? "=" : m[1]) as Op;
      return { op, value: durationMs(m === null ? (node.value as number) : m[2]!), text: String(node.value).trim() };
    } catch {
      // message below
    }
  }
  issues.add(node.pos, `${where} must be a duration bound such as "< 5s", "<= 2m", "> 100ms" (a bare duration means "at most"), got ${describeNode(node)}`);
  return undefined;
}

export function showMs(ms: number): string {
  return formatDuration(ms / 1000);
}
