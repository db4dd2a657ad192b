import type { SqlValue } from "../store/sql-types.js";
import type { Store } from "../store/store.js";

type SqlRow = SqlValue[];

// The invariants of spec §9.5, checked against the tables (the source of truth) and against the
// store's in-memory counts. A violation is an InvariantError naming the job and what is wrong.

export class InvariantError extends Error {
  override name = "InvariantError";
  constructor(
    readonly invariant: string,
    message: string,
    readonly at: number,
  ) {
    super(`invariant "${invariant}" broken at ${new Date(at).toISOString()}: ${message}`);
  }
}

const EXECUTION_COUNT = `
SELECT j.id AS id, j.class_name AS cls, j.finished_at AS finished,
  (SELECT COUNT(*) FROM solid_queue_ready_executions r WHERE r.job_id = j.id) +
  (SELECT COUNT(*) FROM solid_queue_scheduled_executions s WHERE s.job_id = j.id) +
  (SELECT COUNT(*) FROM solid_queue_claimed_executions c WHERE c.job_id = j.id) +
  (SELECT COUNT(*) FROM solid_queue_blocked_executions b WHERE b.job_id = j.id) +
  (SELECT COUNT(*) FROM solid_queue_failed_executions f WHERE f.job_id = j.id) AS n
FROM solid_queue_jobs j`;

const BAD = "(finished IS NULL AND n <> 1) OR (finished IS NOT NULL AND n <> 0)";
const ALL_SUSPECTS = `SELECT id, cls, finished, n FROM (${EXECUTION_COUNT}) WHERE ${BAD} LIMIT 5`;
// The ids as one JSON array: one statement whatever their number (a list of `?` was compiled
// again for every new length, a visible part of a property run).
const CHANGED_SUSPECTS = `SELECT id, cls, finished, n FROM (${EXECUTION_COUNT} WHERE j.id IN (SELECT value FROM json_each(?))) WHERE ${BAD} LIMIT 5`;

/**
 * `scope: "changed"` looks only at jobs whose rows changed since the last check (cheap enough to
 * run every few thousand events of a 100,000-job run); `"all"` re-reads every job.
 */
export function checkInvariants(sim: { readonly store: Store; now(): number }, scope: "changed" | "all" = "changed", tables = true): void {
  const store = sim.store;
  const db = store.db;
  const at = sim.now();
  const changed = store.dirtyJobs.take();
  const ids = scope === "all" ? null : changed;
  const suspects: SqlRow[] = [];
  if (ids === null) suspects.push(...db.rows(ALL_SUSPECTS));
  else
    for (let i = 0; i < ids.length && suspects.length === 0; i += 500) {
      suspects.push(...db.rows(CHANGED_SUSPECTS, [JSON.stringify(ids.slice(i, i + 500))]));
    }
  for (const r of suspects) {
    const [id, cls, finished, n] = r as [number, string, string | null, number];
    throw new InvariantError(
      "one execution per unfinished job",
      finished === null ? `job ${id} (${cls}) is unfinished with ${n} execution rows` : `job ${id} (${cls}) is finished but still has ${n} execution rows`,
      at,
    );
  }
  if (!tables) return;
  // The store's counts mirror the tables (poll skipping relies on them); whole-table counts, so
  // only at the end of a run.
  const counts: [string, number][] = [
    ["solid_queue_ready_executions", store.readyCount()],
    ["solid_queue_scheduled_executions", store.scheduledCount],
    ["solid_queue_claimed_executions", store.claimedCount],
    ["solid_queue_blocked_executions", store.blockedCount],
    ["solid_queue_failed_executions", store.failedCount],
  ];
  for (const [table, expected] of counts) {
    const actual = db.row(`SELECT COUNT(*) FROM ${table}`)![0] as number;
    if (actual !== expected) throw new InvariantError("store counts", `${table} has ${actual} rows, the engine counted ${expected}`, at);
  }
  // Semaphores stay within [0, limit] (signals only come from finalisations and discards).
  for (const r of db.rows("SELECT key, value FROM solid_queue_semaphores WHERE value < 0")) {
    throw new InvariantError("semaphore bounds", `semaphore ${String(r[0])} has value ${String(r[1])}`, at);
  }
  // Nothing lost: every enqueued row still exists, unless something deleted it on purpose.
  const missing = lostJobs(store, 1);
  if (missing.length > 0) throw new InvariantError("no job lost", `job ${missing[0]} was enqueued and its row vanished without being finished, failed or discarded`, at);
}

/** Job ids whose rows vanished without a purposeful delete (at most `limit`). */
export function lostJobs(store: Store, limit = Infinity): number[] {
  const rows = store.db.row("SELECT COUNT(*) FROM solid_queue_jobs")![0] as number;
  if (rows + store.deletedJobs.size === store.insertedJobs) return [];
  const present = new Set(store.db.rows("SELECT id FROM solid_queue_jobs").map((r) => r[0] as number));
  const out: number[] = [];
  for (let id = 1; id <= store.insertedJobs && out.length < limit; id++) if (!present.has(id) && !store.deletedJobs.has(id)) out.push(id);
  return out;
}
