import type { Store } from "./store.js";

// solid_queue_failed_executions: jobs whose error escaped Active Job (spec §2.7, §2.8).

export interface FailedError {
  exception_class: string;
  message: string;
  backtrace: string[];
}

/** Inserts the failed execution, or overwrites the error of an existing one. */
export function insertFailed(store: Store, jobId: number, error: FailedError): void {
  store.dirtyJobs.add(jobId);
  const json = JSON.stringify(error);
  store.db.write("UPDATE solid_queue_failed_executions SET error = ? WHERE job_id = ?", [json, jobId]);
  if (store.db.changes() > 0) return;
  store.db.write("INSERT INTO solid_queue_failed_executions (id, job_id, error, created_at) VALUES (?, ?, ?, ?)", [
    store.nextId("solid_queue_failed_executions"),
    jobId,
    json,
    store.nowText(),
  ]);
  store.bump("failed", 1);
}

export function deleteFailed(store: Store, jobId: number): boolean {
  store.dirtyJobs.add(jobId);
  store.db.write("DELETE FROM solid_queue_failed_executions WHERE job_id = ?", [jobId]);
  if (store.db.changes() === 0) return false;
  store.bump("failed", -1);
  return true;
}

export function failedError(store: Store, jobId: number): FailedError | undefined {
  const r = store.db.row("SELECT error FROM solid_queue_failed_executions WHERE job_id = ?", [jobId]);
  return r === undefined || r[0] === null ? undefined : (JSON.parse(r[0] as string) as FailedError);
}

export function failedJobIds(store: Store, limit = -1): number[] {
  return store.db.rows("SELECT job_id FROM solid_queue_failed_executions ORDER BY job_id LIMIT ?", [limit]).map((r) => r[0] as number);
}
