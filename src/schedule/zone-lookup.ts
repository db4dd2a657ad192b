// How et-orbi (Fugit's time library) turns the zone written at the end of a cron
// into a zone: aliases, fixed offsets, then tzinfo names — where an unknown name is
// retried with its last character removed until something matches
// ("Europe/Parisx" is Europe/Paris, "Mars/Olympus" is nothing).

import { FixedZone, intlZone, type Zone } from "./zone.js";
import { TZINFO_ZONE_NAMES } from "./zone-names.js";
import { ScheduleCrash } from "./errors.js";

// The entries of et-orbi's alias table that the cron zone syntax can spell (the
// others contain blanks, e.g. "Romance Standard Time").
const ALIASES: Readonly<Record<string, string>> = {
  "UTC-11": "Etc/GMT+11",
  "UTC+12": "Etc/GMT-12",
  "UTC-02": "Etc/GMT+2",
  CST5CDT: "CST6CDT",
};

// et-orbi's list also holds "UTC-0".."UTC-12" and "UTC+0".."UTC+12", which tzinfo
// then refuses with InvalidTimezoneIdentifier (an exception nobody catches).
const BOGUS_UTC = /^UTC[+-](\d|1[0-2])$/;

const cache = new Map<string, Zone | null>();

/** The zone et-orbi finds for `label`, or null when it finds none. */
export function lookupZone(label: string): Zone | null {
  if (cache.has(label)) return cache.get(label)!;
  const zone = lookup(label);
  cache.set(label, zone);
  return zone;
}

function lookup(label: string): Zone | null {
  if (label === "Z") return intlZone("UTC");
  const name = ALIASES[label] ?? label;
  const offset = fixedOffset(name);
  if (offset !== undefined) return offset;
  for (let n = name; n.length > 0; n = n.slice(0, -1)) {
    if (BOGUS_UTC.test(n)) {
      throw new ScheduleCrash(`TZInfo::InvalidTimezoneIdentifier: Invalid identifier: ${n}`);
    }
    if (!TZINFO_ZONE_NAMES.has(n)) continue;
    if (n === "Factory") return new FixedZone(n, 0); // tzinfo's "-00" zone; Intl lacks it
    return intlZone(n);
  }
  return null;
}

/** `+05:30`, `-0800`, `+7`: hours at most 11 (et-orbi's rule), minutes kept with the hour's sign. */
function fixedOffset(name: string): Zone | undefined {
  const m = /^([+-][0-1]?[0-9]):?([0-5][0-9])?$/.exec(name);
  if (!m) return undefined;
  const hours = parseInt(m[1]!, 10);
  if (Math.abs(hours) > 11) return undefined; // falls through to the (failing) name lookup
  const minutes = m[2] ? parseInt(m[2], 10) : 0;
  // "-00:30" has hour 0, not negative, so et-orbi makes it +00:30
  const sec = hours * 3600 + (hours < 0 ? -minutes : minutes) * 60;
  return new FixedZone(name, sec);
}
