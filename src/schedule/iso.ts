// ISO 8601 times in a zone, without Date's host-time-zone parsing.

import { localSeconds, wallClock } from "./civil.js";
import { formatOffset, utcFromLocal, zoneOption } from "./zone.js";

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** `2026-12-02T03:00:00+01:00`: the wall clock of `ms` (fraction dropped) in `zone`, and its offset. */
export function formatIso(ms: number, zone: string): string {
  const z = zoneOption(zone);
  const sec = Math.floor(ms / 1000);
  const offset = z.offsetAt(sec);
  const w = wallClock(sec + offset);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  return `${date}T${pad(w.hour)}:${pad(w.min)}:${pad(w.sec)}${formatOffset(offset)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch ms of an ISO 8601 date-time. Without an offset the wall clock is read in
 * `zone` (the earlier instant when it occurs twice). Null when malformed.
 */
export function parseIso(text: string, zone: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, min, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || min! > 59 || sec! > 59) return null;
  const local = localSeconds(year!, month!, day!, hour, min, sec);
  if (wallClock(local).month !== month) return null; // 2026-02-30
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const offsetText = m[8];
  let utc: number;
  if (offsetText === undefined) utc = utcFromLocal(zoneOption(zone), local);
  else if (offsetText.toUpperCase() === "Z") utc = local;
  else {
    const digits = offsetText.slice(1).replace(":", "");
    const off = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || 0) * 60;
    utc = local - (offsetText[0] === "-" ? -off : off);
  }
  return utc * 1000 + fraction;
}
