import { loadRecurringConfig, type LoadOptions, type RecurringConfig, type RecurringTaskConfig } from "../config/index.js";
import { errorClassName } from "../engine/error-reporter.js";
import { durationMs } from "../job/duration.js";
import { Job } from "../job/job.js";
import type { JobEnvironment } from "../job/environment.js";
import type { JobRegistry } from "../job/registry.js";
import { clearFinishedJobs, isClearFinishedCommand } from "../engine/clear-finished.js";
import { enqueueJob, EnqueueError } from "../engine/enqueue.js";
import { present, taskRow, validateTasks, validDynamicTasks, type ValidTask } from "../engine/recurring-tasks.js";
import type { EngineRuntime } from "../engine/runtime.js";
import { Scheduler, type DynamicTasks, type ScheduledTask } from "../engine/scheduler.js";
import type { ChildFactory } from "../engine/supervisor.js";
import { dynamicTaskRows, insertRecurringExecution } from "../store/recurring.js";
import type { Store } from "../store/store.js";
import { newJobRow } from "./job-row.js";
import type { Simulation } from "./simulation.js";
import type { Trace } from "./trace.js";

// Recurring tasks (spec §4) in the world: tasks validated by the engine (engine/recurring-tasks.ts)
// run by a scheduler process. Each occurrence is enqueued as an Active Job together with its
// recurring_executions row in one savepoint; a (task_key, run_at) unique violation means another
// scheduler already did it.

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

/** What a scheduler's occurrences use of the world. */
export interface RecurringHost {
  readonly registry: JobRegistry;
  readonly queueConfig: { scheduler: { dynamicTasksEnabled: boolean; pollingInterval: number } };
  readonly store: Store;
  readonly runtime: EngineRuntime;
  readonly timeZone: string;
  /** The process-local zone (the virtual TZ). */
  readonly localZone: string;
  readonly env: JobEnvironment;
  readonly trace: Trace;
  now(): number;
  /** Set: this event started job code outside any thread (the enqueue's callbacks). */
  jobCodeStarted: boolean;
}

/**
 * The scheduler of one supervisor, if it has one: Solid Queue runs a scheduler when there is a
 * static task or dynamic tasks are enabled.
 */
export function recurringScheduler(h: RecurringHost, input: RecurringInput, owner: number): ChildFactory | undefined {
  const config = input === undefined ? undefined : "tasks" in input ? input : loadRecurringConfig(input);
  const dynamicEnabled = h.queueConfig.scheduler.dynamicTasksEnabled;
  if ((config === undefined || config.tasks.length === 0) && !dynamicEnabled) return undefined;
  h.registry.add(RecurringJob);
  const tasks = config === undefined ? [] : validateTasks(h.runtime, config).map((v) => scheduledTask(h, v));
  const dynamic: DynamicTasks | null = dynamicEnabled
    ? {
        pollingInterval: durationMs(h.queueConfig.scheduler.pollingInterval, "pollingInterval"),
        load: () => validDynamicTasks(h.runtime, dynamicTaskRows(h.store)).map((v) => scheduledTask(h, v)),
      }
    : null;
  return (sup) => new Scheduler(h.runtime, owner, sup.id, tasks, dynamic);
}

function scheduledTask(h: RecurringHost, { task: t, schedule }: ValidTask): ScheduledTask {
  // A blank class is no class: Solid Queue runs the command with its default job class.
  const className = present(t.className) ? t.className : RecurringJob.jobClassName;
  const args = present(t.className) ? t.args : [t.command];
  return {
    row: taskRow(t),
    // task.next_time: `from` is EoTime.now, in the process-local zone; next_time_after(run_at):
    // run_at is a UTC Time (solid-queue.md §4.3), so a repeated local hour fires twice
    nextTime: (from, chained) => schedule.nextTime(from, { defaultZone: h.timeZone, fromZone: chained ? "Etc/UTC" : h.localZone }),
    enqueue: (runAt) => {
      h.jobCodeStarted = true;
      void enqueueOccurrence(h, t, className, args, runAt);
    },
  };
}

class AlreadyRecorded extends Error {}

async function enqueueOccurrence(h: RecurringHost, t: RecurringTaskConfig, className: string, args: unknown[], runAt: number): Promise<void> {
  const cls = h.registry.require(className);
  const job = new cls(...args);
  if (t.queue !== undefined) job.queueName = t.queue;
  if (t.priority !== undefined) job.priority = t.priority;
  let jobId: number | undefined;
  let skipped = false;
  // This one enqueue writes the job and its recurring execution together.
  job.env = {
    ...h.env,
    enqueue(j) {
      try {
        h.store.savepoint(() => {
          const r = enqueueJob(h.runtime, newJobRow(h.registry, j, h.now()));
          if (r.outcome === "discarded") return;
          try {
            insertRecurringExecution(h.store, r.id, t.key, runAt);
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
  // RecurringTask#enqueue (spec §9.8): enqueue_recurring_task around it; an EnqueueError is
  // reported as handled with the task and time; anything else escapes to on_thread_error.
  const at = new Date(runAt);
  const instrument = (payload: () => Record<string, unknown>) => h.runtime.instrument("enqueue_recurring_task", () => ({ task: t.key, at, ...payload() }));
  try {
    await job.enqueue();
  } catch (e) {
    h.trace.add(h.now(), "recurring_error", { jobClass: className, data: { task: t.key, runAt, error: e instanceof Error ? e.message : String(e) } });
    instrument(() => ({ exception: [errorClassName(e), e instanceof Error ? e.message : String(e)], exception_object: e }));
    h.runtime.instrument("thread_error", () => ({ error: e }));
    h.runtime.reportError(e, { handled: false });
    return;
  }
  if (job.enqueueError !== null && !skipped) {
    const error = job.enqueueError;
    h.runtime.reportError(error, { handled: true, source: "application.solid_queue", context: { task: t.key, at } });
    instrument(() => ({ enqueue_error: error.message }));
    return;
  }
  if (skipped) instrument(() => ({ skipped: true }));
  else if (jobId !== undefined) instrument(() => ({ active_job_id: job.jobId }));
  if (skipped) h.trace.add(h.now(), "recurring_skipped", { jobClass: className, data: { task: t.key, runAt } });
  else if (jobId !== undefined) h.trace.add(h.now(), "recurring_enqueued", { jobId, jobClass: className, activeJobId: job.jobId, data: { task: t.key, runAt } });
}

/** What running a `command:` task uses: the registered commands, called with the simulation. */
export interface CommandHost {
  readonly commands: Record<string, (sim: Simulation) => void | Promise<void>>;
  readonly facade: Simulation;
  readonly runtime: EngineRuntime;
}

/** Runs a `command:` task: a registered command, or Solid Queue's finished-jobs cleaner. */
export async function runCommand(h: CommandHost, command: string): Promise<void> {
  const registered = h.commands[command];
  if (registered !== undefined) return registered(h.facade);
  if (isClearFinishedCommand(command)) {
    clearFinishedJobs(h.runtime);
    return;
  }
  throw new Error(`recurring command is not registered: ${command}`);
}
