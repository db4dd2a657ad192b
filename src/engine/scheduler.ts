import { updateProcessMetadata } from "../store/processes.js";
import { allTaskKeys, persistStaticTasks, staticTaskKeys, type RecurringTaskRow } from "../store/recurring.js";
import { nextGridTick, type Timer } from "./event-queue.js";
import { QueueProcess } from "./process.js";
import { Phase, type EngineRuntime } from "./runtime.js";

// The scheduler (spec §4.3): at boot persists the static tasks and arms one timer per task for
// its next occurrence; when a timer fires it first arms the following occurrence (computed from
// the planned run_at, not from now, minimum delay 0.1 s) and then enqueues this one.
//
// With dynamic tasks enabled, its loop reloads them every polling_interval: arms new ones,
// cancels timers whose key left the table (static or dynamic, a quirk), updates its metadata.
// A reload only changes something after the tasks table changed, so with poll skipping the loop
// runs at the first tick of its grid after a change.

export interface ScheduledTask {
  readonly row: RecurringTaskRow;
  /** Next occurrence strictly after `fromMs` (wall clock), epoch ms. */
  nextTime(fromMs: number, chained: boolean): number;
  /** Enqueues the occurrence planned for `runAt`. */
  enqueue(runAt: number): void;
}

export interface DynamicTasks {
  pollingInterval: number; // ms
  /** The dynamic (static = false) tasks in the table now. */
  load(): ScheduledTask[];
}

const MIN_DELAY = 100;

export class Scheduler extends QueueProcess {
  private readonly timers = new Map<string, Timer>();
  private dynamicTasks: ScheduledTask[] = [];
  private loopTimer: Timer | null = null;
  private bootedAt = 0;

  constructor(
    rt: EngineRuntime,
    owner: number,
    supervisorId: number | null,
    private readonly tasks: readonly ScheduledTask[],
    private readonly dynamic: DynamicTasks | null = null,
  ) {
    super(rt, "Scheduler", owner, supervisorId);
  }

  metadata(): Record<string, unknown> {
    const keys = [...this.tasks, ...this.dynamicTasks].map((t) => t.row.key);
    return keys.length > 0 ? { recurring_schedule: keys } : {};
  }

  protected start(): void {
    this.bootedAt = this.rt.mono();
    persistStaticTasks(this.rt.store, this.tasks.map((t) => t.row));
    const keys = new Set(staticTaskKeys(this.rt.store));
    for (const task of this.tasks) if (keys.has(task.row.key)) this.arm(task, task.nextTime(this.rt.store.now(), false));
    if (this.dynamic === null) return;
    this.dynamicTasks = this.dynamic.load();
    for (const task of this.dynamicTasks) this.arm(task, task.nextTime(this.rt.store.now(), false));
    this.reload();
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

  /** The loop's body with dynamic tasks: reschedule_dynamic_tasks, then reload_metadata. */
  private reload(): void {
    this.loopTimer = null;
    if (this.state !== "running" || this.dynamic === null) return;
    this.dynamicTasks = this.dynamic.load();
    for (const task of this.dynamicTasks) if (!this.timers.has(task.row.key)) this.arm(task, task.nextTime(this.rt.store.now(), false));
    const present = allTaskKeys(this.rt.store);
    for (const [key, timer] of this.timers) {
      if (present.has(key)) continue;
      timer.cancel();
      this.timers.delete(key);
    }
    if (this.registered) updateProcessMetadata(this.rt.store, this.id, this.metadata());
    if (!this.rt.settings.pollSkipping) this.loopTimer = this.rt.at(this.rt.mono() + this.dynamic.pollingInterval, Phase.Scheduler, this.owner, () => this.reload());
  }

  /** The tasks table changed: with poll skipping, reload at the next tick of the loop's grid. */
  tasksChanged(): void {
    if (this.dynamic === null || !this.rt.settings.pollSkipping || this.loopTimer !== null || this.state !== "running") return;
    const cur = this.rt.currentKey();
    const tick = nextGridTick(this.bootedAt, this.dynamic.pollingInterval, cur.time, Phase.Scheduler, this.owner, cur);
    this.loopTimer = this.rt.at(tick, Phase.Scheduler, this.owner, () => this.reload());
  }

  protected cancelTimers(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.loopTimer?.cancel();
    this.loopTimer = null;
  }
}
