import { inspect as nodeInspect } from "node:util";
import { ModelRecord } from "../job/model.js";
import { isJobClass } from "./filters.js";

// Values as failure messages show them: compact and one line, close to what a JS developer
// reads in a console (`[42, "David"]`, `{id: 1}`), with asymmetric matchers by their own
// description and instants as Rails prints a Time ("2026-01-02 12:00:00 UTC").

export function inspectValue(value: unknown, seen: Set<object> = new Set()): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Object.is(value, -0) ? "0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function":
      if (isJobClass(value)) return value.jobClassName;
      return value.name === "" ? "[Function]" : value.name;
  }
  if (value === null) return "null";
  const object = value as object;
  const asymmetric = describeAsymmetric(object);
  if (asymmetric !== undefined) return asymmetric;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (seen.has(object)) return "[Circular]";
  seen.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((v) => inspectValue(v, seen)).join(", ")}]`;
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null && !(object instanceof ModelRecord)) return nodeInspect(object, { depth: 2, breakLength: Infinity });
    const body = Object.keys(object)
      .map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspectValue((object as Record<string, unknown>)[k], seen)}`)
      .join(", ");
    const name = proto === Object.prototype || proto === null ? "" : `${(proto as { constructor?: { name?: string } }).constructor?.name ?? ""} `;
    return `${name}{${body}}`;
  } finally {
    seen.delete(object);
  }
}

/** "2026-01-02 12:00:00 UTC"; with `fraction`, milliseconds when there are any ("12:00:05.55"). */
export function formatTime(ms: number, fraction = false): string {
  const iso = new Date(ms).toISOString();
  let text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const millis = iso.slice(20, 23);
  if (fraction && millis !== "000") text += `.${millis.replace(/0+$/, "")}`;
  return `${text} UTC`;
}

export function isAsymmetricMatcher(value: unknown): value is { asymmetricMatch(other: unknown): boolean } {
  return value !== null && typeof value === "object" && typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === "function";
}

function describeAsymmetric(value: object): string | undefined {
  if (!isAsymmetricMatcher(value)) return undefined;
  const m = value as { toAsymmetricMatcher?: () => string; toString(): string };
  return typeof m.toAsymmetricMatcher === "function" ? m.toAsymmetricMatcher() : m.toString();
}
