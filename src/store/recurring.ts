import type { Store } from "./store.js";
import { dbTime } from "./time.js";

// solid_queue_recurring_tasks and solid_queue_recurring_executions (spec §4).

export interface RecurringTaskRow {
  key: string;
  schedule: string;
  command: string | null;
  className: string | null;
  arguments: string | null;
  queueName: string | null;
  priority: number | null;
  description: string | null;
}

/** Scheduler boot: drop static tasks not in this configuration, upsert the configured ones. */
export function persistStaticTasks(store: Store, tasks: readonly RecurringTaskRow[]): void {
  const keys = tasks.map((t) => t.key);
  const existing = store.db.rows("SELECT key FROM solid_queue_recurring_tasks WHERE static = 1").map((r) => r[0] as string);
  for (const k of existing) if (!keys.includes(k)) store.db.write("DELETE FROM solid_queue_recurring_tasks WHERE key = ?", [k]);
  store.onRecurringTasksChanged();
  const now = store.nowText();
  for (const t of tasks) {
    store.db.write(
      `INSERT INTO solid_queue_recurring_tasks (id, key, schedule, command, class_name, arguments, queue_name, priority, static, description, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET schedule = excluded.schedule, command = excluded.command, class_name = excluded.class_name,
         arguments = excluded.arguments, queue_name = excluded.queue_name, priority = excluded.priority, static = 1,
         description = excluded.description, updated_at = excluded.updated_at`,
      [store.nextId("solid_queue_recurring_tasks"), t.key, t.schedule, t.command, t.className, t.arguments, t.queueName, t.priority, t.description, now, now],
    );
  }
}

/** A dynamic task (SolidQueue.schedule_recurring_task): a row with static = false; throws on a
 * duplicate key (the unique index). */
export function insertDynamicTask(store: Store, t: RecurringTaskRow): void {
  const now = store.nowText();
  store.db.write(
    `INSERT INTO solid_queue_recurring_tasks (id, key, schedule, command, class_name, arguments, queue_name, priority, static, description, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    [store.nextId("solid_queue_recurring_tasks"), t.key, t.schedule, t.command, t.className, t.arguments, t.queueName, t.priority, t.description, now, now],
  );
  store.onRecurringTasksChanged();
}

/** SolidQueue.unschedule_recurring_task: false when there is no dynamic task with that key. */
export function deleteDynamicTask(store: Store, key: string): boolean {
  store.db.write("DELETE FROM solid_queue_recurring_tasks WHERE key = ? AND static = 0", [key]);
  const deleted = store.db.changes() > 0;
  if (deleted) store.onRecurringTasksChanged();
  return deleted;
}

export function dynamicTaskRows(store: Store): RecurringTaskRow[] {
  return store.db
    .rows("SELECT key, schedule, command, class_name, arguments, queue_name, priority, description FROM solid_queue_recurring_tasks WHERE static = 0 ORDER BY id")
    .map((r) => ({
      key: r[0] as string,
      schedule: r[1] as string,
      command: r[2] as string | null,
      className: r[3] as string | null,
      arguments: r[4] as string | null,
      queueName: r[5] as string | null,
      priority: r[6] as number | null,
      description: r[7] as string | null,
    }));
}

export function allTaskKeys(store: Store): Set<string> {
  return new Set(store.db.rows("SELECT key FROM solid_queue_recurring_tasks").map((r) => r[0] as string));
}

export function staticTaskKeys(store: Store): string[] {
  return store.db.rows("SELECT key FROM solid_queue_recurring_tasks WHERE static = 1 ORDER BY id").map((r) => r[0] as string);
}

/** Records the run; throws on a (task_key, run_at) unique violation (another scheduler did it). */
export function insertRecurringExecution(store: Store, jobId: number, taskKey: string, runAt: number): void {
  store.db.write("INSERT INTO solid_queue_recurring_executions (id, job_id, task_key, run_at, created_at) VALUES (?, ?, ?, ?, ?)", [
    store.nextId("solid_queue_recurring_executions"),
    jobId,
    taskKey,
    dbTime(runAt),
    store.nowText(),
  ]);
}
