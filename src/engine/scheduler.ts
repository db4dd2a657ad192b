import { persistStaticTasks, staticTaskKeys, type RecurringTaskRow } from "../store/recurring.js";
import type { Timer } from "./event-queue.js";
import { QueueProcess } from "./process.js";
import { Phase, type EngineRuntime } from "./runtime.js";

// The scheduler (spec §4.3): at boot persists the static tasks and arms one timer per task for
// its next occurrence; when a timer fires it first arms the following occurrence (computed from
// the planned run_at, not from now, minimum delay 0.1 s) and then enqueues this one.

export interface ScheduledTask {
  readonly row: RecurringTaskRow;
  /** Next occurrence strictly after `fromMs` (wall clock), epoch ms. */
  nextTime(fromMs: number, chained: boolean): number;
  /** Enqueues the occurrence planned for `runAt`. */
  enqueue(runAt: number): void;
}

const MIN_DELAY = 100;

export class Scheduler extends QueueProcess {
  private readonly timers = new Map<string, Timer>();

  constructor(
    rt: EngineRuntime,
    owner: number,
    supervisorId: number | null,
    private readonly tasks: readonly ScheduledTask[],
  ) {
    super(rt, "Scheduler", owner, supervisorId);
  }

  metadata(): Record<string, unknown> {
    return this.tasks.length > 0 ? { recurring_schedule: this.tasks.map((t) => t.row.key) } : {};
  }

  protected start(): void {
    persistStaticTasks(this.rt.store, this.tasks.map((t) => t.row));
    const keys = new Set(staticTaskKeys(this.rt.store));
    for (const task of this.tasks) if (keys.has(task.row.key)) this.arm(task, task.nextTime(this.rt.store.now(), false));
  }

  private arm(task: ScheduledTask, runAt: number): void {
    const delay = Math.max(runAt - this.rt.store.now(), MIN_DELAY);
    this.timers.set(
      task.row.key,
      this.rt.at(this.rt.mono() + delay, Phase.Scheduler, this.owner, () => this.fire(task, runAt)),
    );
  }

  private fire(task: ScheduledTask, runAt: number): void {
    if (this.state !== "running") return;
    this.arm(task, task.nextTime(runAt, true));
    task.enqueue(runAt);
  }

  protected cancelTimers(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }
}
