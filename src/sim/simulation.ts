import type { QueueConfig } from "../config/index.js";
import { durationMs } from "../job/duration.js";
import { useEnvironment, type JobDb } from "../job/environment.js";
import type { AppTransactions } from "../job/transactions.js";
import { appDb } from "./perform.js";
import type { Job } from "../job/job.js";
import type { DeliveredMail } from "../job/mailer.js";
import type { AnyJobClass, JobRegistry } from "../job/registry.js";
import { clearFinishedJobs } from "../engine/clear-finished.js";
import { clearQueue, discardAllFailed, discardJob, retryAllFailed, retryFailed } from "../engine/operator.js";
import { discardFailedInBatches, retryFailedInBatches, type BatchOptions } from "../engine/operator-batches.js";
import type { QueueProcess } from "../engine/process.js";
import { scheduleRecurringTask, unscheduleRecurringTask, type DynamicTaskOptions } from "../engine/recurring-tasks.js";
import type { EngineRuntime, Settings } from "../engine/runtime.js";
import type { Supervisor } from "../engine/supervisor.js";
import type { Dispatcher } from "../engine/dispatcher.js";
import type { Worker } from "../engine/worker.js";
import type { Database } from "../store/database.js";
import { findJob } from "../store/jobs.js";
import type { VirtualClock } from "./clock.js";
import type { Store } from "../store/store.js";
import { enqueueFromOutside, type SimEnvironment } from "./environment.js";
import type { Faults } from "./faults.js";
import { checkInvariants, lostJobs } from "./invariants.js";
import { findJobViews, jobView, type JobFilter, type JobView } from "./job-views.js";
import type { SimulationOptions } from "./options.js";
import type { Random } from "./random.js";
import type { RecurringInput } from "./recurring.js";
import type { Services } from "./services.js";
import { selectorOf, selectProcess } from "./process-selector.js";
import { pause, queueInfo, queueNames, resume, type QueueInfo } from "./queues.js";
import { parseInstant } from "./time-input.js";
import type { Trace } from "./trace.js";
import { NotSettledError, unsettledReport } from "./unsettled.js";
import { World } from "./world.js";
import { serializeNotifications, type Notification, type Subscriber } from "../engine/instrumentation.js";
import type { ErrorReport } from "../engine/error-reporter.js";

export type { HookName, LifecycleHook, SettingsInput, SimulationOptions } from "./options.js";
export { NotSettledError } from "./unsettled.js";

// The world as users drive it: one database (Solid Queue's tables and the app's), one virtual
// clock, one seeded generator, the processes built from a queue config, the job registry and the
// trace. A thin facade: the parts and their wiring are in world.ts, and each behaviour is in the
// file named after it (engine/operator.ts, engine/recurring-tasks.ts, sim/job-views.ts, ...).

export class Simulation {
  readonly #w: World;

  // The world's parts, read-only views of the world's own.
  get clock(): VirtualClock { return this.#w.clock; }
  get store(): Store { return this.#w.store; }
  get trace(): Trace { return this.#w.trace; }
  get random(): Random { return this.#w.random; }
  get registry(): JobRegistry { return this.#w.registry; }
  get services(): Services { return this.#w.services; }
  get faults(): Faults { return this.#w.faults; }
  get settings(): Settings { return this.#w.settings; }
  get timeZone(): string { return this.#w.timeZone; }
  /** The process-local zone (the virtual `TZ`): where Fugit places "now". */
  get localZone(): string { return this.#w.localZone; }
  get seed(): number { return this.#w.seed; }
  get deliveries(): DeliveredMail[] { return this.#w.deliveries; }
  get logs(): { t: number; message: string; jobId?: number; jobClass?: string }[] { return this.#w.logs; }
  get supervisors(): Supervisor[] { return this.#w.supervisors; }
  get env(): SimEnvironment { return this.#w.env; }
  get queueConfig(): QueueConfig { return this.#w.queueConfig; }
  get recurring(): RecurringInput { return this.#w.recurring; }
  get runtime(): EngineRuntime { return this.#w.runtime; }

  private constructor(w: World) {
    this.#w = w;
    w.facade = this;
  }

  /** A simulation over a new store, or over `shared`, a WorldTemplate's (sim/world-template.ts). */
  static async create(opts: SimulationOptions = {}, shared?: Store): Promise<Simulation> {
    const w = await World.open(opts, shared);
    const sim = new Simulation(w);
    if (opts.setupSql !== undefined) sim.db.exec(opts.setupSql);
    const supervisors = opts.supervisors ?? 1;
    if (!Number.isInteger(supervisors) || supervisors < 0) throw new Error(`supervisors must be a non-negative integer, got ${supervisors}`);
    for (let i = 0; i < supervisors; i++) sim.startSupervisor();
    w.restoreEnv = useEnvironment(w.env);
    return sim;
  }

  // ---- instrumentation and error reports (docs/simulation.md) ----

  /**
   * ActiveSupport::Notifications.subscribe: `fn(name, start, finish, id, payload)` for every
   * instrumentation event whose name equals `pattern` or matches the RegExp. Returns the
   * unsubscribe.
   */
  subscribe(pattern: string | RegExp, fn: Subscriber): () => void {
    return this.#w.notifier.subscribe(pattern, fn);
  }

  /** The kept instrumentation events (with `instrumentation: true`), in order. */
  get notifications(): readonly Notification[] {
    return this.#w.notifier.events;
  }

  /** The kept instrumentation events as JSON: the trace's second channel. */
  notificationsJSON(): string {
    return serializeNotifications(this.#w.notifier.events);
  }

  /** What was reported to Rails.error, in order. */
  get errors(): readonly ErrorReport[] {
    return this.#w.errors.reports;
  }

  // ---- the world's parts ----

  /**
   * An app transaction from a test, as job code's `this.db.transaction`: a savepoint that commits
   * when `fn` returns (then jobs deferred by enqueueAfterTransactionCommit are enqueued) and rolls
   * back when it throws (job/transactions.ts).
   */
  transaction<T>(fn: (db: JobDb) => T | Promise<T>): Promise<T | undefined> {
    return appDb(this.#w).transaction(fn);
  }

  /** The app database's transactions: whether one is open, and whose. */
  get transactions(): AppTransactions {
    return this.#w.transactions;
  }

  /** The simulation's database: Solid Queue's tables and the app's (SQL for setup and checks). */
  get db(): Database {
    // A disposed world's database may already serve the next world (Store.giveBack).
    if (this.#w.disposed) throw new Error("this simulation was disposed: its database is gone");
    return this.store.db;
  }

  /** Wall-clock now (epoch ms). */
  now(): number {
    return this.clock.now;
  }

  /** Elapsed virtual time (epoch ms at start, then moves with time; unaffected by clock jumps). */
  mono(): number {
    return this.clock.mono;
  }

  processes(): QueueProcess[] {
    return this.#w.processes();
  }

  workers(): Worker[] {
    return this.#w.workers();
  }

  dispatchers(): Dispatcher[] {
    return this.#w.dispatchers();
  }

  /** Boots one more supervisor (host) with the simulation's configuration (recurring tasks too,
   * unless others are given). */
  startSupervisor(recurring: RecurringInput = this.recurring): Supervisor {
    return this.#w.startSupervisor(recurring);
  }

  // ---- running time ----

  /** Runs the world for a duration (seconds or a duration string). */
  async advance(duration: number | string): Promise<void> {
    await this.#w.advance(durationMs(duration, "advance"));
  }

  /** Runs until an instant of the wall clock (ISO string, local "YYYY-MM-DD HH:MM", Date or epoch ms). */
  async runUntil(time: string | Date | number): Promise<void> {
    const skew = this.now() - this.mono();
    await this.#w.run(parseInstant(time, this.timeZone, "runUntil") - skew, () => false);
  }

  /**
   * Runs until nothing is left to do (no ready, scheduled, claimed or blocked job), or the
   * horizon (default 30 days) is reached with work still pending, which throws NotSettledError
   * naming the jobs that did not settle.
   */
  async runUntilIdle(opts: { horizon?: number | string } = {}): Promise<{ idle: boolean; time: number }> {
    const horizon = durationMs(opts.horizon ?? "30 days", "horizon");
    const target = this.mono() + horizon;
    const w = this.#w;
    const idle = await w.run(target, () => w.isIdle());
    if (!idle && !w.isIdle()) throw new NotSettledError(unsettledReport(w, horizon));
    return { idle: true, time: this.now() };
  }

  /** No work that can still progress: nothing claimed, scheduled, blocked or claimable. */
  isIdle(): boolean {
    return this.#w.isIdle();
  }

  get isRunning(): boolean {
    return this.#w.isRunning;
  }

  // ---- jobs ----

  /** Enqueues by class or class name (scenario files, tests); returns the Active Job or false. */
  async enqueue(job: AnyJobClass | string, args: unknown[] = [], options: { wait?: number | string; waitUntil?: Date | number; queue?: string; priority?: number } = {}): Promise<Job | false> {
    return enqueueFromOutside(this.env, this.registry, job, args, options);
  }

  /** Jobs as rows plus status, filtered by class, status, queue or active job id. */
  jobs(filter: JobFilter = {}): JobView[] {
    return findJobViews(this.store, filter);
  }

  job(id: number): JobView | undefined {
    const row = findJob(this.store, id);
    return row === undefined ? undefined : jobView(this.store, row);
  }

  // ---- dynamic recurring tasks ----

  /** SolidQueue.schedule_recurring_task: run only by schedulers with dynamic_tasks_enabled. */
  scheduleRecurringTask(key: string, options: DynamicTaskOptions): void {
    scheduleRecurringTask(this.runtime, key, options);
  }

  /** SolidQueue.unschedule_recurring_task. */
  unscheduleRecurringTask(key: string): void {
    unscheduleRecurringTask(this.runtime, key);
  }

  // ---- operators (Mission Control) ----

  /** Retries one failed job (same row, counters reset), or every failed job in bulk. */
  retryFailed(jobId: number): void {
    retryFailed(this.runtime, jobId);
  }

  retryAllFailed(jobs?: number[] | BatchOptions): number {
    return jobs === undefined || Array.isArray(jobs) ? retryAllFailed(this.runtime, jobs) : retryFailedInBatches(this.runtime, jobs);
  }

  /** Discards a ready, scheduled, blocked or failed job; a claimed one throws UndiscardableError. */
  discard(jobId: number): boolean {
    return discardJob(this.runtime, jobId);
  }

  discardAllFailed(jobs?: number[] | BatchOptions): number {
    return jobs === undefined || Array.isArray(jobs) ? discardAllFailed(this.runtime, jobs) : discardFailedInBatches(this.runtime, jobs);
  }

  /** Discards a queue's ready jobs (Queue#clear). */
  clearQueue(queue: string): number {
    return clearQueue(this.runtime, queue);
  }

  /** Deletes finished jobs older than clear_finished_jobs_after (SolidQueue::Job.clear_finished_in_batches). */
  clearFinishedJobs(opts: { batchSize?: number; className?: string } = {}): number {
    return clearFinishedJobs(this.runtime, opts);
  }

  // ---- queues and processes ----

  /** Solid Queue's Queue helpers: ready jobs, whole seconds since the oldest became ready, paused. */
  queueInfo(name: string): QueueInfo {
    return queueInfo(this.#w, name);
  }

  /** Queue.all: the distinct queue names of solid_queue_jobs (finished jobs included). */
  queueNames(): string[] {
    return queueNames(this.#w);
  }

  pause(queue: string): void {
    pause(this.#w, queue);
  }

  resume(queue: string): void {
    resume(this.#w, queue);
  }

  /** A process by exact name, or "<kind>:<n>" (the n-th live one of that kind: worker:0, dispatcher:0, scheduler:0, supervisor:0). */
  process(selector: string): QueueProcess {
    return selectProcess(this.processes(), selector);
  }

  /** The "<kind>:<n>" selector that picks the named process now (process()'s inverse), if it is live. */
  selectorOf(name: string): string | undefined {
    return selectorOf(this.processes(), name);
  }

  /** SIGKILL: the process dies at once, mid-job too; its job code stops at its next await. */
  kill(selector: string): void {
    this.process(selector).kill({ kind: "signal", signal: 9 });
  }

  /** The process exits with status 1 (an unexpected crash). */
  crash(selector: string): void {
    this.process(selector).kill({ kind: "exit", status: 1 });
  }

  /** TERM: graceful stop (a worker waits up to shutdown_timeout for its jobs). */
  stop(selector: string): void {
    this.process(selector).stop("TERM");
  }

  /** QUIT a supervisor: children exit at once, their in-flight jobs go back to ready. */
  quit(selector: string): void {
    const p = this.process(selector);
    if ("quit" in p && typeof (p as Supervisor).quit === "function") (p as Supervisor).quit();
    else p.kill({ kind: "signal", signal: 3 });
  }

  stopHeartbeats(selector: string): void {
    const p = this.process(selector);
    p.stopHeartbeats();
    this.trace.add(this.now(), "heartbeats_stopped", { process: p.name });
  }

  /** Moves the wall clock forward (or back) without elapsing time: a clock-skew fault. */
  jumpClock(duration: number | string): void {
    this.#w.jumpClock(durationMs(duration, "jumpClock", { allowNegative: true }));
  }

  log(message: string, fields: { jobId?: number; jobClass?: string; process?: string } = {}): void {
    this.#w.log(message, fields);
  }

  /** Job ids whose rows vanished without a purposeful delete (at most `limit`). */
  lostJobs(limit = Infinity): number[] {
    return lostJobs(this.store, limit);
  }

  /** Checks every invariant over every job now (runs check only what changed). */
  checkInvariants(): void {
    checkInvariants(this, "all");
  }

  /** Ends the simulation: gives its database back (to be reused, rolled back) and restores the previous job environment. */
  dispose(): void {
    this.#w.dispose();
  }

  get disposed(): boolean {
    return this.#w.disposed;
  }
}

export function createSimulation(opts: SimulationOptions = {}): Promise<Simulation> {
  return Simulation.create(opts);
}
