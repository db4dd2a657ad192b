import type { SqlValue } from "./sql-types.js";
import type { Store } from "./store.js";
import { dbTime, parseDbTime } from "./time.js";

// solid_queue_jobs: one row per enqueue, including each Active Job retry (spec §1.1).

export interface NewJob {
  queueName: string;
  className: string;
  arguments: string;
  priority: number;
  activeJobId: string;
  scheduledAt: number; // epoch ms; immediate enqueues use now
  concurrencyKey: string | null;
}

export interface JobRow {
  id: number;
  queueName: string;
  className: string;
  arguments: string;
  priority: number;
  activeJobId: string;
  scheduledAt: number | null;
  finishedAt: number | null;
  concurrencyKey: string | null;
  createdAt: number;
}

const INSERT =
  "INSERT INTO solid_queue_jobs (id, queue_name, class_name, arguments, priority, active_job_id, scheduled_at, concurrency_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

export function insertJob(store: Store, job: NewJob): number {
  const id = store.nextId("solid_queue_jobs");
  const now = store.nowText();
  store.dirtyJobs.add(id);
  store.db.write(INSERT, [id, job.queueName, job.className, job.arguments, job.priority, job.activeJobId, dbTime(job.scheduledAt), job.concurrencyKey, now, now]);
  return id;
}

/** One multi-row insert per chunk (spec §2.2: input order gives increasing ids). */
export function insertJobs(store: Store, jobs: readonly NewJob[]): number[] {
  const ids: number[] = [];
  const now = store.nowText();
  for (let start = 0; start < jobs.length; start += CHUNK) {
    const chunk = jobs.slice(start, start + CHUNK);
    const params: SqlValue[] = [];
    for (const job of chunk) {
      const id = store.nextId("solid_queue_jobs");
      ids.push(id);
      store.dirtyJobs.add(id);
      params.push(id, job.queueName, job.className, job.arguments, job.priority, job.activeJobId, dbTime(job.scheduledAt), job.concurrencyKey, now, now);
    }
    store.db.write(multiInsertSql(chunk.length), params);
  }
  return ids;
}

const CHUNK = 500;
const multiSql = new Map<number, string>();
function multiInsertSql(n: number): string {
  let sql = multiSql.get(n);
  if (sql === undefined) {
    sql = INSERT.replace(/VALUES .*$/, `VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`);
    multiSql.set(n, sql);
  }
  return sql;
}

export function markFinished(store: Store, jobId: number): void {
  store.dirtyJobs.add(jobId);
  const now = store.nowText();
  store.db.write("UPDATE solid_queue_jobs SET finished_at = ?, updated_at = ? WHERE id = ?", [now, now, jobId]);
}

/**
 * Deletes a job row; its execution rows go by cascade (callers adjust the store's counts). The
 * id is remembered so the no-job-lost invariant can tell a purposeful delete from a loss; the
 * reason documents the callers.
 */
export function deleteJob(store: Store, jobId: number, _reason: JobDeletion): void {
  store.dirtyJobs.add(jobId);
  store.db.write("DELETE FROM solid_queue_jobs WHERE id = ?", [jobId]);
  if (store.db.changes() > 0) store.forgetJob(jobId);
}

export type JobDeletion = "discarded_on_conflict" | "finished_not_preserved" | "discarded" | "cleared";

export function updateJobArguments(store: Store, jobId: number, args: string): void {
  store.db.write("UPDATE solid_queue_jobs SET arguments = ?, updated_at = ? WHERE id = ?", [args, store.nowText(), jobId]);
}

const SELECT_COLUMNS = "id, queue_name, class_name, arguments, priority, active_job_id, scheduled_at, finished_at, concurrency_key, created_at";

export function findJob(store: Store, jobId: number): JobRow | undefined {
  const r = store.db.row(`SELECT ${SELECT_COLUMNS} FROM solid_queue_jobs WHERE id = ?`, [jobId]);
  return r === undefined ? undefined : toJobRow(r);
}

/** Rows by id, in the order of `ids` (missing ones left out). */
export function findJobsByIds(store: Store, ids: readonly number[]): JobRow[] {
  if (ids.length === 0) return [];
  const rows = store.db.rows(`SELECT ${SELECT_COLUMNS} FROM solid_queue_jobs WHERE id IN (${ids.map(() => "?").join(", ")})`, [...ids]).map(toJobRow);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function findJobs(store: Store, where = "1", params: SqlValue[] = []): JobRow[] {
  return store.db.rows(`SELECT ${SELECT_COLUMNS} FROM solid_queue_jobs WHERE ${where} ORDER BY id`, params).map(toJobRow);
}

export function toJobRow(r: SqlValue[]): JobRow {
  return {
    id: r[0] as number,
    queueName: r[1] as string,
    className: r[2] as string,
    arguments: r[3] as string,
    priority: r[4] as number,
    activeJobId: r[5] as string,
    scheduledAt: r[6] === null ? null : parseDbTime(r[6] as string),
    finishedAt: r[7] === null ? null : parseDbTime(r[7] as string),
    concurrencyKey: r[8] as string | null,
    createdAt: parseDbTime(r[9] as string),
  };
}

/** Finished rows with finished_at strictly before `before` (spec §8). */
export function clearFinished(store: Store, beforeMs: number, batchSize: number, className?: string): number {
  const params: SqlValue[] = [dbTime(beforeMs)];
  let sql = "SELECT id FROM solid_queue_jobs WHERE finished_at IS NOT NULL AND finished_at < ?";
  if (className !== undefined) {
    sql += " AND class_name = ?";
    params.push(className);
  }
  const ids = store.db.rows(`${sql} LIMIT ${Math.floor(batchSize)}`, params).map((r) => r[0] as number);
  for (const id of ids) deleteJob(store, id, "cleared");
  return ids.length;
}
