// What Solid Queue does with a task's `schedule:`: Fugit.parse(schedule, multi: :fail)
// (readers tried in order: cron, duration, natural language, point in time), then the
// validation that keeps only a single cron.

import { CronSearch } from "./cron.js";
import { parseCronSpec, type CronParseOptions, type CronSpec } from "./cron-parser.js";
import { normalisedCron } from "./cron-string.js";
import { isDuration } from "./duration.js";
import { ScheduleError } from "./errors.js";
import { natCronString } from "./nat.js";
import { zoneOption, type Zone } from "./zone.js";

export interface TimeOptions {
  /** Solid Queue's `time_zone`: the zone for a cron without its own. Default "Etc/UTC". */
  defaultZone?: string;
  /** The zone `from` is expressed in (it decides Fugit's fall-back skip). Default: the evaluation zone. */
  fromZone?: string;
}

export interface Schedule {
  /** What Solid Queue displays: the input for a literal cron, the generated cron for a phrase. */
  readonly original: string;
  /** The cron's own zone as written, if any. */
  readonly zone: string | null;
  /** Epoch ms of the first run strictly after `fromMs` floored to the second. */
  nextTime(fromMs: number, opts?: TimeOptions): number;
  /** Epoch ms of the last run strictly before `fromMs` floored to the second. */
  previousTime(fromMs: number, opts?: TimeOptions): number;
  /** The zone the times are computed in, given the options (IANA name or offset). */
  evaluationZone(opts?: TimeOptions): string;
  /** Fugit's to_cron_s: lists expanded, names as numbers (`0 18 * * 0,5,6 UTC`). */
  toCronString(): string;
}

export type ParseOptions = CronParseOptions;

class CronSchedule implements Schedule {
  readonly original: string;
  readonly zone: string | null;
  private readonly searches = new Map<Zone, CronSearch>();

  constructor(private readonly spec: CronSpec) {
    this.original = spec.original;
    this.zone = spec.zoneLabel;
  }

  nextTime(fromMs: number, opts: TimeOptions = {}): number {
    const search = this.search(opts);
    const fromZone = opts.fromZone === undefined ? search.zone : zoneOption(opts.fromZone);
    return search.next(fromMs / 1000, fromZone) * 1000;
  }

  previousTime(fromMs: number, opts: TimeOptions = {}): number {
    return this.search(opts).previous(fromMs / 1000) * 1000;
  }

  evaluationZone(opts: TimeOptions = {}): string {
    return this.search(opts).zone.name;
  }

  toCronString(): string {
    return normalisedCron(this.spec);
  }

  private search(opts: TimeOptions): CronSearch {
    const zone = this.spec.zone ?? zoneOption(opts.defaultZone ?? "Etc/UTC");
    let s = this.searches.get(zone);
    if (!s) {
      s = new CronSearch(this.spec, zone);
      this.searches.set(zone, s);
    }
    return s;
  }
}

/** The cron reader alone (Fugit::Cron.parse): null when `input` is not a cron. */
export function parseCron(input: string, options: ParseOptions = {}): Schedule | null {
  const spec = parseCronSpec(input, options);
  return spec ? new CronSchedule(spec) : null;
}

/**
 * A task schedule as Solid Queue reads it. Throws ScheduleError exactly where its
 * validation fails, and ScheduleCrash where Fugit raises something the validation
 * does not rescue.
 */
export function parseSchedule(input: unknown, options: ParseOptions = {}): Schedule {
  if (typeof input !== "string") throw new ScheduleError("unsupported");
  const cron = parseCron(input, options);
  if (cron) return cron;
  if (isDuration(input)) throw new ScheduleError("unsupported");
  const generated = natCronString(input);
  const fromNat = generated === null ? null : parseCron(generated, options);
  if (fromNat) return fromNat;
  throw new ScheduleError("unsupported"); // nothing, or a point in time ("tomorrow")
}
