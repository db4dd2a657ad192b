import type { Store } from "./store.js";
import { dbTime } from "./time.js";

// solid_queue_semaphores: free concurrency slots per key (spec §3.3, §3.4).

/** Acquire: true when the gate is open. */
export function semaphoreWait(store: Store, key: string, limit: number, durationMs: number): boolean {
  const r = store.db.row("SELECT value FROM solid_queue_semaphores WHERE key = ?", [key]);
  const now = store.now();
  if (r === undefined) {
    store.db.write("INSERT INTO solid_queue_semaphores (id, key, value, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", [
      store.nextId("solid_queue_semaphores"),
      key,
      limit - 1,
      dbTime(now + durationMs),
      dbTime(now),
      dbTime(now),
    ]);
    return true;
  }
  if ((r[0] as number) <= 0) return false;
  store.db.write("UPDATE solid_queue_semaphores SET value = value - 1, expires_at = ?, updated_at = ? WHERE key = ? AND value > 0", [
    dbTime(now + durationMs),
    dbTime(now),
    key,
  ]);
  return store.db.changes() > 0;
}

/** Release one slot where value < limit; true when a row was updated. */
export function semaphoreSignal(store: Store, key: string, limit: number, durationMs: number): boolean {
  const now = store.now();
  store.db.write("UPDATE solid_queue_semaphores SET value = value + 1, expires_at = ?, updated_at = ? WHERE key = ? AND value < ?", [
    dbTime(now + durationMs),
    dbTime(now),
    key,
    limit,
  ]);
  return store.db.changes() > 0;
}

/** Bulk signal (bulk discards of ready jobs): +1 where value < limit, expires_at untouched. */
export function semaphoreSignalBulk(store: Store, key: string, limit: number): void {
  store.db.write("UPDATE solid_queue_semaphores SET value = value + 1, updated_at = ? WHERE key = ? AND value < ?", [store.nowText(), key, limit]);
}

/** Deletes expired semaphores (`expires_at < now`) in batches; returns how many. */
export function deleteExpiredSemaphores(store: Store, batchSize: number): number {
  let total = 0;
  for (;;) {
    const ids = store.db.rows("SELECT id FROM solid_queue_semaphores WHERE expires_at < ? ORDER BY id LIMIT ?", [store.nowText(), batchSize]).map((r) => r[0] as number);
    if (ids.length === 0) return total;
    for (const id of ids) store.db.write("DELETE FROM solid_queue_semaphores WHERE id = ?", [id]);
    total += ids.length;
  }
}

export interface SemaphoreRow {
  key: string;
  value: number;
  expiresAt: string;
}

export function semaphoresFor(store: Store, keys: readonly string[]): Map<string, SemaphoreRow> {
  const out = new Map<string, SemaphoreRow>();
  for (const key of keys) {
    const r = store.db.row("SELECT key, value, expires_at FROM solid_queue_semaphores WHERE key = ?", [key]);
    if (r !== undefined) out.set(key, { key: r[0] as string, value: r[1] as number, expiresAt: r[2] as string });
  }
  return out;
}
