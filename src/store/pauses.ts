import type { Store } from "./store.js";

// solid_queue_pauses: paused queue names (spec §7). Names need not exist.

export function pauseQueue(store: Store, queue: string): boolean {
  store.db.write("INSERT OR IGNORE INTO solid_queue_pauses (id, queue_name, created_at) VALUES (?, ?, ?)", [store.nextId("solid_queue_pauses"), queue, store.nowText()]);
  const added = store.db.changes() > 0;
  if (added) store.bump("paused", 1);
  return added;
}

export function resumeQueue(store: Store, queue: string): boolean {
  store.db.write("DELETE FROM solid_queue_pauses WHERE queue_name = ?", [queue]);
  const removed = store.db.changes() > 0;
  if (removed) store.bump("paused", -1);
  return removed;
}

export function pausedQueues(store: Store): Set<string> {
  return new Set(store.db.rows("SELECT queue_name FROM solid_queue_pauses").map((r) => r[0] as string));
}
