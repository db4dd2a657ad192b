import type { AnyJobClass } from "../job/registry.js";
import type { JobPayload } from "../job/payload.js";
import { failedError } from "../store/failed-executions.js";
import { findJobs, type JobRow } from "../store/jobs.js";
import type { Store } from "../store/store.js";

// A job as a test or report sees it: the row, its status (spec §1.4) and its payload.

export type JobStatus = "finished" | "ready" | "claimed" | "failed" | "scheduled" | "blocked" | "none";

export interface JobView extends JobRow {
  status: JobStatus;
  payload: JobPayload;
  /** The stored positional arguments (serialized form). */
  args: unknown[];
  error?: { exceptionClass: string; message: string; backtrace: string[] };
}

export interface JobFilter {
  className?: string | AnyJobClass;
  status?: JobStatus;
  queue?: string;
  activeJobId?: string;
}

const STATUS_ORDER: [JobStatus, string][] = [
  ["ready", "solid_queue_ready_executions"],
  ["claimed", "solid_queue_claimed_executions"],
  ["failed", "solid_queue_failed_executions"],
  ["scheduled", "solid_queue_scheduled_executions"],
  ["blocked", "solid_queue_blocked_executions"],
];

export function jobStatus(store: Store, row: JobRow): JobStatus {
  if (row.finishedAt !== null) return "finished";
  for (const [status, table] of STATUS_ORDER) if (store.db.row(`SELECT 1 FROM ${table} WHERE job_id = ?`, [row.id]) !== undefined) return status;
  return "none";
}

/** The status of every unfinished job that has an execution (one query per execution table). */
function statusesByJob(store: Store): Map<number, JobStatus> {
  const status = new Map<number, JobStatus>();
  // The first table in Solid Queue's order wins, so fill from the last to the first.
  for (let i = STATUS_ORDER.length - 1; i >= 0; i--) {
    const [s, table] = STATUS_ORDER[i]!;
    for (const [id] of store.db.rows(`SELECT job_id FROM ${table}`)) status.set(id as number, s);
  }
  return status;
}

/** The error of every failed execution, by job id. */
function failedErrors(store: Store): Map<number, NonNullable<JobView["error"]>> {
  const errors = new Map<number, NonNullable<JobView["error"]>>();
  for (const [id, error] of store.db.rows("SELECT job_id, error FROM solid_queue_failed_executions")) {
    if (error === null) continue;
    const f = JSON.parse(error as string) as { exception_class: string; message: string; backtrace: string[] };
    errors.set(id as number, { exceptionClass: f.exception_class, message: f.message, backtrace: f.backtrace });
  }
  return errors;
}

/** Views of many rows at once: one query per execution table instead of five per job. */
export function jobViews(store: Store, rows: readonly JobRow[]): JobView[] {
  const status = statusesByJob(store);
  const errors = failedErrors(store);
  return rows.map((row) => {
    const payload = JSON.parse(row.arguments) as JobPayload;
    const view: JobView = { ...row, status: row.finishedAt !== null ? "finished" : (status.get(row.id) ?? "none"), payload, args: payload.arguments };
    const e = errors.get(row.id);
    if (view.status === "failed" && e !== undefined) view.error = e;
    return view;
  });
}

/** What a scenario's expectations and reports read of a job: no payload, no row text. */
export type JobOutline = Pick<JobView, "id" | "className" | "queueName" | "priority" | "activeJobId" | "status" | "args" | "error">;

/**
 * Every job row as an outline, by id. A view keeps the row's payload text and its parsed
 * payload, ~2 KB a job: for a 100,000-job scenario that was 240 MB held at once, its run's
 * peak (docs/performance.md). Rows are read one at a time and only the outline is kept.
 */
export function jobOutlines(store: Store): JobOutline[] {
  const status = statusesByJob(store);
  const errors = failedErrors(store);
  const out: JobOutline[] = [];
  store.db.each("SELECT id, class_name, queue_name, priority, active_job_id, finished_at IS NOT NULL, arguments FROM solid_queue_jobs ORDER BY id", undefined, (r) => {
    const id = r[0] as number;
    const s: JobStatus = r[5] === 1 ? "finished" : (status.get(id) ?? "none");
    const args = (JSON.parse(r[6] as string) as JobPayload).arguments;
    const outline: JobOutline = { id, className: r[1] as string, queueName: r[2] as string, priority: r[3] as number, activeJobId: r[4] as string, status: s, args };
    const e = errors.get(id);
    if (s === "failed" && e !== undefined) outline.error = e;
    out.push(outline);
  });
  return out;
}

export function jobView(store: Store, row: JobRow): JobView {
  const status = jobStatus(store, row);
  const payload = JSON.parse(row.arguments) as JobPayload;
  const view: JobView = { ...row, status, payload, args: payload.arguments };
  if (status === "failed") {
    const e = failedError(store, row.id);
    if (e !== undefined) view.error = { exceptionClass: e.exception_class, message: e.message, backtrace: e.backtrace };
  }
  return view;
}

/** Jobs as rows plus status, filtered by class, status, queue or active job id. */
export function findJobViews(store: Store, filter: JobFilter = {}): JobView[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.className !== undefined) {
    where.push("class_name = ?");
    params.push(typeof filter.className === "string" ? filter.className : filter.className.jobClassName);
  }
  if (filter.queue !== undefined) {
    where.push("queue_name = ?");
    params.push(filter.queue);
  }
  if (filter.activeJobId !== undefined) {
    where.push("active_job_id = ?");
    params.push(filter.activeJobId);
  }
  const rows = findJobs(store, where.length === 0 ? "1" : where.join(" AND "), params);
  const views = rows.length > 20 ? jobViews(store, rows) : rows.map((r) => jobView(store, r));
  return filter.status === undefined ? views : views.filter((v) => v.status === filter.status);
}
