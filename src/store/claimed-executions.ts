import type { Store } from "./store.js";

// solid_queue_claimed_executions: jobs a worker process has taken (spec §2.4, §5).

/** One multi-row insert for a poll's claims (Solid Queue's insert_all). */
export function insertClaimedMany(store: Store, jobIds: readonly number[], processId: number): void {
  if (jobIds.length === 0) return;
  const now = store.nowText();
  const params: (number | string)[] = [];
  for (const id of jobIds) {
    store.dirtyJobs.add(id);
    params.push(store.nextId("solid_queue_claimed_executions"), id, processId, now);
  }
  store.db.write(`INSERT INTO solid_queue_claimed_executions (id, job_id, process_id, created_at) VALUES ${placeholders(jobIds.length, 4)}`, params);
  store.bump("claimed", jobIds.length);
}

/** "(?, ?, ?), (?, ?, ?)" for `rows` rows of `columns` values. Made once per shape: the shapes
 * are bounded by the batch sizes, and a busy run asks for the same few many times a second. */
export function placeholders(rows: number, columns: number): string {
  const key = `${rows},${columns}`;
  let text = shapes.get(key);
  if (text === undefined) {
    const one = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
    text = Array.from({ length: rows }, () => one).join(", ");
    if (shapes.size >= 4096) shapes.clear();
    shapes.set(key, text);
  }
  return text;
}

const shapes = new Map<string, string>();

/**
 * Deletes the claim; false when it was already gone (pruned, released, failed by someone else).
 * With `processId`, only that process's claim counts: a job released at shutdown and claimed
 * again elsewhere is not the old thread's to finish.
 */
export function deleteClaimed(store: Store, jobId: number, processId?: number): boolean {
  store.dirtyJobs.add(jobId);
  if (processId === undefined) store.db.write("DELETE FROM solid_queue_claimed_executions WHERE job_id = ?", [jobId]);
  else store.db.write("DELETE FROM solid_queue_claimed_executions WHERE job_id = ? AND process_id = ?", [jobId, processId]);
  if (store.db.changes() === 0) return false;
  store.bump("claimed", -1);
  return true;
}

export function claimExists(store: Store, jobId: number): boolean {
  return store.db.row("SELECT 1 FROM solid_queue_claimed_executions WHERE job_id = ?", [jobId]) !== undefined;
}

export function claimedByProcess(store: Store, processId: number): number[] {
  return store.db.rows("SELECT job_id FROM solid_queue_claimed_executions WHERE process_id = ? ORDER BY job_id", [processId]).map((r) => r[0] as number);
}

/** Claims whose process row is gone or that have no process (ClaimedExecution.orphaned). */
export function orphanedClaims(store: Store): number[] {
  return store.db
    .rows(
      "SELECT c.job_id FROM solid_queue_claimed_executions c LEFT JOIN solid_queue_processes p ON p.id = c.process_id WHERE p.id IS NULL ORDER BY c.job_id",
    )
    .map((r) => r[0] as number);
}
