// Proleptic Gregorian calendar arithmetic on plain numbers, so that no Date object
// (and no host time zone) is involved anywhere in schedule evaluation.

export const DAY_S = 86_400;

/** Days since 1970-01-01 of a calendar date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayFromDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Local wall-clock fields of a "local epoch second" (UTC instant + zone offset). */
export interface WallClock extends CivilDate {
  hour: number;
  min: number;
  sec: number;
  wday: number;
  days: number; // days since 1970-01-01 of the local date
}

export function wallClock(localSec: number): WallClock {
  const days = Math.floor(localSec / DAY_S);
  const rest = localSec - days * DAY_S;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3600);
  const min = Math.floor((rest % 3600) / 60);
  return { year, month, day, hour, min, sec: rest % 60, wday: weekdayFromDays(days), days };
}

export function localSeconds(year: number, month: number, day: number, hour = 0, min = 0, sec = 0): number {
  return daysFromCivil(year, month, day) * DAY_S + hour * 3600 + min * 60 + sec;
}
