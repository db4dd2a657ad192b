import { ConfigError, loadRecurringConfig, type ConfigIssue, type LoadOptions, type RecurringConfig, type RecurringTaskConfig } from "../config/index.js";
import { issueAt } from "../config/config-error.js";
import { durationMs } from "../job/duration.js";
import { Job } from "../job/job.js";
import type { JobEnvironment } from "../job/environment.js";
import { enqueueJob, EnqueueError } from "../engine/enqueue.js";
import { Scheduler, type DynamicTasks, type ScheduledTask } from "../engine/scheduler.js";
import type { ChildFactory } from "../engine/supervisor.js";
import { deleteDynamicTask, dynamicTaskRows, insertDynamicTask, insertRecurringExecution, type RecurringTaskRow } from "../store/recurring.js";
import { RecordNotFound } from "../job/errors.js";
import { parseSchedule, ScheduleError, type Schedule } from "../schedule/index.js";
import { clearFinishedJobs } from "./cleanup.js";
import type { Simulation } from "./simulation.js";

// Recurring tasks (spec §4): validated as Solid Queue validates them, then run by a scheduler
// process. Each occurrence is enqueued together with its recurring_executions row in one
// savepoint; a (task_key, run_at) unique violation means another scheduler already did it.

export type RecurringInput = RecurringConfig | LoadOptions | undefined;

/** Solid Queue's command job: runs a command string registered with the simulation. */
export class RecurringJob extends Job {
  static {
    this.jobClassName = "SolidQueue::RecurringJob";
    this.queueAs("solid_queue_recurring");
  }

  override async perform(command: string): Promise<void> {
    const run = (this.env as JobEnvironment & { runCommand?: (c: string) => Promise<void> }).runCommand;
    if (run === undefined) throw new Error(`cannot run recurring command outside a simulation: ${command}`);
    await run(command);
  }
}

const CLEAR_FINISHED = /^\s*SolidQueue::Job\.clear_finished_in_batches\b/;

/**
 * The scheduler of one supervisor, if it has one: Solid Queue runs a scheduler when there is a
 * static task or dynamic tasks are enabled.
 */
export function recurringScheduler(sim: Simulation, input: RecurringInput, owner: number): ChildFactory | undefined {
  const config = input === undefined ? undefined : "tasks" in input ? input : loadRecurringConfig(input);
  const dynamicEnabled = sim.queueConfig.scheduler.dynamicTasksEnabled;
  if ((config === undefined || config.tasks.length === 0) && !dynamicEnabled) return undefined;
  sim.registry.add(RecurringJob);
  const tasks = config === undefined ? [] : validate(sim, config);
  const dynamic: DynamicTasks | null = dynamicEnabled
    ? {
        pollingInterval: durationMs(sim.queueConfig.scheduler.pollingInterval, "pollingInterval"),
        // Rows another process wrote may not validate here; Solid Queue keeps only valid tasks.
        load: () => dynamicTaskRows(sim.store).flatMap((row) => {
          const t = taskFromRow(row);
          const checked = taskErrors(sim, t);
          return checked.errors.length === 0 ? [scheduledTask(sim, t, checked.schedule!)] : [];
        }),
      }
    : null;
  return (sup) => new Scheduler(sim.runtime, owner, sup.id, tasks, dynamic);
}

function validate(sim: Simulation, config: RecurringConfig): ScheduledTask[] {
  const problems: ConfigIssue[] = [];
  const tasks: ScheduledTask[] = [];
  for (const t of config.tasks) {
    const { errors, schedule, pos } = taskErrors(sim, t);
    if (errors.length > 0) {
      problems.push(issueAt(pos, `- ${t.key}: ${errors.join(", ")}`));
      continue;
    }
    tasks.push(scheduledTask(sim, t, schedule!));
  }
  if (problems.length > 0) throw new ConfigError([{ message: "Invalid recurring tasks:", pos: problems[0]!.pos }, ...problems]);
  return tasks;
}

/** RecurringTask's validations: a single-cron schedule, a command or a class that exists. */
function taskErrors(sim: Simulation, t: RecurringTaskConfig): { errors: string[]; schedule?: Schedule; pos: RecurringTaskConfig["pos"] } {
  const errors: string[] = [];
  let schedule: Schedule | undefined;
  let pos = t.pos;
  try {
    schedule = parseSchedule(t.schedule);
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    errors.push(`Schedule ${e.message}`);
    pos = t.schedulePos;
  }
  if (t.className === undefined && t.command === undefined) errors.push("either command or class must be present");
  if (t.className !== undefined && sim.registry.get(t.className) === undefined) {
    errors.push(`Class name ${t.className} doesn't correspond to an existing class (known job classes: ${sim.registry.names().join(", ")})`);
  }
  if (t.command !== undefined && t.className === undefined && sim.commands[t.command] === undefined && !CLEAR_FINISHED.test(t.command)) {
    errors.push(`command ${JSON.stringify(t.command)} is not registered (pass it in createSimulation({ commands }))`);
  }
  return { errors, ...(schedule !== undefined ? { schedule } : {}), pos };
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
export function scheduleRecurringTask(sim: Simulation, key: string, o: DynamicTaskOptions): void {
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
  const { errors } = taskErrors(sim, t);
  if (errors.length > 0) throw new RecordInvalid(`Validation failed: ${errors.join(", ")}`);
  try {
    insertDynamicTask(sim.store, scheduledTask(sim, t, parseSchedule(t.schedule)).row);
  } catch (e) {
    if (e instanceof RecordInvalid) throw e;
    throw new RecordInvalid(`Validation failed: Key has already been taken (${(e as Error).message})`);
  }
}

/** SolidQueue.unschedule_recurring_task: deletes a dynamic task; a static or missing key is an error. */
export function unscheduleRecurringTask(sim: Simulation, key: string): void {
  if (!deleteDynamicTask(sim.store, key)) throw new RecordNotFound("SolidQueue::RecurringTask", "key", key);
}

function scheduledTask(sim: Simulation, t: RecurringTaskConfig, schedule: Schedule): ScheduledTask {
  const className = t.className ?? RecurringJob.jobClassName;
  const args = t.className !== undefined ? t.args : [t.command];
  return {
    row: {
      key: t.key,
      schedule: t.schedule,
      command: t.command ?? null,
      className: t.className ?? null,
      arguments: JSON.stringify(t.args),
      queueName: t.queue ?? null,
      priority: t.priority ?? null,
      description: t.description ?? null,
    },
    nextTime: (from, chained) => schedule.nextTime(from, { defaultZone: sim.timeZone, fromZone: chained ? "Etc/UTC" : sim.timeZone }),
    enqueue: (runAt) => {
      sim.jobCodeStarted = true;
      void enqueueOccurrence(sim, t, className, args, runAt);
    },
  };
}

class AlreadyRecorded extends Error {}

async function enqueueOccurrence(sim: Simulation, t: RecurringTaskConfig, className: string, args: unknown[], runAt: number): Promise<void> {
  const cls = sim.registry.require(className);
  const job = new cls(...args);
  if (t.queue !== undefined) job.queueName = t.queue;
  if (t.priority !== undefined) job.priority = t.priority;
  let jobId: number | undefined;
  let skipped = false;
  // This one enqueue writes the job and its recurring execution together.
  job.env = {
    ...sim.env,
    enqueue(j) {
      try {
        sim.store.savepoint(() => {
          const r = enqueueJob(sim.runtime, sim.newJobRow(j, sim.now()));
          if (r.outcome === "discarded") return;
          try {
            insertRecurringExecution(sim.store, r.id, t.key, runAt);
          } catch {
            throw new AlreadyRecorded();
          }
          jobId = r.id;
          j.providerJobId = r.id;
        });
      } catch (e) {
        if (e instanceof AlreadyRecorded || (e instanceof EnqueueError && (e as Error).cause instanceof AlreadyRecorded)) skipped = true;
        else throw e;
      }
    },
  };
  try {
    await job.enqueue();
  } catch (e) {
    sim.trace.add(sim.now(), "recurring_error", { jobClass: className, data: { task: t.key, runAt, error: e instanceof Error ? e.message : String(e) } });
    return;
  }
  if (skipped) sim.trace.add(sim.now(), "recurring_skipped", { jobClass: className, data: { task: t.key, runAt } });
  else if (jobId !== undefined) sim.trace.add(sim.now(), "recurring_enqueued", { jobId, jobClass: className, activeJobId: job.jobId, data: { task: t.key, runAt } });
}

/** Runs a `command:` task: a registered command, or Solid Queue's finished-jobs cleaner. */
export async function runCommand(sim: Simulation, command: string): Promise<void> {
  const registered = sim.commands[command];
  if (registered !== undefined) return registered(sim);
  if (CLEAR_FINISHED.test(command)) {
    clearFinishedJobs(sim);
    return;
  }
  throw new Error(`recurring command is not registered: ${command}`);
}
