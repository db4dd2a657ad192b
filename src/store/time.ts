// Timestamps are stored the way Rails writes datetimes into SQLite: UTC text
// "YYYY-MM-DD HH:MM:SS.ffffff". The text sorts like the instant, so SQL comparisons work, and a
// person reading the tables sees a time. JS time has millisecond resolution; the last three
// digits are always 0.

let cachedMs = NaN;
let cachedText = "";

export function dbTime(ms: number): string {
  if (ms === cachedMs) return cachedText;
  const d = new Date(ms);
  const text =
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.` +
    `${String(d.getUTCMilliseconds()).padStart(3, "0")}000`;
  cachedMs = ms;
  cachedText = text;
  return text;
}

export function parseDbTime(text: string): number {
  return Date.parse(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
