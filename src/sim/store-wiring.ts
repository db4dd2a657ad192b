import type { Dispatcher } from "../engine/dispatcher.js";
import type { QueueProcess } from "../engine/process.js";
import { Scheduler } from "../engine/scheduler.js";
import type { Worker } from "../engine/worker.js";
import type { Store } from "../store/store.js";
import type { Trace } from "./trace.js";

// What the store tells the world's processes: new ready and scheduled work, process rows read or
// deleted, recurring tasks changed, a savepoint's trace to roll back (and, for a streamed trace,
// when what a unit emitted is final); and what the app's own SQL on Solid Queue's tables means.

export interface WiredWorld {
  store: Store;
  trace: Trace;
  processes(): QueueProcess[];
  workers(): Worker[];
  dispatchers(): Dispatcher[];
  flushHeartbeats(): void;
}

export function wireStore(w: WiredWorld): void {
  const store = w.store;
  store.onReady = (q) => {
    for (const worker of w.workers()) worker.notifyReady(q);
  };
  store.onSavepoint = () => {
    w.trace.unitOpened();
    const mark = w.trace.mark();
    return () => w.trace.rollback(mark);
  };
  store.onSavepointEnd = () => w.trace.unitClosed();
  store.beforeProcessRead = () => w.flushHeartbeats();
  store.pendingBeat = (id) => w.processes().find((p) => p.id === id && p.alive)?.pendingBeat();
  store.onProcessDeleted = (id) => {
    for (const p of w.processes()) if (p.id === id) p.rowDeleted();
  };
  store.db.appHook = (sql, phase) => appSql(w, sql, phase);
  store.onRecurringTasksChanged = () => {
    for (const p of w.processes()) if (p instanceof Scheduler) p.tasksChanged();
  };
  store.onScheduled = (at) => {
    for (const d of w.dispatchers()) d.wakeForEarliest(at);
  };
}

/** App SQL on the processes table sees current heartbeats, and a deleted live row is noticed;
 * a change to the recurring tasks reaches schedulers with dynamic tasks. */
function appSql(w: WiredWorld, sql: string, phase: "before" | "after"): void {
  if (phase === "after" && /solid_queue_/i.test(sql)) w.store.noteAppWrite(sql);
  if (phase === "after" && /solid_queue_recurring_tasks/i.test(sql)) w.store.onRecurringTasksChanged();
  if (!/solid_queue_processes/i.test(sql)) return;
  if (phase === "before") {
    w.flushHeartbeats();
    return;
  }
  const live = new Set(w.store.db.rows("SELECT id FROM solid_queue_processes").map((r) => r[0] as number));
  for (const p of w.processes()) if (p.alive && p.registered && !live.has(p.id)) p.rowDeleted();
}
