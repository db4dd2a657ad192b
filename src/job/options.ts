// Strict options at run time (plain-JavaScript callers have no tsc): every options object of the
// job API is read here. An unknown key or a value of the wrong type is an ArgumentError, as Ruby
// raises for an unknown keyword, naming the key and the nearest known one. The snake_case keys a
// Rails or YAML user writes (`wait_until`, `on_conflict`) are read as their camelCase twins.
import { inspect } from "node:util";
import { suggest } from "./suggest.js";
import { parseDuration } from "./duration.js";
import { ArgumentError } from "./errors.js";

/** A value check: undefined when the value is fine, else what was expected ("an integer"). */
export type Check = (value: unknown) => string | undefined;

export interface OptionsSpec {
  /** The method, as it starts messages: "set", "retryOn". */
  method: string;
  /** Known keys (camelCase) and their checks. */
  keys: Record<string, Check>;
  /** Other spellings accepted for a key, e.g. { wait_until: "waitUntil" }. */
  aliases?: Record<string, string>;
}

/** The options with aliases folded into their camelCase keys; throws ArgumentError on anything else. */
export function readOptions<T extends object>(spec: OptionsSpec, options: unknown): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== "object" || Array.isArray(options) || options instanceof Date) {
    throw new ArgumentError(`${spec.method}: options must be an object with the keys ${Object.keys(spec.keys).join(", ")}, got ${show(options)}`);
  }
  const aliases = spec.aliases ?? {};
  const out: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const given of Object.keys(options)) {
    const key = Object.hasOwn(spec.keys, given) ? given : aliases[given];
    if (key === undefined) throw unknownKey(spec, given);
    if (from[key] !== undefined) throw new ArgumentError(`${spec.method}: ${from[key]} and ${given} are the same option; give one`);
    from[key] = given;
    const value = (options as Record<string, unknown>)[given];
    if (value === undefined) continue;
    const expected = spec.keys[key]!(value);
    if (expected !== undefined) throw new ArgumentError(`${spec.method}: ${given} must be ${expected}, got ${show(value)}`);
    out[key] = value;
  }
  return out as T;
}

function unknownKey(spec: OptionsSpec, given: string): ArgumentError {
  const names = [...Object.keys(spec.keys), ...Object.keys(spec.aliases ?? {})];
  const near = suggest(given, names);
  const hint = near === undefined ? "" : ` Did you mean ${near}?`;
  return new ArgumentError(`${spec.method}: unknown key: ${given}.${hint} Known keys: ${Object.keys(spec.keys).join(", ")}`);
}

// ---- checks ----

/** null is accepted (Ruby's nil: leave the value alone) before `check` is asked. */
export function nullable(check: Check): Check {
  return (v) => (v === null ? undefined : check(v));
}

export const aBoolean: Check = (v) => (typeof v === "boolean" ? undefined : "true or false");

export const aFiniteNumber: Check = (v) => (typeof v === "number" && Number.isFinite(v) ? undefined : "a finite number");

/** Ruby's to_i on what a caller means as a number: numbers (cut) and integer strings ("7"). */
export const integerLike: Check = (v) => (toInteger(v) === undefined ? 'an integer (or an integer string such as "7")' : undefined);

export const aPositiveInteger: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 1 ? undefined : "a positive integer");

/** Seconds or a duration string ("5 minutes", "1.hour"); negative allowed when `negative`. */
export function aDuration(negative: boolean): Check {
  return (v) => {
    if (typeof v !== "number" && typeof v !== "string") return 'seconds (a number) or a duration string such as "5 minutes"';
    try {
      parseDuration(v, undefined, { allowNegative: negative });
      return undefined;
    } catch {
      return `seconds (a number) or a duration string such as "5 minutes"${negative ? "" : ", not negative"}`;
    }
  };
}

/** An instant: a valid Date or epoch milliseconds. */
export const anInstant: Check = (v) =>
  (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === "number" && Number.isFinite(v)) ? undefined : "a Date or epoch milliseconds";

/** A queue name: a string, or a symbol standing for Ruby's (Symbol.for("low") is "low"). */
export const aQueueName: Check = (v) => (typeof v === "string" || typeof v === "symbol" ? undefined : 'a queue name (a string such as "low")');

export function oneOf(...checks: Check[]): Check {
  return (v) => {
    const problems: string[] = [];
    for (const c of checks) {
      const p = c(v);
      if (p === undefined) return undefined;
      problems.push(p);
    }
    return problems.join(" or ");
  };
}

export const aFunction: Check = (v) => (typeof v === "function" ? undefined : "a function");

// ---- conversions shared with the checks ----

/** Ruby's to_i for numbers and integer strings; undefined for anything else ("high", NaN). */
export function toInteger(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) || 0 : undefined;
  if (typeof v === "string" && /^\s*[+-]?\d+\s*$/.test(v)) return Number.parseInt(v, 10) || 0;
  return undefined;
}

/** A JS symbol as the Ruby symbol it stands for: its registry key or description. */
export function symbolName(v: symbol): string {
  return Symbol.keyFor(v) ?? v.description ?? "";
}

export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === undefined) return "undefined";
  return inspect(v, { depth: 2, breakLength: Infinity });
}
