// Calendar questions Fugit's cron search asks about a zone, answered the way
// et-orbi answers them (including its quirks), and cached per zone.

import { civilFromDays, DAY_S, daysFromCivil, localSeconds, weekdayFromDays, type CivilDate, type WallClock } from "./civil.js";
import { utcCandidates, utcFromLocal, type Zone } from "./zone.js";

const RWEEK_REFERENCE_DAYS = daysFromCivil(2018, 12, 31); // et-orbi >= 1.4: Monday 2018-12-31

export class ZoneCalendar {
  private readonly monthEnds = new Map<number, number>();
  private readonly rweeks = new Map<number, number>();
  private readonly referenceNoon: number;

  constructor(readonly zone: Zone) {
    this.referenceNoon = utcFromLocal(zone, RWEEK_REFERENCE_DAYS * DAY_S + 43_200);
  }

  private lastDays = Number.NaN;
  private lastDate: CivilDate = { year: 0, month: 0, day: 0 };

  /** The wall clock at `utcSec`; the search asks many times a day, so the date is reused. */
  wall(utcSec: number): WallClock {
    const local = utcSec + this.zone.offsetAt(utcSec);
    const days = Math.floor(local / DAY_S);
    if (days !== this.lastDays) {
      this.lastDays = days;
      this.lastDate = civilFromDays(days);
    }
    const rest = local - days * DAY_S;
    const { year, month, day } = this.lastDate;
    return {
      year,
      month,
      day,
      hour: Math.floor(rest / 3600),
      min: Math.floor((rest % 3600) / 60),
      sec: rest % 60,
      wday: weekdayFromDays(days),
      days,
    };
  }

  /** Local midnight starting the 1st of `month` (13 = January of the next year). */
  startOfMonth(year: number, month: number): number {
    const [y, m] = month > 12 ? [year + 1, month - 12] : [year, month];
    // tzinfo raises when that midnight is skipped or repeated; we take the first instant
    return utcFromLocal(this.zone, localSeconds(y, m, 1));
  }

  /** Instants reading local midnight of that date: [] inside a gap. */
  midnights(year: number, month: number, day: number): number[] {
    return utcCandidates(this.zone, localSeconds(year, month, day));
  }

  /**
   * One more than the month's last day, as Fugit computes it: the local day of
   * (next month's first midnight − 24 h). On a month whose last day has 23 hours
   * (Europe, 2024-03-31) this lands on the 30th, so `L` means the 30th there.
   */
  monthEnd(year: number, month: number): number {
    const key = year * 12 + month;
    let end = this.monthEnds.get(key);
    if (end === undefined) {
      end = this.wall(this.startOfMonth(year, month + 1) - DAY_S).day + 1;
      this.monthEnds.set(key, end);
    }
    return end;
  }

  /**
   * et-orbi's rweek: whole days from the reference Monday's local noon to this day's
   * local noon, floored, then divided by 7 (floored). A larger UTC offset than on the
   * reference day makes the day count come out one short.
   */
  rweek(localDays: number): number {
    let w = this.rweeks.get(localDays);
    if (w === undefined) {
      const noon = utcFromLocal(this.zone, localDays * DAY_S + 43_200);
      const rday = Math.floor((noon - this.referenceNoon) / DAY_S);
      w = Math.floor(rday / 7);
      this.rweeks.set(localDays, w);
    }
    return w;
  }
}

const calendars = new WeakMap<Zone, ZoneCalendar>();

export function calendarOf(zone: Zone): ZoneCalendar {
  let c = calendars.get(zone);
  if (!c) {
    c = new ZoneCalendar(zone);
    calendars.set(zone, c);
  }
  return c;
}
