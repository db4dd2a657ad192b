// Times written in a scenario (`at`, `run_until`, `wait_until`, `attempts_at`), resolved
// against the scenario's start and time zone to epoch ms:
//   "12:00", "12:00:30"            local time of the start day
//   "+3h", "+90s"                  offset from the start
//   "2026-03-02 18:00"             local date-time in time_zone
//   "2026-03-02T17:00:00Z", "...+01:00"   an instant
import { durationMs } from "../job/duration.js";
import { zoneOption, utcFromLocal } from "../schedule/zone.js";
import { localSeconds, wallClock } from "../schedule/civil.js";
import { formatIso } from "../schedule/index.js";
import { parseInstant } from "../sim/time-input.js";
import type { Issues } from "./errors.js";
import { describeNode, type SNode } from "./yaml-source.js";

export interface TimeContext {
  start: number;
  timeZone: string;
}

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export function timeForms(timeZone: string): string {
  return `a local time of the start day ("12:00", "12:00:30"), an offset from the start ("+3h", "+90s"), or an instant ("2026-03-02 18:00" read in ${timeZone}, "2026-03-02T17:00:00Z")`;
}

/** Epoch ms for a time text, or undefined when it is none of the accepted forms. */
export function resolveTimeText(text: string, ctx: TimeContext): number | undefined {
  const t = text.trim();
  if (t.startsWith("+")) {
    try {
      return ctx.start + durationMs(t.slice(1));
    } catch {
      return undefined;
    }
  }
  const clock = CLOCK.exec(t);
  if (clock !== null) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return undefined;
    const zone = zoneOption(ctx.timeZone);
    const startSec = Math.floor(ctx.start / 1000);
    const day = wallClock(startSec + zone.offsetAt(startSec));
    return utcFromLocal(zone, localSeconds(day.year, day.month, day.day, h, m, s)) * 1000;
  }
  try {
    return parseInstant(t, ctx.timeZone, "time");
  } catch {
    return undefined;
  }
}

export function readTime(node: SNode, where: string, ctx: TimeContext, issues: Issues): number | undefined {
  if (node.kind === "scalar" && typeof node.value === "string") {
    const ms = resolveTimeText(node.value, ctx);
    if (ms !== undefined) return ms;
  }
  issues.add(node.pos, `${where}: cannot read ${describeNode(node)} as a time; use ${timeForms(ctx.timeZone)}`);
  return undefined;
}

/** "2026-03-02T12:00:00+01:00" in the scenario's zone, for messages. */
export function showTime(ms: number, timeZone: string): string {
  const frac = ms % 1000;
  const iso = formatIso(ms, timeZone);
  return frac === 0 ? iso : iso.replace(/(T\d{2}:\d{2}:\d{2})/, `$1.${String(frac).padStart(3, "0")}`);
}

/** "+1h 30m" from the start. */
export function showOffset(ms: number): string {
  if (ms < 0) return `-${showOffset(-ms)}`;
  if (ms === 0) return "+0s";
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  if (rest > 0) parts.push(`${Number((rest / 1000).toFixed(3))}s`);
  return `+${parts.join(" ")}`;
}
