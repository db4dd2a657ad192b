// A zone given as a setting (Solid Queue's `time_zone`, the scenario's `time_zone`,
// `jobsim schedule --tz`, the virtual `TZ`), read the way Rails reads
// `config.time_zone`: ActiveSupport::TimeZone[name] takes one of its friendly names
// ("Eastern Time (US & Canada)", "Tokyo") or a tzinfo identifier, case-sensitively,
// and Solid Queue keeps the tzinfo identifier (`SolidQueue.time_zone=`, spec
// solid-queue.md §4.2, schedules.md §1.5). A written offset (+01:00) is accepted too,
// a jobsim extension (Rails refuses it; Fugit accepts it in a cron).
//
// Cron strings do not go through here: et-orbi knows no Rails names, so
// `0 9 * * * Tokyo` is "not a supported recurring schedule" in Solid Queue and in
// jobsim (zone-lookup.ts).

import { RAILS_ZONE_MAPPING } from "./rails-zone-names.js";
import { TZINFO_ZONE_NAMES } from "./zone-names.js";

/** What Rails raises for a bad `config.time_zone` (Time.find_zone!), plus a suggestion. */
export class UnknownZoneError extends Error {
  constructor(
    readonly zoneName: string,
    readonly suggestion: string | undefined,
  ) {
    super(
      `Invalid Timezone: ${zoneName}${suggestion !== undefined ? `; did you mean ${JSON.stringify(suggestion)}?` : ""}` +
        ` (use an IANA name such as "Europe/Paris", one of ActiveSupport's names such as "Eastern Time (US & Canada)", or an offset such as "+01:00")`,
    );
    this.name = "UnknownZoneError";
  }
}

const FIXED_OFFSET = /^[+-]\d{2}:?\d{2}$/;

/** True when `name` is a fixed offset as zone settings accept it (`+01:00`, `-0530`). */
export function isFixedOffsetSetting(name: string): boolean {
  return FIXED_OFFSET.test(name);
}

/**
 * The identifier a zone setting stands for: a Rails name becomes its tzinfo identifier
 * ("Tokyo" → "Asia/Tokyo", "UTC" → "Etc/UTC"), a tzinfo identifier or an offset stays
 * as written. Anything else throws UnknownZoneError.
 */
export function zoneSettingName(name: string): string {
  const mapped = RAILS_ZONE_MAPPING.get(name);
  if (mapped !== undefined) return mapped;
  if (TZINFO_ZONE_NAMES.has(name) || isFixedOffsetSetting(name)) return name;
  throw new UnknownZoneError(name, zoneSuggestion(name));
}

let candidates: string[] | undefined;

/**
 * The known name a misspelt zone most likely meant: the same name in another case or with
 * blanks for underscores, an IANA city without its region ("new york" → America/New_York),
 * a prefix of a Rails name ("Eastern Time"), else the nearest by edit distance. (config/'s
 * key suggester sits above schedule/ in the layers, and zone names want the folding.)
 */
export function zoneSuggestion(name: string): string | undefined {
  candidates ??= [...RAILS_ZONE_MAPPING.keys(), ...TZINFO_ZONE_NAMES];
  const w = fold(name);
  const city = (c: string): string => fold(c.slice(c.lastIndexOf("/") + 1));
  const found =
    candidates.find((c) => fold(c) === w) ??
    candidates.find((c) => city(c) === w) ??
    (w.length >= 4 ? candidates.find((c) => fold(c).startsWith(w)) : undefined);
  if (found !== undefined) return found;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const c of candidates) {
    const d = Math.min(distance(w, fold(c)), distance(w, city(c)));
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

const fold = (s: string): string => s.toLowerCase().replace(/[\s_]+/g, " ").trim();

/** Levenshtein distance, one row at a time. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** Rails' default `config.time_zone` ("UTC"), as Solid Queue stores it. */
export const DEFAULT_TIME_ZONE = "Etc/UTC";
/** The virtual process's `TZ` when none is given (a container without TZ, /etc/timezone Etc/UTC). */
export const DEFAULT_TZ = "Etc/UTC";

/**
 * The process-local zone et-orbi would find: the `TZ` environment variable first
 * (et-orbi's determine_local_tzone). In a simulation that is the virtual `tz` setting,
 * never the host's.
 */
export function localZoneName(tz: string | undefined): string {
  return zoneSettingName(tz ?? DEFAULT_TZ);
}

/**
 * The zone a cron without its own is searched in: Solid Queue's `time_zone`
 * (undefined = Rails' default), or for `time_zone: nil` the process-local zone.
 */
export function effectiveTimeZone(timeZone: string | null | undefined, tz: string | undefined): string {
  return timeZone === null ? localZoneName(tz) : zoneSettingName(timeZone ?? DEFAULT_TIME_ZONE);
}
