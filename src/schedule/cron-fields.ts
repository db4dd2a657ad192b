// From parsed list entries to the sets of values a cron matches, with Fugit's rules:
// `a/n` runs to the top of the field, ranges wrap, steps larger than the field are
// legal, hour 24 is 0, weekday ranges and steps have their own (different) rules,
// and impossible month/day pairs are dropped.

import { ScheduleCrash, ScheduleError } from "./errors.js";

/** One list entry as written: bounds, separator, step, and the weekday extras. */
export interface Entry {
  a: number | null;
  z: number | null;
  sep: "hyphen" | "tilde" | null;
  step: number | null;
  hash: number | null; // d#n
  mod: readonly [number, number] | null; // d%m+k
}

export interface WeekdayRule {
  readonly wday: number; // 0 = Sunday
  readonly hash?: number; // n-th (negative: from the end) such weekday of the month
  readonly mod?: readonly [number, number]; // [m, k]: weeks where rweek % m == k % m
}

/** Picks an integer in [0, n) for `~`; Fugit's `random: false` picks 0 (the lower bound). */
export type RandomPick = (n: number) => number;

export const lowerBound: RandomPick = () => 0;

type Expanded = false | null | number | (number | null)[];

function tildePick(min: number, max: number, a: number | null, z: number | null, step: number | null, pick: RandomPick): number {
  const sta = a ?? min;
  const edn = z ?? max;
  let n = edn - sta + 1;
  if (n <= 0) n = max - min + 1 + n;
  if (step !== null && step < n) n = step;
  let r = sta + pick(n);
  if (r > max) r = r + min - max - 1;
  return r;
}

function rubyHash(h: Record<string, number>): string {
  return `{${Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")}}`;
}

function range(min: number, max: number, sta: number, edn: number, step: number): (number | null)[] {
  if (sta === min && edn === max && step === 1) return [null];
  const info = { min, max, sta, edn, sla: step };
  if ((sta < 0 && edn > 0) || (edn < 0 && sta > 0)) {
    throw new ScheduleError("argument", `both start and end must be negative in ${rubyHash(info)}`);
  }
  const values: number[] = [];
  const [lo, hi] = sta < 0 ? [-max, -1] : [min, max];
  let cur = sta;
  let end = edn;
  for (;;) {
    values.push(cur);
    if (cur === end) break;
    cur++;
    if (cur > hi) {
      cur = lo;
      if (end > hi) end = end - hi - 1;
    }
    if (values.length > 2 * max) {
      throw new ScheduleCrash(
        `RuntimeError: too many loops for ${rubyHash(info)} #range, breaking, please fill an issue at https://git.io/fjJC9`,
      );
    }
  }
  return [...new Set(values.filter((_, i) => i % step === 0))];
}

function expand(min: number, max: number, e: Entry, pick: RandomPick): Expanded {
  let { a: sta, z: edn } = e;
  let step = e.step;
  if (step !== null && step < 1) return false;
  if (e.sep === "tilde") {
    sta = tildePick(min, max, sta, edn, step, pick);
    if (step === null) edn = null;
  }
  if (step !== null && edn === null) edn = max;
  if (sta === null && edn === null && step === null) return null; // "*"
  if (sta !== null && edn === null) return sta;
  step ??= 1;
  sta ??= min;
  if (edn === null || (edn < 0 && sta > 0)) edn = max; // "25-L" runs to 31
  return range(min, max, sta, edn, step);
}

/**
 * The sorted values of a seconds/minutes/hours/monthdays/months field; null means
 * "every value" (a `*` anywhere in the list wins); false means the field is invalid.
 */
export function fieldValues(
  field: "sec" | "min" | "hou" | "dom" | "mon",
  entries: readonly Entry[],
  pick: RandomPick,
): number[] | null | false {
  const [min, max] = BOUNDS[field];
  const expanded = entries.map((e) => expand(min, max, e, pick)); // all first: a later entry may raise
  if (expanded.includes(false)) return false;
  const values: number[] = [];
  let every = false;
  for (const x of expanded as Exclude<Expanded, false>[]) {
    for (const v of Array.isArray(x) ? x : [x]) {
      if (v === null) every = true;
      else values.push(field === "hou" && v === 24 ? 0 : v);
    }
  }
  if (every) return null;
  return [...new Set(values)].sort((p, q) => p - q);
}

const BOUNDS = { sec: [0, 59], min: [0, 59], hou: [0, 23], dom: [1, 31], mon: [1, 12] } as const;

/** Weekday rules; `*` contributes nothing (so `*,mon` is Monday only), null when empty. */
export function weekdayRules(entries: readonly Entry[], pick: RandomPick): WeekdayRule[] | null {
  const rules: WeekdayRule[] = [];
  const plain = (i: number): void => void rules.push({ wday: i > 6 ? i - 7 : i });
  for (const e of entries) {
    let { a, z } = e;
    if (e.sep === "tilde") {
      a = tildePick(0, 6, a, z, e.step, pick);
      if (e.step === null) z = null;
    }
    if (e.hash !== null) rules.push({ wday: a!, hash: e.hash });
    else if (e.mod !== null) rules.push({ wday: a!, mod: e.mod });
    else if (e.step !== null) {
      z ??= a ?? 6; // "5/2" is Friday only: the range of a stepped weekday ends at its start
      a ??= 0;
      if (a > z) z += 7;
      for (let i = a; i <= z; i += Math.max(e.step, 1)) plain(i);
    } else if (z !== null) {
      if (a! > z) z += 7;
      for (let i = a!; i <= z; i++) plain(i);
    } else if (a !== null) plain(a);
  }
  const normalised = rules.map((r) => (r.wday === 7 ? { ...r, wday: 0 } : r));
  const unique = normalised.filter((r, i) => normalised.findIndex((o) => sameRule(o, r)) === i);
  if (unique.length === 0) return null;
  return unique.sort(compareRules);
}

function sameRule(p: WeekdayRule, q: WeekdayRule): boolean {
  return p.wday === q.wday && p.hash === q.hash && p.mod?.[0] === q.mod?.[0] && p.mod?.[1] === q.mod?.[1];
}

// Ruby sorts [d], [d, n] and [d, [m, k]] with Array#<=>; a number against an array
// is incomparable, which makes Fugit raise an ArgumentError.
function compareRules(p: WeekdayRule, q: WeekdayRule): number {
  if (p.wday !== q.wday) return p.wday - q.wday;
  const px = p.hash ?? p.mod;
  const qx = q.hash ?? q.mod;
  if (px === undefined || qx === undefined) return px === undefined ? (qx === undefined ? 0 : -1) : 1;
  if (typeof px === "number" && typeof qx === "number") return px - qx;
  if (typeof px !== "number" && typeof qx !== "number") return px[0] - qx[0] || px[1] - qx[1];
  throw new ScheduleError("argument", "comparison of Array with Array failed");
}

const MAX_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Drops month/day pairs that can never happen (Feb 30); false when nothing is left.
 * Days counted from the month's end (negative) always stay.
 */
export function compactMonthDays(
  months: number[] | null,
  monthdays: number[] | null,
): { months: number[] | null; monthdays: number[] | null } | false {
  if (months === null || monthdays === null) return { months, monthdays };
  const ms: number[] = [];
  const ds: number[] = [];
  for (const m of months) {
    for (const d of monthdays) {
      if (d > MAX_DAYS[m]!) continue;
      ms.push(m);
      ds.push(d);
    }
  }
  if (ms.length === 0) return false;
  return { months: [...new Set(ms)], monthdays: [...new Set(ds)] };
}
