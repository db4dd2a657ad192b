// Durations as options accept them (`wait`, `set({ wait })`, intervals): seconds as a number,
// or a readable string, including Rails' `5.minutes` spelling. Calendar units (months,
// years) are refused: their length depends on the date, and Active Support's fixed averages
// would surprise.
import { inspect } from "node:util";
import { DurationError } from "./errors.js";

export interface DurationOptions {
  /** Accept a leading minus (e.g. a negative jitter offset). */
  allowNegative?: boolean;
}

const SECOND = 1;
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 604800;

// Seconds per unit; milliseconds are divided (x / 1000 is exact where x * 0.001 is not).
const UNITS = new Map<string, number>([
  ["ms", -1000], ["msec", -1000], ["msecs", -1000], ["millisecond", -1000], ["milliseconds", -1000],
  ["s", SECOND], ["sec", SECOND], ["secs", SECOND], ["second", SECOND], ["seconds", SECOND],
  ["m", MINUTE], ["min", MINUTE], ["mins", MINUTE], ["minute", MINUTE], ["minutes", MINUTE],
  ["h", HOUR], ["hr", HOUR], ["hrs", HOUR], ["hour", HOUR], ["hours", HOUR],
  ["d", DAY], ["day", DAY], ["days", DAY],
  ["w", WEEK], ["week", WEEK], ["weeks", WEEK],
]);

// The methods Active Support adds to Numeric, for the "1.hour" form.
const RAILS_UNITS = new Set(["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"]);

const FORMS = 'use seconds (90), "90s", "5 minutes", "1.5h", "1.hour", "1h30m", "250ms"; units: ms, s, m, h, d, w, or their names (seconds, minutes, hours, days, weeks)';

const PLAIN_NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
// One "<number><unit>" part: the unit follows directly, after spaces, or after a dot (Rails).
const PART = /(\d+(?:\.\d+)?|\.\d+)(\s*|\.)([A-Za-z]+)\s*/y;

/** Seconds (a float) for a number of seconds or a duration string; DurationError otherwise. */
export function parseDuration(input: number | string, what?: string, options: DurationOptions = {}): number {
  const seconds = typeof input === "number" ? checkNumber(input, what) : parseText(input, what);
  if (seconds < 0 && options.allowNegative !== true) {
    throw new DurationError(`bad duration ${show(input)}${forWhat(what)}: must not be negative`, input, what);
  }
  return seconds === 0 ? 0 : seconds;
}

function checkNumber(input: number, what: string | undefined): number {
  if (!Number.isFinite(input)) throw bad(input, what);
  return input;
}

function parseText(input: unknown, what: string | undefined): number {
  if (typeof input !== "string") throw bad(input, what);
  let text = input.trim();
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  if (text === "") throw bad(input, what);
  const sign = negative ? -1 : 1;
  if (PLAIN_NUMBER.test(text)) return sign * Number(text);

  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const m = PART.exec(text);
    if (m === null || m.index !== start) throw bad(input, what);
    const [, amount, separator, name] = m as unknown as [string, string, string, string];
    const unit = name.length >= 3 ? name.toLowerCase() : name; // "Minutes" yes, "M" (months?) no
    const factor = UNITS.get(unit);
    if (factor === undefined || (separator === "." && !RAILS_UNITS.has(unit))) throw bad(input, what);
    total += factor < 0 ? Number(amount) / -factor : Number(amount) * factor;
  }
  return sign * total;
}

function bad(input: unknown, what: string | undefined): DurationError {
  return new DurationError(`bad duration ${show(input)}${forWhat(what)}: ${FORMS}`, input, what);
}

function forWhat(what: string | undefined): string {
  return what === undefined ? "" : ` for ${what}`;
}

function show(input: unknown): string {
  if (typeof input === "string") return JSON.stringify(input);
  if (typeof input === "number") return String(input);
  return inspect(input);
}

/**
 * Whole milliseconds for a duration: the one conversion every caller uses. The virtual clock and
 * the stored timestamps have millisecond resolution (store/time.ts), so a fractional result
 * (1.1 s is 1100.0000000000002 ms in binary floating point) is rounded to the nearest one.
 */
export function durationMs(input: number | string, what?: string, options: DurationOptions = {}): number {
  const ms = Math.round(parseDuration(input, what, options) * 1000);
  return ms === 0 ? 0 : ms;
}

/** A short readable duration for messages: "1h 30m", "3s", "250ms", "2d 4h", "1m 30.5s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return "0s";
  if (seconds < 1) return `${trim(seconds * 1000)}ms`;

  let ms = Math.round(seconds * 1000);
  const parts: string[] = [];
  for (const [unit, size] of [["d", DAY * 1000], ["h", HOUR * 1000], ["m", MINUTE * 1000]] as const) {
    const count = Math.floor(ms / size);
    if (count > 0) parts.push(`${count}${unit}`);
    ms -= count * size;
  }
  if (ms > 0) parts.push(`${trim(ms / 1000)}s`);
  return parts.join(" ");
}

function trim(n: number): string {
  return String(Number(n.toFixed(3)));
}
