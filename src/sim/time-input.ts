// Instants given by users: ISO 8601 with Z or an offset, a local "YYYY-MM-DD[ HH:MM[:SS]]"
// read in the simulation's zone, a Date, or epoch ms. Anything else is a clear error.

import { zoneOption, utcFromLocal } from "../schedule/zone.js";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

export function parseInstant(input: string | Date | number, timeZone: string, what: string): number {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new TypeError(`${what}: invalid Date`);
    return input.getTime();
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new TypeError(`${what}: ${input} is not a time`);
    return input;
  }
  const text = input.trim();
  if (WITH_ZONE.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  const m = LOCAL.exec(text);
  if (m !== null) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0"] = m;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, "0")));
    return localToUtc(wall, timeZone);
  }
  throw new TypeError(
    `${what}: cannot read ${JSON.stringify(input)} as a time; use ISO 8601 with a zone ("2026-03-01T09:00:00Z", "2026-03-01T09:00:00+01:00") or a local time "2026-03-01 09:00" read in ${timeZone}`,
  );
}

/** The UTC instant whose wall-clock time in `zone` is `wall` (epoch ms of the wall time read as UTC). */
export function localToUtc(wall: number, zone: string): number {
  const ms = wall % 1000;
  return utcFromLocal(zoneOption(zone), (wall - ms) / 1000) * 1000 + ms;
}
