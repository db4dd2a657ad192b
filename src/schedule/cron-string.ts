// Fugit's to_cron_s: the normalised form of a parsed cron (lists expanded and sorted,
// names as numbers, the resolved zone name). Solid Queue appends its time_zone to this.

import type { CronSpec } from "./cron-parser.js";

export function normalisedCron(spec: CronSpec): string {
  const list = (v: readonly number[] | null): string => (v ? v.join(",") : "*");
  const weekdays = spec.weekdays
    ? spec.weekdays
        .map((r) => {
          if (r.mod) {
            const [m, k] = r.mod;
            return `${r.wday}%${m}${k < 0 ? k : k > 0 ? `+${k}` : ""}`;
          }
          return r.hash !== undefined ? `${r.wday}#${r.hash}` : String(r.wday);
        })
        .join(",") + (spec.dayAnd ? "&" : "")
    : "*";
  const seconds = spec.seconds && spec.seconds.length === 1 && spec.seconds[0] === 0 ? null : list(spec.seconds);
  return [seconds, list(spec.minutes), list(spec.hours), list(spec.monthdays), list(spec.months), weekdays, spec.zone?.name ?? null]
    .filter((f) => f !== null)
    .join(" ");
}
