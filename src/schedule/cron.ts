// Fugit's next/previous time search, step for step: a cursor walks forward (or
// backward) from the start, jumping to the next month, day, hour or minute boundary
// whenever a field does not match, in absolute seconds, reading the wall clock of the
// evaluation zone after each jump. Reproducing the walk itself (rather than solving
// for the answer) is what carries over Fugit's DST behaviour and its quirks.

import { daysInMonth, type WallClock } from "./civil.js";
import type { CronSpec } from "./cron-parser.js";
import { ScheduleRuntimeError } from "./errors.js";
import { calendarOf, type ZoneCalendar } from "./zone-calendar.js";
import type { Zone } from "./zone.js";

const MAX_STEPS = 2048;

/** A cron with lookup tables, bound to the zone it is evaluated in. */
export class CronSearch {
  private readonly cal: ZoneCalendar;
  private readonly sec: Uint8Array | null;
  private readonly min: Uint8Array | null;
  private readonly hour: Uint8Array | null;
  private readonly month: Uint8Array | null;

  constructor(
    private readonly spec: CronSpec,
    readonly zone: Zone,
  ) {
    this.cal = calendarOf(zone);
    this.sec = table(spec.seconds, 60);
    this.min = table(spec.minutes, 60);
    this.hour = table(spec.hours, 24);
    this.month = table(spec.months, 13);
  }

  /**
   * The first match strictly after `fromSec` (fraction dropped), as Fugit's
   * next_time(from) with `from` expressed in `fromZone`: a match whose wall clock
   * equals `from`'s own wall clock but whose UTC offset differs is skipped (that is
   * how a repeated hour at a fall-back fires once when `from` is in the same zone).
   */
  next(fromSec: number, fromZone: Zone): number {
    let t = Math.floor(fromSec);
    let ifrom = t;
    let sfrom = t + fromZone.offsetAt(t);
    let zfrom = this.zone.offsetAt(t);
    for (let i = 1; ; i++) {
      if (i > MAX_STEPS) throw this.tooManyLoops("next_time", "https://git.io/fjJC9");
      if (t === ifrom) {
        t += 1;
        continue;
      }
      const w = this.cal.wall(t);
      if (this.month && !this.month[w.month]) {
        t = this.cal.startOfMonth(w.year, w.month + 1);
        continue;
      }
      if (!this.dayMatch(w)) {
        t = this.nextDay(t, w);
        continue;
      }
      if (this.hour && !this.hour[w.hour]) {
        t += (60 - w.min) * 60 - w.sec;
        continue;
      }
      if (this.min && !this.min[w.min]) {
        t += 60 - w.sec;
        continue;
      }
      if (this.sec && !this.sec[w.sec]) {
        const s = this.spec.seconds!;
        const later = s.find((x) => x > w.sec);
        t += later !== undefined ? later - w.sec : 60 - w.sec + s[0]!;
        continue;
      }
      const offset = this.zone.offsetAt(t);
      if (t + offset === sfrom && offset !== zfrom) {
        ifrom = t;
        sfrom = t + offset;
        zfrom = offset;
        continue;
      }
      return t;
    }
  }

  /** The last match strictly before `fromSec` (fraction dropped), as Fugit's previous_time. */
  previous(fromSec: number): number {
    let t = Math.floor(fromSec) - 1;
    for (let i = 1; ; i++) {
      if (i > MAX_STEPS) throw this.tooManyLoops("previous_time", "https://git.io/fjJCQ");
      const w = this.cal.wall(t);
      if (this.month && !this.month[w.month]) {
        t -= (w.day - 1) * 86_400 + w.hour * 3600 + w.min * 60 + w.sec + 1;
        continue;
      }
      if (!this.dayMatch(w)) {
        t -= w.hour * 3600 + w.min * 60 + w.sec + 1;
        continue;
      }
      if (this.hour && !this.hour[w.hour]) {
        t -= w.min * 60 + w.sec + 1;
        continue;
      }
      if (this.min && !this.min[w.min]) {
        t -= w.sec + 1;
        continue;
      }
      if (this.sec && !this.sec[w.sec]) {
        const s = this.spec.seconds!;
        const earlier = [...s].reverse().find((x) => x < w.sec) ?? s[s.length - 1]!;
        t += earlier - w.sec - (w.sec > earlier ? 0 : 60);
        continue;
      }
      return t;
    }
  }

  // Jump to the next local midnight: add what would be left of a 24-hour day, then
  // correct when a DST change made the day shorter or longer (Fugit's inc_day).
  private nextDay(t: number, w: WallClock): number {
    t += (24 - w.hour) * 3600 - w.min * 60 - w.sec;
    const n = this.cal.wall(t);
    if (n.hour === 0) return t;
    if (n.hour < 12) {
      const midnight = this.cal.midnights(n.year, n.month, n.day);
      // midnight skipped by DST: Fugit then jumps a further (24 - hour) hours, past that day
      return midnight.length > 0 ? midnight[0]! : t + (24 - n.hour) * 3600;
    }
    return t + (24 - n.hour) * 3600;
  }

  private dayMatch(w: WallClock): boolean {
    const { weekdays, monthdays } = this.spec;
    if (weekdays && monthdays) {
      return this.spec.dayAnd
        ? this.weekdayMatch(w) && this.monthdayMatch(w)
        : this.weekdayMatch(w) || this.monthdayMatch(w);
    }
    return this.weekdayMatch(w) && this.monthdayMatch(w);
  }

  private weekdayMatch(w: WallClock): boolean {
    const rules = this.spec.weekdays;
    if (!rules) return true;
    for (const r of rules) {
      if (r.wday !== w.wday) continue;
      if (r.hash === undefined && r.mod === undefined) return true;
      if (r.mod) {
        const [m, k] = r.mod;
        if (m === 0) throw new ScheduleRuntimeError("ZeroDivisionError: divided by 0");
        if (mod(this.cal.rweek(w.days), m) === mod(k, m)) return true;
      } else if (r.hash !== undefined) {
        const fromStart = Math.floor((w.day - 1) / 7) + 1;
        const fromEnd = -(Math.floor((daysInMonth(w.year, w.month) - w.day) / 7) + 1);
        if (r.hash === fromStart || r.hash === fromEnd) return true;
      }
    }
    return false;
  }

  private monthdayMatch(w: WallClock): boolean {
    const days = this.spec.monthdays;
    if (!days) return true;
    const end = this.cal.monthEnd(w.year, w.month);
    for (const d of days) if ((d < 1 ? end + d : d) === w.day) return true;
    return false;
  }

  private tooManyLoops(method: string, url: string): ScheduleRuntimeError {
    return new ScheduleRuntimeError(
      `too many loops for ${JSON.stringify(this.spec.original)} #${method}, breaking, ` +
        `cron expression most likely invalid (Feb 30th like?), please fill an issue at ${url}`,
    );
  }
}

function table(values: readonly number[] | null, size: number): Uint8Array | null {
  if (!values) return null;
  const t = new Uint8Array(size);
  for (const v of values) t[v] = 1;
  return t;
}

/** Ruby's modulo: the sign of the divisor. */
function mod(x: number, m: number): number {
  return ((x % m) + m) % m;
}
