import type { SqlValue } from "./sql-types.js";
import type { Store } from "./store.js";

// solid_queue_ready_executions: jobs waiting for a worker (spec §2.4).

export interface ReadyRow {
  jobId: number;
  queueName: string;
  priority: number;
}

const INSERT = "INSERT INTO solid_queue_ready_executions (id, job_id, queue_name, priority, created_at) VALUES (?, ?, ?, ?, ?)";

export function insertReady(store: Store, jobId: number, queueName: string, priority: number): void {
  store.dirtyJobs.add(jobId);
  store.db.write(INSERT, [store.nextId("solid_queue_ready_executions"), jobId, queueName, priority, store.nowText()]);
  store.addReady(queueName, 1);
  store.onReady(queueName);
}

/** Several ready executions in one insert per chunk (dispatch batches, bulk enqueue). */
export function insertReadyMany(store: Store, rows: readonly ReadyRow[]): void {
  if (rows.length === 0) return;
  const now = store.nowText();
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params: SqlValue[] = [];
    for (const r of chunk) params.push(store.nextId("solid_queue_ready_executions"), r.jobId, r.queueName, r.priority, now);
    store.db.write(multiSql(chunk.length), params);
  }
  const queues = new Set<string>();
  for (const r of rows) {
    store.dirtyJobs.add(r.jobId);
    store.addReady(r.queueName, 1);
    queues.add(r.queueName);
  }
  for (const q of queues) store.onReady(q);
}

const CHUNK = 500;
const multi = new Map<number, string>();
function multiSql(n: number): string {
  let sql = multi.get(n);
  if (sql === undefined) {
    sql = `INSERT INTO solid_queue_ready_executions (id, job_id, queue_name, priority, created_at) VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?)").join(", ")}`;
    multi.set(n, sql);
  }
  return sql;
}

/** Up to `limit` ready rows of one relation, ordered by (priority, job_id). */
export function selectReady(store: Store, queue: string | null, limit: number): ReadyRow[] {
  const rows =
    queue === null
      ? store.db.rows("SELECT job_id, queue_name, priority FROM solid_queue_ready_executions ORDER BY priority, job_id LIMIT ?", [limit])
      : store.db.rows("SELECT job_id, queue_name, priority FROM solid_queue_ready_executions WHERE queue_name = ? ORDER BY priority, job_id LIMIT ?", [queue, limit]);
  return rows.map((r) => ({ jobId: r[0] as number, queueName: r[1] as string, priority: r[2] as number }));
}

export function deleteReady(store: Store, jobId: number, queueName: string): void {
  store.dirtyJobs.add(jobId);
  store.db.write("DELETE FROM solid_queue_ready_executions WHERE job_id = ?", [jobId]);
  store.addReady(queueName, -1);
}

/** Deletes the ready executions of claimed jobs in one statement. */
export function deleteReadyMany(store: Store, rows: readonly ReadyRow[]): void {
  if (rows.length === 0) return;
  store.db.write(`DELETE FROM solid_queue_ready_executions WHERE job_id IN (${rows.map(() => "?").join(", ")})`, rows.map((r) => r.jobId));
  for (const r of rows) {
    store.dirtyJobs.add(r.jobId);
    store.addReady(r.queueName, -1);
  }
}

export function readyRow(store: Store, jobId: number): ReadyRow | undefined {
  const r = store.db.row("SELECT job_id, queue_name, priority FROM solid_queue_ready_executions WHERE job_id = ?", [jobId]);
  return r === undefined ? undefined : { jobId: r[0] as number, queueName: r[1] as string, priority: r[2] as number };
}

/** Ready rows of one queue ordered by job id (bulk discard, Queue#clear). */
export function readyInQueue(store: Store, queue: string, limit: number): ReadyRow[] {
  return store.db
    .rows("SELECT job_id, queue_name, priority FROM solid_queue_ready_executions WHERE queue_name = ? ORDER BY job_id LIMIT ?", [queue, limit])
    .map((r) => ({ jobId: r[0] as number, queueName: r[1] as string, priority: r[2] as number }));
}

/** Seconds since the oldest ready execution of a queue was created (Queue#latency). */
export function oldestReadyCreatedAt(store: Store, queue: string): string | undefined {
  const r = store.db.row("SELECT MIN(created_at) FROM solid_queue_ready_executions WHERE queue_name = ?", [queue]);
  return (r?.[0] as string | null) ?? undefined;
}
