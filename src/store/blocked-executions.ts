import type { Store } from "./store.js";
import { dbTime } from "./time.js";

// solid_queue_blocked_executions: jobs waiting for a concurrency slot (spec §3.5, §3.6).

export interface BlockedRow {
  jobId: number;
  queueName: string;
  priority: number;
  concurrencyKey: string;
}

/** Idempotent per job, as Solid Queue's create_or_find. */
export function insertBlocked(store: Store, jobId: number, queueName: string, priority: number, key: string, expiresAt: number): void {
  store.dirtyJobs.add(jobId);
  store.db.write(
    "INSERT OR IGNORE INTO solid_queue_blocked_executions (id, job_id, queue_name, priority, concurrency_key, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [store.nextId("solid_queue_blocked_executions"), jobId, queueName, priority, key, dbTime(expiresAt), store.nowText()],
  );
  if (store.db.changes() > 0) store.bump("blocked", 1);
}

/** The next blocked job of a key: lowest (priority, job_id). */
export function nextBlocked(store: Store, key: string): BlockedRow | undefined {
  const r = store.db.row(
    "SELECT job_id, queue_name, priority, concurrency_key FROM solid_queue_blocked_executions WHERE concurrency_key = ? ORDER BY priority, job_id LIMIT 1",
    [key],
  );
  return r === undefined ? undefined : { jobId: r[0] as number, queueName: r[1] as string, priority: r[2] as number, concurrencyKey: r[3] as string };
}

export function deleteBlocked(store: Store, jobId: number): void {
  store.dirtyJobs.add(jobId);
  store.db.write("DELETE FROM solid_queue_blocked_executions WHERE job_id = ?", [jobId]);
  if (store.db.changes() > 0) store.bump("blocked", -1);
}

export function blockedRow(store: Store, jobId: number): BlockedRow | undefined {
  const r = store.db.row("SELECT job_id, queue_name, priority, concurrency_key FROM solid_queue_blocked_executions WHERE job_id = ?", [jobId]);
  return r === undefined ? undefined : { jobId: r[0] as number, queueName: r[1] as string, priority: r[2] as number, concurrencyKey: r[3] as string };
}

/** Distinct keys of expired blocked executions (`expires_at < now`), ascending, at most `limit`. */
export function expiredBlockedKeys(store: Store, limit: number): string[] {
  if (store.blockedCount === 0) return [];
  return store.db
    .rows("SELECT DISTINCT concurrency_key FROM solid_queue_blocked_executions WHERE expires_at < ? ORDER BY concurrency_key LIMIT ?", [store.nowText(), limit])
    .map((r) => r[0] as string);
}
