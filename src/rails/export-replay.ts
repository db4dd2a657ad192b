// A production export -> what jobsim needs to replay it: one arrival per job at its recorded
// created_at (retries, which Solid Queue stores as new rows with the same active_job_id, are
// left to the simulation's own retry_on), run-time samples per class, and final failures per
// class and error class.
//   solid_queue_jobs            required: id, class_name, queue_name, created_at
//                               optional: priority, arguments, scheduled_at, finished_at,
//                                         active_job_id, duration_ms
//   solid_queue_failed_executions  required: job_id, error (optional)
//   durations (perform.active_job) required: duration (ms) and job_id (the active job id) or active_job_id
import { ConfigError } from "../config/index.js";
import { argumentsOf } from "./export-arguments.js";
import { requireColumns, timestampOf, type Cell, type ExportTable } from "./export-table.js";

export const JOB_COLUMNS = ["id", "class_name", "queue_name", "created_at"] as const;
export const FAILED_COLUMNS = ["job_id", "error"] as const;
export const DURATION_COLUMNS = ["duration"] as const;

export interface Arrival {
  at: number;
  job: string;
  args: unknown[];
  queue: string;
  priority: number;
  /** When the job was scheduled for later than it was enqueued. */
  waitUntil?: number;
}

export interface ClassStats {
  /** Run times in seconds, one per execution that has one. */
  samples: number[];
  /** True when samples were estimated (finished_at minus start), not measured. */
  estimated: boolean;
  /** Rows of the class, retries included. */
  executions: number;
  retries: number;
  /** Final failures by error class. */
  failures: Map<string, number>;
}

export interface Replay {
  arrivals: Arrival[];
  classes: Map<string, ClassStats>;
  excluded: number;
}

function text(row: Map<string, Cell>, column: string): string | undefined {
  const c = row.get(column);
  if (c === undefined || c.value === null) return undefined;
  return typeof c.value === "object" ? JSON.stringify(c.value) : String(c.value);
}

function required(row: Map<string, Cell>, column: string): string {
  const v = text(row, column);
  if (v === undefined || v.trim() === "") throw ConfigError.at(row.get(column)?.pos ?? row.values().next().value?.pos, `${column} is empty; every job needs one`);
  return v;
}

function numberOf(row: Map<string, Cell>, column: string, fallback: number): number {
  const c = row.get(column);
  if (c === undefined || c.value === null || c.value === "") return fallback;
  const n = Number(c.value);
  if (!Number.isFinite(n)) throw ConfigError.at(c.pos, `${column}: ${JSON.stringify(c.value)} is not a number`);
  return n;
}

function stats(classes: Map<string, ClassStats>, name: string): ClassStats {
  let s = classes.get(name);
  if (s === undefined) {
    s = { samples: [], estimated: false, executions: 0, retries: 0, failures: new Map() };
    classes.set(name, s);
  }
  return s;
}

export function replayExport(jobs: ExportTable, opts: { failed?: ExportTable; durations?: ExportTable; exclude?: ReadonlySet<string> } = {}): Replay {
  requireColumns(jobs, JOB_COLUMNS, "solid_queue_jobs export");
  if (opts.failed !== undefined) requireColumns(opts.failed, FAILED_COLUMNS, "solid_queue_failed_executions export");
  if (opts.durations !== undefined) requireColumns(opts.durations, DURATION_COLUMNS, "durations export");
  const exclude = opts.exclude ?? new Set<string>();
  const classes = new Map<string, ClassStats>();
  const arrivals: (Arrival & { id: number })[] = [];
  const seen = new Set<string>();
  const classOfJobId = new Map<string, string>();
  const classOfActiveJobId = new Map<string, string>();
  let excluded = 0;
  const measured = new Map<string, number[]>();
  if (opts.durations !== undefined) {
    for (const row of opts.durations.rows) {
      const key = text(row, "active_job_id") ?? text(row, "job_id");
      if (key === undefined) throw ConfigError.at(row.values().next().value?.pos, `durations export: each line needs "job_id" or "active_job_id" (the Active Job id)`);
      const ms = numberOf(row, "duration", NaN);
      if (!(ms >= 0)) throw ConfigError.at(row.get("duration")!.pos, `duration must be milliseconds (0 or more), got ${JSON.stringify(row.get("duration")!.value)}`);
      const list = measured.get(key) ?? [];
      list.push(ms / 1000);
      measured.set(key, list);
    }
  }
  for (const row of jobs.rows) {
    const className = required(row, "class_name");
    const id = required(row, "id");
    classOfJobId.set(id, className);
    if (exclude.has(className)) {
      excluded++;
      continue;
    }
    const s = stats(classes, className);
    s.executions++;
    const created = timestampOf(row.get("created_at")!, "created_at");
    const scheduledCell = row.get("scheduled_at");
    const scheduled = scheduledCell === undefined || scheduledCell.value === null ? undefined : timestampOf(scheduledCell, "scheduled_at");
    const activeJobId = text(row, "active_job_id");
    if (activeJobId !== undefined) classOfActiveJobId.set(activeJobId, className);
    const durationMs = row.get("duration_ms");
    if (durationMs !== undefined && durationMs.value !== null) s.samples.push(numberOf(row, "duration_ms", 0) / 1000);
    else if (opts.durations === undefined) {
      const finished = row.get("finished_at");
      if (finished !== undefined && finished.value !== null) {
        // No measured duration: finished_at minus when it could start; includes any queue wait.
        s.samples.push(Math.max(0, timestampOf(finished, "finished_at") - Math.max(created, scheduled ?? created)) / 1000);
        s.estimated = true;
      }
    }
    if (activeJobId !== undefined && seen.has(activeJobId)) {
      s.retries++;
      continue;
    }
    if (activeJobId !== undefined) seen.add(activeJobId);
    const args = argumentsOf(row.get("arguments")?.value ?? null);
    if (args === undefined) throw ConfigError.at(row.get("arguments")!.pos, "arguments: not the JSON of an Active Job payload ({\"arguments\": [...], ...}) or of an argument list");
    const arrival: Arrival & { id: number } = { id: Number(id), at: created, job: className, args, queue: required(row, "queue_name"), priority: numberOf(row, "priority", 0) };
    if (scheduled !== undefined && scheduled > created) arrival.waitUntil = scheduled;
    arrivals.push(arrival);
  }
  for (const [key, list] of measured) {
    const className = classOfActiveJobId.get(key);
    if (className !== undefined && !exclude.has(className)) stats(classes, className).samples.push(...list);
  }
  if (opts.failed !== undefined) {
    for (const row of opts.failed.rows) {
      const className = classOfJobId.get(required(row, "job_id"));
      if (className === undefined || exclude.has(className)) continue;
      const failures = stats(classes, className).failures;
      const error = errorClassOf(text(row, "error"));
      failures.set(error, (failures.get(error) ?? 0) + 1);
    }
  }
  arrivals.sort((a, b) => a.at - b.at || a.id - b.id);
  return { arrivals: arrivals.map(({ id: _, ...a }) => a), classes, excluded };
}

/** Solid Queue stores {"exception_class": ..., "message": ..., "backtrace": [...]} as JSON. */
function errorClassOf(error: string | undefined): string {
  if (error === undefined) return "StandardError";
  try {
    const parsed = JSON.parse(error) as { exception_class?: unknown };
    if (typeof parsed.exception_class === "string") return parsed.exception_class;
  } catch {
    // not JSON: a bare class name
  }
  return /^[A-Z][\w:]*$/.test(error.trim()) ? error.trim() : "StandardError";
}

const MAX_SAMPLES = 200;

/** At most 200 samples, as evenly spaced order statistics (the distribution's shape is kept), in ms precision. */
export function sampleSet(samples: readonly number[]): number[] {
  const sorted = [...samples].sort((a, b) => a - b);
  const picked = sorted.length <= MAX_SAMPLES ? sorted : Array.from({ length: MAX_SAMPLES }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (MAX_SAMPLES - 1))]!);
  return picked.map((s) => Math.round(s * 1000) / 1000);
}
