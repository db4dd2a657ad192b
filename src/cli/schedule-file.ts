// `jobsim schedule --file config/recurring.yml [--env ENV] [--tz ZONE] [--from ISO] [--next N] [--json]`:
// every task of a recurring.yml, as Solid Queue would load it, with its next runs.

import { ConfigError, loadRecurringConfig } from "../config/index.js";
import { formatIso, parseIso, parseSchedule, ScheduleCrash, ScheduleError, ScheduleRuntimeError, zoneSettingName } from "../schedule/index.js";
import type { CommandOutput } from "./io.js";

export const SCHEDULE_FILE_USAGE = `usage: jobsim schedule --file config/recurring.yml [--env ENV] [--cpus N] [--tz ZONE] [--from ISO] [--next N] [--json]
`;

export function runScheduleFile(argv: readonly string[], out: CommandOutput, nowMs: number, env: Record<string, string | undefined>): number {
  const opts: Record<string, string> = { "--env": "development", "--tz": "Etc/UTC", "--next": "3" };
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") {
      json = true;
      continue;
    }
    const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (!["--file", "--env", "--cpus", "--tz", "--from", "--next"].includes(name!)) {
      out.stderr(`jobsim schedule: unknown option ${a}\n${SCHEDULE_FILE_USAGE}`);
      return 2;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) {
      out.stderr(`jobsim schedule: ${name} needs a value\n${SCHEDULE_FILE_USAGE}`);
      return 2;
    }
    opts[name!] = value;
  }
  const cpus = opts["--cpus"];
  if (cpus !== undefined && !(/^\d+$/.test(cpus) && Number(cpus) >= 1 && Number.isSafeInteger(Number(cpus)))) {
    out.stderr(`jobsim schedule: --cpus wants a whole number of 1 or more, got ${JSON.stringify(cpus)}\n`);
    return 2;
  }
  const next = Number(opts["--next"]);
  if (!Number.isInteger(next) || next < 1 || next > 10_000) {
    out.stderr(`jobsim schedule: --next wants a whole number from 1 to 10000\n`);
    return 2;
  }
  if (opts["--from"] !== undefined && parseIso(opts["--from"], opts["--tz"]!) === null) {
    out.stderr(`jobsim schedule: --from: not an ISO 8601 time: ${JSON.stringify(opts["--from"])}\n`);
    return 2;
  }
  try {
    opts["--tz"] = zoneSettingName(opts["--tz"]!);
  } catch (e) {
    out.stderr(`jobsim schedule: --tz: ${(e as Error).message}\n`);
    return 2;
  }
  let config;
  try {
    config = loadRecurringConfig({ path: opts["--file"]!, env: opts["--env"]!, vars: env, ...(cpus !== undefined ? { cpuCount: Number(cpus) } : {}) });
  } catch (e) {
    if (e instanceof ConfigError) {
      out.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const w of config.warnings) out.stderr(`warning: ${w}\n`);
  const rows: { key: string; job: string; schedule: string; cron?: string; next?: string[]; error?: string }[] = [];
  let bad = false;
  let searchFailed = false;
  for (const task of config.tasks) {
    const job = task.className ?? `command: ${task.command}`;
    try {
      const s = parseSchedule(task.schedule);
      const o = { defaultZone: opts["--tz"]!, fromZone: "Etc/UTC" };
      const zone = s.evaluationZone(o);
      let t = opts["--from"] === undefined ? nowMs : parseIso(opts["--from"], zone);
      if (t === null) {
        out.stderr(`jobsim schedule: --from: not an ISO 8601 time: ${JSON.stringify(opts["--from"])}\n`);
        return 2;
      }
      const times: string[] = [];
      for (let i = 0; i < next; i++) {
        t = s.nextTime(t, o);
        times.push(formatIso(t, zone));
      }
      rows.push({ key: task.key, job, schedule: task.schedule, cron: s.original, next: times });
    } catch (e) {
      if (e instanceof ScheduleRuntimeError) {
        // The time search failed, as Fugit's would at run time (exit 1, as for one schedule).
        searchFailed = true;
        rows.push({ key: task.key, job, schedule: task.schedule, error: e.message });
        continue;
      }
      if (!(e instanceof ScheduleError || e instanceof ScheduleCrash)) throw e;
      bad = true;
      rows.push({ key: task.key, job, schedule: task.schedule, error: `${task.schedulePos.file}:${task.schedulePos.line}:${task.schedulePos.col}: Schedule ${e.message}` });
    }
  }
  if (json) out.stdout(`${JSON.stringify({ file: opts["--file"], env: opts["--env"], tasks: rows })}\n`);
  else if (rows.length === 0) {
    out.stdout(`no recurring tasks in ${opts["--file"]} for environment ${opts["--env"]}${config.section === undefined ? " (the file has no such section; pass --env, e.g. --env production)" : ""}\n`);
  } else {
    for (const r of rows) {
      out.stdout(`${r.key}  ${r.job}  ${JSON.stringify(r.schedule)}\n`);
      if (r.error !== undefined) out.stdout(`  invalid: ${r.error}\n`);
      else out.stdout(`  cron: ${r.cron}\n${r.next!.map((t) => `  next: ${t}\n`).join("")}`);
    }
  }
  return bad ? 2 : searchFailed ? 1 : 0;
}
