// `jobsim schedule "<schedule>" [--tz ZONE] [--from ISO] [--next N] [--json]`:
// how Solid Queue reads a schedule and when it would run it next.

import { commandFlags, UsageError, type CommandOutput } from "./io.js";
import { runScheduleFile } from "./schedule-file.js";
import {
  formatIso,
  parseIso,
  parseSchedule,
  ScheduleCrash,
  ScheduleError,
  ScheduleRuntimeError,
  zoneSettingName,
  type Schedule,
} from "../schedule/index.js";

export type { CommandOutput } from "./io.js";

export const SCHEDULE_USAGE = `usage: jobsim schedule "<schedule>" [--tz ZONE] [--from ISO] [--next N] [--json]

  <schedule>   a cron ("0 3 * * *", "@daily Europe/Paris") or Fugit phrase ("every day at 3am")
  --tz ZONE    Solid Queue's time_zone, used when the schedule names none (default Etc/UTC):
               an IANA name or one of Rails' names ("Eastern Time (US & Canada)", "Tokyo")
  --from ISO   start time (default: now); without an offset it is read in the schedule's zone
  --next N     how many run times to print (default 5)
  --json       print one line: {"cron": "...", "next": ["<ISO 8601 with offset>", ...]}
`;

interface Flags {
  schedule: string;
  tz: string;
  from: string | null;
  next: number;
  json: boolean;
}

function readFlags(argv: readonly string[]): Flags | "help" {
  const positional: string[] = [];
  const flags: Flags = { schedule: "", tz: "Etc/UTC", from: null, next: 5, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--json") {
      flags.json = true;
      continue;
    }
    if (!arg.startsWith("--") || arg === "--") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name !== "--tz" && name !== "--from" && name !== "--next") throw new UsageError(`unknown option ${name}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
    if (name === "--tz") flags.tz = value;
    else if (name === "--from") flags.from = value;
    else {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) {
        throw new UsageError(`--next wants a whole number from 1 to 10000, got ${JSON.stringify(value)}`);
      }
      flags.next = Number(value);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(positional.length === 0 ? "missing the schedule" : "give the schedule as one quoted argument");
  }
  flags.schedule = positional[0]!;
  return flags;
}

/**
 * Runs the command; returns the exit code: 0 printed, 1 the time search failed (as
 * Fugit's would at run time), 2 bad flags or a schedule Solid Queue refuses.
 * `nowMs` is the start time when `--from` is absent (src/ never reads the clock).
 */
export function runSchedule(argv: readonly string[], out: CommandOutput, nowMs: number, env: Record<string, string | undefined> = {}): number {
  if (argv.some((a) => a === "--file" || a.startsWith("--file="))) return runScheduleFile(argv, out, nowMs, env);
  const flags = commandFlags("schedule", argv, readFlags, SCHEDULE_USAGE, out);
  if (typeof flags === "number") return flags;
  try {
    flags.tz = zoneSettingName(flags.tz); // "Tokyo" → Asia/Tokyo, as Solid Queue stores time_zone
  } catch (e) {
    out.stderr(`jobsim schedule: --tz: ${(e as Error).message}\n`);
    return 2;
  }

  let schedule: Schedule;
  try {
    schedule = parseSchedule(flags.schedule);
  } catch (e) {
    if (e instanceof ScheduleError) {
      out.stderr(`jobsim schedule: ${JSON.stringify(flags.schedule)}: Schedule ${e.message}\n`);
      return 2;
    }
    if (e instanceof ScheduleCrash) {
      out.stderr(`jobsim schedule: ${JSON.stringify(flags.schedule)}: Fugit raises ${e.message} (Solid Queue would crash)\n`);
      return 2;
    }
    throw e;
  }

  // the scheduler chains runs from UTC instants (next_time_after(run_at)); so does this
  const opts = { defaultZone: flags.tz, fromZone: "Etc/UTC" };
  const zone = schedule.evaluationZone(opts);
  const start = flags.from === null ? nowMs : parseIso(flags.from, zone);
  if (start === null) {
    out.stderr(`jobsim schedule: --from: not an ISO 8601 time: ${JSON.stringify(flags.from)}\n${SCHEDULE_USAGE}`);
    return 2;
  }
  const times: string[] = [];
  try {
    let t = start;
    for (let i = 0; i < flags.next; i++) {
      t = schedule.nextTime(t, opts);
      times.push(formatIso(t, zone));
    }
  } catch (e) {
    if (!(e instanceof ScheduleRuntimeError)) throw e;
    out.stderr(`jobsim schedule: ${e.message}\n`);
    return 1;
  }

  if (flags.json) {
    out.stdout(`{"cron": ${JSON.stringify(schedule.original)}, "next": [${times.map((t) => JSON.stringify(t)).join(", ")}]}\n`);
  } else {
    const source = schedule.zone !== null ? "the schedule's own" : flags.tz === "Etc/UTC" ? "default" : "--tz";
    out.stdout(
      `cron: ${schedule.original}\nzone: ${zone} (${source})\nnext ${times.length}:\n` +
        times.map((t) => `  ${t}\n`).join(""),
    );
  }
  return 0;
}
