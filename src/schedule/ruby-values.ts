// The handful of Ruby value semantics Fugit::Nat's cron assembly depends on: values
// are Integers, Strings, nil or Arrays of those, compared with == / eql?, sorted with
// <=> (raising ArgumentError on mixed types) and printed with to_s / inspect.

import { ScheduleError } from "./errors.js";

export type RValue = number | string | null | RValue[];

export function rArray(v: RValue): RValue[] {
  return v === null ? [] : Array.isArray(v) ? v : [v];
}

/** A key equal for values Ruby considers eql?. */
export function rKey(v: RValue): string {
  return JSON.stringify(v);
}

export function rEqual(a: RValue | undefined, b: RValue | undefined): boolean {
  return a !== undefined && b !== undefined && rKey(a) === rKey(b);
}

export function rUniq(values: readonly RValue[]): RValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = rKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function rInspect(v: RValue): string {
  if (v === null) return "nil";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return `[${v.map(rInspect).join(", ")}]`;
}

export function rToS(v: RValue): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  return rInspect(v);
}

export function rClass(v: RValue): string {
  if (v === null) return "NilClass";
  if (typeof v === "number") return "Integer";
  if (typeof v === "string") return "String";
  return "Array";
}

/** Ruby's <=>, or null when the values are not comparable. */
function spaceship(a: RValue, b: RValue): number | null {
  if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (a === null && b === null) return 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = spaceship(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return Math.sign(a.length - b.length);
  }
  return null;
}

/** Array#sort. The first incomparable pair met raises Ruby's ArgumentError text. */
export function rSort(values: readonly RValue[]): RValue[] {
  const out = [...values];
  for (let i = 1; i < out.length; i++) {
    const key = out[i]!;
    let j = i - 1;
    for (; j >= 0; j--) {
      const c = spaceship(out[j]!, key);
      if (c === null) {
        const other = typeof key === "number" || key === null ? rInspect(key) : rClass(key);
        throw new ScheduleError("argument", `comparison of ${rClass(out[j]!)} with ${other} failed`);
      }
      if (c <= 0) break;
      out[j + 1] = out[j]!;
    }
    out[j + 1] = key;
  }
  return out;
}
