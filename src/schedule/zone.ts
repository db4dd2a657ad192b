// UTC offsets of IANA zones, computed with the host's Intl data (no tz library is
// available). Intl is slow (about 1 µs a call), so each zone keeps a table of its
// transitions, filled lazily chunk by chunk of time.

import { daysFromCivil } from "./civil.js";
import { RAILS_ZONE_MAPPING } from "./rails-zone-names.js";
import { UnknownZoneError, zoneSuggestion } from "./zone-setting.js";

export interface Zone {
  /** The identifier (IANA name, or the written offset for a fixed-offset zone). */
  readonly name: string;
  /** Seconds east of UTC at the UTC instant `utcSec`. */
  offsetAt(utcSec: number): number;
}

export class FixedZone implements Zone {
  constructor(
    readonly name: string,
    private readonly offset: number,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
}

const CHUNK_S = 2 ** 21; // about 24 days
const SAMPLE_S = 2 ** 14; // about 4.5 hours: zones never change offset twice that fast

/** Offsets inside one chunk: constant, or segments starting at `starts[i]`. */
type Chunk = number | { starts: number[]; offsets: number[] };

const WALL = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

export class IntlZone implements Zone {
  private readonly format: Intl.DateTimeFormat;
  private readonly chunks = new Map<number, Chunk>();
  private lastIndex = Number.NaN;
  private lastChunk: Chunk = 0;

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  offsetAt(utcSec: number): number {
    const index = Math.floor(utcSec / CHUNK_S);
    let chunk: Chunk | undefined;
    if (index === this.lastIndex) chunk = this.lastChunk;
    else {
      chunk = this.chunks.get(index);
      if (chunk === undefined) {
        chunk = this.scanChunk(index);
        this.chunks.set(index, chunk);
      }
      this.lastIndex = index;
      this.lastChunk = chunk;
    }
    if (typeof chunk === "number") return chunk;
    const { starts, offsets } = chunk;
    let i = starts.length - 1;
    while (starts[i]! > utcSec) i--;
    return offsets[i]!;
  }

  /** Asks Intl directly (uncached). */
  private rawOffset(utcSec: number): number {
    const m = WALL.exec(this.format.format(utcSec * 1000));
    if (!m) throw new Error(`cannot read Intl's wall clock for zone ${this.name}`);
    const [, mo, d, y, h, mi, s] = m.map(Number) as number[];
    const days = daysFromCivil(y!, mo!, d!);
    return days * 86_400 + h! * 3600 + mi! * 60 + s! - utcSec;
  }

  private scanChunk(index: number): Chunk {
    const start = index * CHUNK_S;
    const starts = [start];
    const offsets = [this.rawOffset(start)];
    for (let t = start + SAMPLE_S; t < start + CHUNK_S + SAMPLE_S; t += SAMPLE_S) {
      const sampleEnd = Math.min(t, start + CHUNK_S - 1);
      const off = this.rawOffset(sampleEnd);
      if (off === offsets[offsets.length - 1]) continue;
      // binary search the first second with the new offset in (previous sample, sampleEnd]
      let lo = Math.max(starts[starts.length - 1]!, sampleEnd - SAMPLE_S);
      let hi = sampleEnd;
      const before = offsets[offsets.length - 1];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.rawOffset(mid) === before) lo = mid;
        else hi = mid;
      }
      starts.push(hi);
      offsets.push(off);
    }
    return offsets.length === 1 ? offsets[0]! : { starts, offsets };
  }
}

const UTC = new FixedZone("Etc/UTC", 0);
const byName = new Map<string, Zone>();

/** The zone named by an IANA identifier Intl knows (any case Intl accepts), or null. */
export function intlZone(name: string): Zone | null {
  const cached = byName.get(name);
  if (cached) return cached;
  let zone: Zone;
  try {
    zone = new IntlZone(name);
  } catch {
    return null;
  }
  if (name === "Etc/UTC" || name === "UTC") zone = new FixedZone(name, 0);
  byName.set(name, zone);
  return zone;
}

/**
 * A zone for an API option (`defaultZone`, `fromZone`, `--tz`): IANA name (any case Intl
 * accepts), one of ActiveSupport's names ("Tokyo"), or ±HH:MM. Settings are checked
 * strictly first (zoneSettingName in zone-setting.ts); this is the lenient resolver behind it.
 */
export function zoneOption(name: string): Zone {
  if (name === "Etc/UTC") return UTC;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(name);
  if (fixed) {
    let zone = byName.get(name);
    if (!zone) {
      const sec = (Number(fixed[2]) * 3600 + Number(fixed[3]) * 60) * (fixed[1] === "-" ? -1 : 1);
      byName.set(name, (zone = new FixedZone(name, sec)));
    }
    return zone;
  }
  const zone = intlZone(RAILS_ZONE_MAPPING.get(name) ?? name);
  if (!zone) throw new UnknownZoneError(name, zoneSuggestion(name));
  return zone;
}

/**
 * The UTC instants whose wall clock in `zone` reads `localSec`, ascending: one
 * normally, none in a spring-forward gap, two in a fall-back overlap.
 */
export function utcCandidates(zone: Zone, localSec: number): number[] {
  const out: number[] = [];
  for (const probe of [localSec - 86_400, localSec, localSec + 86_400]) {
    const off = zone.offsetAt(probe);
    const utc = localSec - off;
    if (zone.offsetAt(utc) === off && !out.includes(utc)) out.push(utc);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Local wall time to UTC the way JavaScript's Temporal "compatible" disambiguation does:
 * the earlier instant in an overlap, the time shifted by the gap length inside a gap.
 * (tzinfo raises instead; the callers document where Fugit would have failed.)
 */
export function utcFromLocal(zone: Zone, localSec: number): number {
  const c = utcCandidates(zone, localSec);
  if (c.length > 0) return c[0]!;
  return localSec - zone.offsetAt(localSec - 86_400);
}

export function formatOffset(offsetSec: number): string {
  const sign = offsetSec < 0 ? "-" : "+";
  const abs = Math.abs(offsetSec);
  const hh = String(Math.floor(abs / 3600)).padStart(2, "0");
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, "0");
  const ss = abs % 60;
  return `${sign}${hh}:${mm}${ss ? `:${String(ss).padStart(2, "0")}` : ""}`;
}
