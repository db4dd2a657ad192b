import type { SqlValue } from "sql.js";
import type { Store } from "./store.js";
import { dbTime, parseDbTime } from "./time.js";

// solid_queue_scheduled_executions: jobs not yet due (spec §2.3).

export interface ScheduledRow {
  jobId: number;
  queueName: string;
  priority: number;
  scheduledAt: number;
}

export function insertScheduled(store: Store, jobId: number, queueName: string, priority: number, scheduledAt: number): void {
  store.dirtyJobs.add(jobId);
  store.db.write(
    "INSERT INTO solid_queue_scheduled_executions (id, job_id, queue_name, priority, scheduled_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    [store.nextId("solid_queue_scheduled_executions"), jobId, queueName, priority, dbTime(scheduledAt), store.nowText()],
  );
  store.bump("scheduled", 1);
  store.onScheduled(scheduledAt);
}

/** Bulk enqueue's scheduled rows: one multi-row insert per chunk (Solid Queue's insert_all). */
export function insertScheduledMany(store: Store, rows: readonly ScheduledRow[]): void {
  const now = store.nowText();
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params: SqlValue[] = [];
    for (const r of chunk) {
      store.dirtyJobs.add(r.jobId);
      params.push(store.nextId("solid_queue_scheduled_executions"), r.jobId, r.queueName, r.priority, dbTime(r.scheduledAt), now);
    }
    store.db.write(`${INSERT_HEAD} ${Array.from({ length: chunk.length }, () => "(?, ?, ?, ?, ?, ?)").join(", ")}`, params);
    store.bump("scheduled", chunk.length);
  }
  for (const r of rows) store.onScheduled(r.scheduledAt);
}

const CHUNK = 500;
const INSERT_HEAD = "INSERT INTO solid_queue_scheduled_executions (id, job_id, queue_name, priority, scheduled_at, created_at) VALUES";

/** Due rows (`scheduled_at <= now`) in dispatch order: scheduled_at, priority, job_id. */
export function dueScheduled(store: Store, limit: number): ScheduledRow[] {
  return store.db
    .rows(
      "SELECT job_id, queue_name, priority, scheduled_at FROM solid_queue_scheduled_executions WHERE scheduled_at <= ? ORDER BY scheduled_at, priority, job_id LIMIT ?",
      [store.nowText(), limit],
    )
    .map((r) => ({ jobId: r[0] as number, queueName: r[1] as string, priority: r[2] as number, scheduledAt: parseDbTime(r[3] as string) }));
}

export function deleteScheduled(store: Store, jobId: number): void {
  store.dirtyJobs.add(jobId);
  store.db.write("DELETE FROM solid_queue_scheduled_executions WHERE job_id = ?", [jobId]);
  if (store.db.changes() > 0) store.bump("scheduled", -1);
}

/** One delete for a dispatch batch (Solid Queue: `where(job_id: ids).delete_all`). */
export function deleteScheduledMany(store: Store, jobIds: readonly number[]): void {
  if (jobIds.length === 0) return;
  for (const id of jobIds) store.dirtyJobs.add(id);
  store.db.write(`DELETE FROM solid_queue_scheduled_executions WHERE job_id IN (${jobIds.map(() => "?").join(", ")})`, [...jobIds]);
  const deleted = store.db.changes();
  if (deleted > 0) store.bump("scheduled", -deleted);
}

/** The earliest scheduled_at, for the dispatcher's wake-up; undefined when the table is empty. */
export function earliestScheduledAt(store: Store): number | undefined {
  if (store.scheduledCount === 0) return undefined;
  const r = store.db.row("SELECT MIN(scheduled_at) FROM solid_queue_scheduled_executions");
  return r?.[0] == null ? undefined : parseDbTime(r[0] as string);
}
