// Fugit::Cron.parse: strip, expand an @shortcut, parse with the cron grammar, read
// the entries, look the zone up, then build the value sets.

import { cronGrammar } from "./cron-grammar.js";
import {
  compactMonthDays,
  fieldValues,
  lowerBound,
  weekdayRules,
  type Entry,
  type RandomPick,
  type WeekdayRule,
} from "./cron-fields.js";
import { parseAll, subgather, sublookup, text, type Node } from "./peg.js";
import { lookupZone } from "./zone-lookup.js";
import type { Zone } from "./zone.js";
import { rubyStrip } from "./ruby-text.js";

/** A parsed cron, ready to evaluate. Null fields match every value. */
export interface CronSpec {
  readonly original: string;
  readonly seconds: readonly number[] | null;
  readonly minutes: readonly number[] | null;
  readonly hours: readonly number[] | null;
  readonly monthdays: readonly number[] | null; // negative: counted from the month's end
  readonly months: readonly number[] | null;
  readonly weekdays: readonly WeekdayRule[] | null;
  /** `&` present: monthday AND weekday instead of the classic OR. */
  readonly dayAnd: boolean;
  /** The zone as written after the fields, and what et-orbi resolved it to. */
  readonly zoneLabel: string | null;
  readonly zone: Zone | null;
}

const SHORTCUTS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@noon": "0 12 * * *",
  "@hourly": "0 * * * *",
};

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

export interface CronParseOptions {
  /** Source for `~` picks; without one the lowest candidate is taken (deterministic). */
  random?: RandomPick;
}

/**
 * Fugit::Cron.parse(input): the cron, or null when `input` is not a cron Fugit reads.
 * Throws ScheduleError("argument") / ScheduleCrash where Fugit raises.
 */
export function parseCronSpec(input: string, options: CronParseOptions = {}): CronSpec | null {
  let s = rubyStrip(input);
  if (s.startsWith("@")) {
    const [head, rest] = splitOnce(s);
    const expansion = SHORTCUTS[head];
    if (expansion === undefined) return null; // @reboot and unknown words never parse
    s = rest === undefined ? expansion : `${expansion} ${rest}`;
  }
  const tree = parseAll(cronGrammar, s);
  if (!tree) return null;
  const body = sublookup(tree)!; // the six- or five-field node
  const lists = new Map<string, Node>();
  for (const n of subgather(body)) lists.set(n.name!, n);

  const tzNode = lists.get("tz");
  const zoneLabel = tzNode ? rubyStrip(text(s, tzNode)) : null;
  const zone = zoneLabel === null ? null : lookupZone(zoneLabel);
  if (zoneLabel !== null && zone === null) return null;

  const pick = options.random ?? lowerBound;
  const entries = (field: string): Entry[] | null => {
    const n = lists.get(field);
    return n ? subgather(n, "elt").map((e) => readEntry(field, s, e)) : null;
  };
  const seconds = fieldValues("sec", entries("sec") ?? [single(0)], pick);
  if (seconds === false) return null;
  const minutes = fieldValues("min", entries("min")!, pick);
  if (minutes === false) return null;
  const hours = fieldValues("hou", entries("hou")!, pick);
  if (hours === false) return null;
  const monthdays = fieldValues("dom", entries("dom")!, pick);
  if (monthdays === false) return null;
  const months = fieldValues("mon", entries("mon")!, pick);
  if (months === false) return null;
  const weekdays = weekdayRules(entries("dow")!, pick);
  const compact = compactMonthDays(months, monthdays);
  if (compact === false) return null;

  return {
    original: input,
    seconds,
    minutes,
    hours,
    monthdays: compact.monthdays,
    months: compact.months,
    weekdays,
    dayAnd: s.includes("&"),
    zoneLabel,
    zone,
  };
}

/** Ruby's `s.split(/\s+/, 2)`. */
function splitOnce(s: string): [string, string | undefined] {
  const m = /[ \t\n\v\f\r]+/.exec(s);
  if (!m) return [s, undefined];
  return [s.slice(0, m.index), s.slice(m.index + m[0].length)];
}

function single(a: number): Entry {
  return { a, z: null, sep: null, step: null, hash: null, mod: null };
}

function readEntry(field: string, s: string, elt: Node): Entry {
  const e: Entry = { a: null, z: null, sep: null, step: null, hash: null, mod: null };
  for (const part of subgather(elt)) {
    const t = text(s, part);
    switch (part.name) {
      case "slash":
        e.step = parseInt(t.slice(1), 10);
        break;
      case "hash":
        e.hash = /^l/i.test(t.slice(1)) ? -1 : parseInt(t.slice(1), 10);
        break;
      case "mod": {
        const [m, k] = t.split(/[%+]/).filter((x) => x !== "").map((x) => parseInt(x, 10));
        e.mod = [m!, k ?? 0];
        break;
      }
      case "hyphen":
      case "tilde":
        e.sep = part.name;
        break;
      default:
        if (e.sep) e.z ??= bound(field, t);
        else e.a = bound(field, t);
    }
  }
  return e;
}

function bound(field: string, written: string): number {
  const w = written.toLowerCase();
  if (field === "mon" && MONTHS.includes(w)) return MONTHS.indexOf(w) + 1;
  if (field === "dow" && WEEKDAYS.includes(w)) return WEEKDAYS.indexOf(w);
  if (field === "dom" && w.startsWith("l")) return -1; // L, l, last
  return parseInt(w, 10);
}
