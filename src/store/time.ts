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
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const text = `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(sec)}.${String(milli).padStart(3, "0")}000`;
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
