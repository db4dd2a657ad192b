import { civilFromDays } from "../schedule/civil.js";

// Timestamps are stored the way Rails writes datetimes into SQLite: UTC text
// "YYYY-MM-DD HH:MM:SS.ffffff". The text sorts like the instant, so SQL comparisons work, and a
// person reading the tables sees a time. JS time has millisecond resolution; the last three
// digits are always 0.

let cachedMs = NaN;
let cachedText = "";

export function dbTime(ms: number): string {
  if (ms === cachedMs) return cachedText;
  // Plain arithmetic, not Date: while a simulation runs Date is the fake clock's, and this is hot.
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  const { year: y, month: m, day: d } = civilFromDays(days);
  const text = `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(sec)}.${String(milli).padStart(3, "0")}000`;
  cachedMs = ms;
  cachedText = text;
  return text;
}

/** The real Date, bound at load: while a simulation runs, the global Date is its clock's (a
 * slower subclass); formatting an explicit instant needs neither. */
const RealDate = Date;

/** An explicit instant as ISO 8601 ("2026-03-02T09:00:00.000Z"). */
export function isoTime(ms: number): string {
  return new RealDate(ms).toISOString();
}

let parsedText = "";
let parsedMs = NaN;

/** Rows read together usually share their timestamps: the last one parsed is remembered. */
export function parseDbTime(text: string): number {
  if (text === parsedText) return parsedMs;
  parsedMs = Date.parse(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
  parsedText = text;
  return parsedMs;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
