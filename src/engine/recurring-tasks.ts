import { ConfigError, type ConfigIssue, type RecurringConfig, type RecurringTaskConfig } from "../config/index.js";
import { issueAt } from "../config/config-error.js";
import { RecordNotFound } from "../job/errors.js";
import { parseSchedule, ScheduleError, type Schedule } from "../schedule/index.js";
import { deleteDynamicTask, insertDynamicTask, type RecurringTaskRow } from "../store/recurring.js";
import { isClearFinishedCommand } from "./clear-finished.js";
import type { EngineRuntime } from "./runtime.js";

// SolidQueue::RecurringTask (spec §4): a task validates as Solid Queue validates it (a single
// cron schedule; a command, or a job class that exists), whether it comes from recurring.yml or
// is scheduled dynamically (SolidQueue.schedule_recurring_task) into solid_queue_recurring_tasks.

export interface ValidTask {
  task: RecurringTaskConfig;
  schedule: Schedule;
}

/** Every task of a recurring config, or ConfigError listing each invalid one at its position. */
export function validateTasks(rt: EngineRuntime, config: RecurringConfig): ValidTask[] {
  const problems: ConfigIssue[] = [];
  const tasks: ValidTask[] = [];
  for (const t of config.tasks) {
    const { errors, hints, schedule, pos } = taskErrors(rt, t);
    if (errors.length > 0) {
      problems.push(issueAt(pos, `- ${t.key}: ${errors.join(", ")}${hints.length > 0 ? ` (${hints.join("; ")})` : ""}`));
      continue;
    }
    tasks.push({ task: t, schedule: schedule! });
  }
  if (problems.length > 0) throw new ConfigError([{ message: "Invalid recurring tasks:", pos: problems[0]!.pos }, ...problems]);
  return tasks;
}

/** Dynamic task rows that validate here (rows another process wrote may not: Solid Queue keeps
 * only the valid ones). */
export function validDynamicTasks(rt: EngineRuntime, rows: readonly RecurringTaskRow[]): ValidTask[] {
  return rows.flatMap((row) => {
    const t = taskFromRow(row);
    const checked = taskErrors(rt, t);
    return checked.errors.length === 0 ? [{ task: t, schedule: checked.schedule! }] : [];
  });
}

/** ActiveSupport's present?: not nil and not only whitespace. A blank class or command is none. */
export const present = (s: string | undefined): s is string => s !== undefined && !/^\s*$/u.test(s);

/**
 * RecurringTask's validations, in Solid Queue's order and with its full messages (spec §6.3):
 * a single-cron schedule, a command or a class present, a class that exists. `hints` are
 * jobsim's additions, shown after Solid Queue's text; a command no simulation can run is the one
 * error of jobsim's own (docs/fidelity.md).
 */
function taskErrors(rt: EngineRuntime, t: RecurringTaskConfig): { errors: string[]; hints: string[]; schedule?: Schedule; pos: RecurringTaskConfig["pos"] } {
  const errors: string[] = [];
  const hints: string[] = [];
  let schedule: Schedule | undefined;
  let pos = t.pos;
  try {
    schedule = parseSchedule(t.schedule);
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    errors.push(`Schedule ${e.message}`);
    pos = t.schedulePos;
  }
  if (!present(t.className) && !present(t.command)) errors.push("either command or class must be present");
  if (present(t.className) && !rt.app.hasJobClass(t.className)) {
    errors.push("Class name doesn't correspond to an existing class");
    hints.push(`no job class is named ${JSON.stringify(t.className)}; known job classes: ${rt.app.jobClassNames().join(", ")}`);
  }
  if (present(t.command) && !present(t.className) && !rt.app.hasCommand(t.command) && !isClearFinishedCommand(t.command)) {
    errors.push(`command ${JSON.stringify(t.command)} is not registered (pass it in createSimulation({ commands }))`);
  }
  return { errors, hints, ...(schedule !== undefined ? { schedule } : {}), pos };
}

/** The solid_queue_recurring_tasks row of a task. */
export function taskRow(t: RecurringTaskConfig): RecurringTaskRow {
  return {
    key: t.key,
    schedule: t.schedule,
    command: t.command ?? null,
    className: t.className ?? null,
    arguments: JSON.stringify(t.args),
    queueName: t.queue ?? null,
    priority: t.priority ?? null,
    description: t.description ?? null,
  };
}

const TABLE_POS = { file: "solid_queue_recurring_tasks", line: 0, col: 0 };

function taskFromRow(row: RecurringTaskRow): RecurringTaskConfig {
  return {
    key: row.key,
    ...(row.className !== null ? { className: row.className } : {}),
    ...(row.command !== null ? { command: row.command } : {}),
    args: row.arguments === null ? [] : (JSON.parse(row.arguments) as unknown[]),
    ...(row.queueName !== null ? { queue: row.queueName } : {}),
    ...(row.priority !== null ? { priority: row.priority } : {}),
    schedule: row.schedule,
    ...(row.description !== null ? { description: row.description } : {}),
    pos: TABLE_POS,
    schedulePos: TABLE_POS,
  };
}

export interface DynamicTaskOptions {
  class?: string;
  command?: string;
  args?: unknown;
  schedule: string;
  queue?: string;
  priority?: number;
  description?: string;
}

/** Active Record's errors for SolidQueue.schedule_recurring_task / unschedule_recurring_task. */
export class RecordInvalid extends Error {
  override name = "RecordInvalid";
}

/** SolidQueue.schedule_recurring_task: validates and inserts a dynamic (static = false) task. */
export function scheduleRecurringTask(rt: EngineRuntime, key: string, o: DynamicTaskOptions): void {
  const args = o.args === undefined ? [] : Array.isArray(o.args) ? o.args : [o.args];
  const t: RecurringTaskConfig = {
    key,
    ...(o.class !== undefined ? { className: o.class } : {}),
    ...(o.command !== undefined ? { command: o.command } : {}),
    args,
    ...(o.queue !== undefined ? { queue: o.queue } : {}),
    ...(o.priority !== undefined ? { priority: o.priority } : {}),
    schedule: o.schedule,
    ...(o.description !== undefined ? { description: o.description } : {}),
    pos: TABLE_POS,
    schedulePos: TABLE_POS,
  };
  const { errors, hints } = taskErrors(rt, t);
  if (errors.length > 0) throw new RecordInvalid(`Validation failed: ${errors.join(", ")}${hints.length > 0 ? ` (${hints.join("; ")})` : ""}`);
  try {
    insertDynamicTask(rt.store, taskRow(t));
  } catch (e) {
    throw new RecordInvalid(`Validation failed: Key has already been taken (${(e as Error).message})`);
  }
}

/** SolidQueue.unschedule_recurring_task: deletes a dynamic task; a static or missing key is an error. */
export function unscheduleRecurringTask(rt: EngineRuntime, key: string): void {
  if (!deleteDynamicTask(rt.store, key)) throw new RecordNotFound("SolidQueue::RecurringTask", "key", key);
}
