import { defaultQueueConfig, loadQueueConfig, loadRecurringConfig } from "../config/index.js";
import type { LoadOptions, QueueConfig } from "../config/index.js";
import { concurrencyKey } from "../job/concurrency-key.js";
import { parseDuration } from "../job/duration.js";
import { useEnvironment, type JobEnvironment, type JobNotice } from "../job/environment.js";
import type { Job } from "../job/job.js";
import { MailDeliveryJob, type DeliveredMail } from "../job/mailer.js";
import { makeLocator, ModelRegistry, type AnyModel } from "../job/model.js";
import { JobRegistry, type AnyJobClass } from "../job/registry.js";
import { defaultSerializers, SerializerRegistry } from "../job/serializers.js";
import type { DeserializeContext } from "../job/arguments.js";
import { enqueueJob, enqueueJobs, type Enqueued } from "../engine/enqueue.js";
import { EventQueue, Phase, type EventKey } from "../engine/event-queue.js";
import type { QueueProcess } from "../engine/process.js";
import { DEFAULT_SETTINGS, type ConcurrencyInfo, type EngineRuntime, type Settings } from "../engine/runtime.js";
import type { Supervisor } from "../engine/supervisor.js";
import { Worker } from "../engine/worker.js";
import { Dispatcher } from "../engine/dispatcher.js";
import type { Database } from "../store/database.js";
import { findJob, findJobs, type JobRow, type NewJob } from "../store/jobs.js";
import { pausedQueues, pauseQueue, resumeQueue } from "../store/pauses.js";
import { oldestReadyCreatedAt } from "../store/ready-executions.js";
import { parseDbTime } from "../store/time.js";
import { selects } from "../engine/queue-selector.js";
import { Store } from "../store/store.js";
import { VirtualClock, drainMicrotasks } from "./clock.js";
import { Faults } from "./faults.js";
import { checkInvariants } from "./invariants.js";
import { buildSupervisor, type RecurringInput } from "./processes.js";
import { runCommand, scheduleRecurringTask, unscheduleRecurringTask, type DynamicTaskOptions } from "./recurring.js";
import { Scheduler } from "../engine/scheduler.js";
import { clearFinishedJobs } from "./cleanup.js";
import { clearQueue, discardAllFailed, discardJob, retryAllFailed, retryFailed } from "../engine/operator.js";
import { Random } from "./random.js";
import { Services } from "./services.js";
import { fifoStrategy, seededStrategy, type InterleavingStrategy } from "./strategy.js";
import { Threads, type ThreadHandle } from "./threads.js";
import { inlineContext } from "./perform.js";
import { parseInstant } from "./time-input.js";
import { Trace, type TraceFields, type TraceType } from "./trace.js";
import { jobView, jobViews, type JobFilter, type JobView } from "./job-views.js";

// The world: one database (Solid Queue's tables and the app's), one virtual clock, one seeded
// generator, the processes built from a queue config, the job registry and the trace.

export interface SimulationOptions {
  /** Job classes this world knows by name (classes enqueued from code are added on the way). */
  jobs?: AnyJobClass[];
  /** A loaded QueueConfig, or where to load one from (Rails' config/queue.yml). */
  queueConfig?: QueueConfig | LoadOptions;
  /** Recurring tasks: a loaded RecurringConfig or where to load one (config/recurring.yml). */
  recurring?: RecurringInput;
  /** Commands for recurring `command:` tasks, by their command string. */
  commands?: Record<string, (sim: Simulation) => void | Promise<void>>;
  seed?: number;
  /** Start instant: ISO 8601 (with Z or an offset), "YYYY-MM-DD HH:MM" read in timeZone, a Date or epoch ms. */
  start?: string | Date | number;
  /** Solid Queue's time_zone (IANA), for schedules without their own zone. Default Etc/UTC. */
  timeZone?: string;
  /** Solid Queue settings; durations in seconds or duration strings. */
  settings?: Partial<{
    processHeartbeatInterval: number | string;
    processAliveThreshold: number | string;
    shutdownTimeout: number | string;
    clearFinishedJobsAfter: number | string;
    defaultConcurrencyControlPeriod: number | string;
    preserveFinishedJobs: boolean;
    supervisorMode: "fork" | "async";
  }>;
  /** How many supervisors (hosts) run the configuration. Default 1. */
  supervisors?: number;
  /** SQL run once before anything else (the app's schema and fixtures). */
  setupSql?: string;
  models?: AnyModel[];
  serializers?: SerializerRegistry;
  /** Error classes by name, for errors scripted by name (services, SQL faults, scenarios). */
  errors?: Record<string, new (message?: string) => Error>;
  /** Who runs first when threads resume at one instant. Default: seeded random choice. */
  interleaving?: "seeded" | "fifo" | InterleavingStrategy;
  /** Check invariants while running (default true). */
  invariants?: boolean;
  /** Keep at most this many trace events in memory (counts stay exact). Default unlimited. */
  traceLimit?: number;
  /** Skip polls that cannot find work (default true; false polls for real, for comparison). */
  pollSkipping?: boolean;
  /** Solid Queue's lifecycle hooks (on_start, on_worker_stop, ...), each one function or several,
   * called with the process in registration order. */
  hooks?: Partial<Record<HookName, LifecycleHook | LifecycleHook[]>>;
}

export type LifecycleHook = (process: QueueProcess) => void;
export type HookName =
  | "onStart" | "onStop" | "onExit"
  | "onWorkerStart" | "onWorkerStop" | "onWorkerExit"
  | "onDispatcherStart" | "onDispatcherStop" | "onDispatcherExit"
  | "onSchedulerStart" | "onSchedulerStop" | "onSchedulerExit";

/** A run reached its horizon with work still pending that will never settle by itself. */
export class NotSettledError extends Error {
  override name = "NotSettledError";
}

const DEFAULT_START = Date.UTC(2026, 0, 1);
const INVARIANT_EVERY = 2000;

export class Simulation {
  readonly clock: VirtualClock;
  readonly store: Store;
  readonly trace: Trace;
  readonly random: Random;
  readonly registry: JobRegistry;
  readonly services: Services;
  readonly threads: Threads;
  readonly faults: Faults;
  readonly settings: Settings;
  readonly timeZone: string;
  readonly seed: number;
  readonly deliveries: DeliveredMail[] = [];
  readonly logs: { t: number; message: string; jobId?: number; jobClass?: string }[] = [];
  readonly supervisors: Supervisor[] = [];
  readonly errorClasses: Record<string, new (message?: string) => Error>;
  readonly commands: Record<string, (sim: Simulation) => void | Promise<void>>;
  readonly env: JobEnvironment & { runCommand(command: string): Promise<void> };
  readonly queueConfig: QueueConfig;
  readonly recurring: RecurringInput;
  private readonly hooks: NonNullable<SimulationOptions["hooks"]>;
  readonly concurrencyPeriodMs: number;
  readonly runtime: EngineRuntime;
  private readonly queue = new EventQueue();
  private readonly idRandom: Random;
  private readonly jitterRandom: Random;
  private readonly nameRandom: Random;
  private readonly models: ModelRegistry;
  private readonly serializerRegistry: SerializerRegistry;
  private readonly deserializeCtx: DeserializeContext;
  private readonly invariantsOn: boolean;
  private readonly running = new Map<Worker, Set<ThreadHandle>>();
  private current: EventKey = { time: 0, phase: 0, owner: 0 };
  private pid = 1000;
  private depth = 0;
  private eventsSinceCheck = 0;
  /** Set when an event started code outside any thread (a recurring enqueue's callbacks). */
  jobCodeStarted = false;
  private restoreEnv: (() => void) | null = null;
  private disposed = false;

  private constructor(opts: SimulationOptions, store: Store, clock: VirtualClock, queueConfig: QueueConfig) {
    this.seed = opts.seed ?? 1;
    this.random = new Random(this.seed);
    this.idRandom = this.random.fork("job ids");
    this.jitterRandom = this.random.fork("retry jitter");
    this.nameRandom = this.random.fork("process names");
    this.clock = clock;
    this.store = store;
    this.trace = new Trace(opts.traceLimit ?? Infinity);
    this.timeZone = opts.timeZone ?? "Etc/UTC";
    this.queueConfig = queueConfig;
    this.hooks = opts.hooks ?? {};
    // Loaded once, so every supervisor (host) runs the same validated tasks.
    this.recurring = opts.recurring === undefined || "tasks" in opts.recurring ? opts.recurring : loadRecurringConfig(opts.recurring);
    const s = opts.settings ?? {};
    const ms = (v: number | string | undefined, d: number, what: string) => (v === undefined ? d : Math.round(parseDuration(v, what) * 1000));
    this.settings = {
      ...DEFAULT_SETTINGS,
      processHeartbeatInterval: ms(s.processHeartbeatInterval, DEFAULT_SETTINGS.processHeartbeatInterval, "processHeartbeatInterval"),
      processAliveThreshold: ms(s.processAliveThreshold, DEFAULT_SETTINGS.processAliveThreshold, "processAliveThreshold"),
      shutdownTimeout: ms(s.shutdownTimeout, DEFAULT_SETTINGS.shutdownTimeout, "shutdownTimeout"),
      clearFinishedJobsAfter: ms(s.clearFinishedJobsAfter, DEFAULT_SETTINGS.clearFinishedJobsAfter, "clearFinishedJobsAfter"),
      preserveFinishedJobs: s.preserveFinishedJobs ?? true,
      supervisorMode: s.supervisorMode ?? "fork",
      pollSkipping: opts.pollSkipping ?? true,
    };
    this.concurrencyPeriodMs = ms(s.defaultConcurrencyControlPeriod, 180_000, "defaultConcurrencyControlPeriod");
    this.registry = new JobRegistry([MailDeliveryJob, ...(opts.jobs ?? [])]);
    this.errorClasses = opts.errors ?? {};
    this.commands = opts.commands ?? {};
    this.services = new Services(this.errorClasses);
    this.faults = new Faults(this);
    this.invariantsOn = opts.invariants ?? true;
    const strategy =
      opts.interleaving === undefined || opts.interleaving === "seeded"
        ? seededStrategy(this.random.fork("interleaving"))
        : opts.interleaving === "fifo"
          ? fifoStrategy
          : opts.interleaving;
    this.threads = new Threads(this.queue, strategy);
    this.models = new ModelRegistry(opts.models ?? []);
    this.serializerRegistry = opts.serializers ?? defaultSerializers;
    this.deserializeCtx = { registry: this.serializerRegistry, locate: makeLocator(store.db, this.models) };
    this.runtime = this.makeRuntime();
    this.env = this.makeEnvironment();
    store.onReady = (q) => {
      for (const w of this.workers()) w.notifyReady(q);
    };
    store.onSavepoint = () => {
      const mark = this.trace.mark();
      return () => this.trace.rollback(mark);
    };
    store.beforeProcessRead = () => this.flushHeartbeats();
    store.onProcessDeleted = (id) => {
      for (const p of this.processes()) if (p.id === id) p.rowDeleted();
    };
    store.db.appHook = (sql, phase) => this.appSql(sql, phase);
    store.onRecurringTasksChanged = () => {
      for (const p of this.processes()) if (p instanceof Scheduler) p.tasksChanged();
    };
    store.onScheduled = (at) => {
      for (const d of this.dispatchers()) d.wakeForEarliest(at);
    };
  }

  static async create(opts: SimulationOptions = {}): Promise<Simulation> {
    const timeZone = opts.timeZone ?? "Etc/UTC";
    const start = opts.start === undefined ? DEFAULT_START : parseInstant(opts.start, timeZone, "start");
    const clock = new VirtualClock(start);
    const store = await Store.open(() => clock.now);
    const queueConfig = resolveQueueConfig(opts.queueConfig);
    const sim = new Simulation(opts, store, clock, queueConfig);
    if (opts.setupSql !== undefined) sim.db.exec(opts.setupSql);
    const supervisors = opts.supervisors ?? 1;
    if (!Number.isInteger(supervisors) || supervisors < 0) throw new Error(`supervisors must be a non-negative integer, got ${supervisors}`);
    for (let i = 0; i < supervisors; i++) sim.startSupervisor();
    sim.restoreEnv = useEnvironment(sim.env);
    return sim;
  }

  // ---- the world's parts ----

  /** The simulation's database: Solid Queue's tables and the app's (SQL for setup and checks). */
  get db(): Database {
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
    return this.supervisors.flatMap((s) => [s, ...s.children]);
  }

  workers(): Worker[] {
    return this.processes().filter((p): p is Worker => p instanceof Worker);
  }

  dispatchers(): Dispatcher[] {
    return this.processes().filter((p): p is Dispatcher => p instanceof Dispatcher);
  }

  /** Boots one more supervisor (host) with the simulation's configuration (recurring tasks too,
   * unless others are given). */
  startSupervisor(recurring: RecurringInput = this.recurring): Supervisor {
    const owner = this.supervisors.length * 1000;
    const sup = buildSupervisor(this, owner, recurring);
    this.supervisors.push(sup);
    sup.boot();
    return sup;
  }

  // ---- running time ----

  /** Runs the world for a duration (seconds or a duration string). */
  async advance(duration: number | string): Promise<void> {
    await this.run(this.mono() + parseDuration(duration, "advance") * 1000, () => false);
  }

  /** Runs until an instant of the wall clock (ISO string, local "YYYY-MM-DD HH:MM", Date or epoch ms). */
  async runUntil(time: string | Date | number): Promise<void> {
    const skew = this.now() - this.mono();
    await this.run(parseInstant(time, this.timeZone, "runUntil") - skew, () => false);
  }

  /**
   * Runs until nothing is left to do (no ready, scheduled, claimed or blocked job), or the
   * horizon (default 30 days) is reached with work still pending, which throws NotSettledError
   * naming the jobs that did not settle.
   */
  async runUntilIdle(opts: { horizon?: number | string } = {}): Promise<{ idle: boolean; time: number }> {
    const horizon = parseDuration(opts.horizon ?? "30 days", "horizon") * 1000;
    const target = this.mono() + horizon;
    const idle = await this.run(target, () => this.isIdle());
    if (!idle && !this.isIdle()) throw new NotSettledError(this.unsettledReport(horizon));
    return { idle: true, time: this.now() };
  }

  /** No work that can still progress: nothing claimed, scheduled, blocked or claimable. */
  isIdle(): boolean {
    const s = this.store;
    if (s.claimedCount > 0 || s.scheduledCount > 0 || s.blockedCount > 0) return false;
    if (s.readyByQueue.size === 0) return true;
    // Ready jobs only a paused queue or no live worker would take are stuck, not pending.
    const paused = s.pausedCount > 0 ? pausedQueues(s) : new Set<string>();
    const live = this.workers().filter((w) => w.alive);
    for (const q of s.readyByQueue.keys()) if (!paused.has(q) && live.some((w) => selects(w.entries, q))) return false;
    return true;
  }

  private async run(target: number, stop: () => boolean): Promise<boolean> {
    if (this.disposed) throw new Error("this simulation was disposed");
    this.enter();
    try {
      for (;;) {
        if (this.disposed) return false;
        if (stop()) return true;
        const next = this.queue.peek();
        if (next === undefined || next.time > target) break;
        await this.clock.advanceTo(next.time);
        if (this.clock.hasJobTimers()) await drainMicrotasks();
        const ev = this.queue.pop()!;
        if (ev.cancelled) continue;
        this.current = ev;
        this.jobCodeStarted = false;
        await ev.fn();
        if (this.disposed) return false;
        // Job code started by this event runs on in promise callbacks: let it reach its next
        // scheduling point at this instant before anything else happens.
        await this.threads.quiesce();
        if (this.jobCodeStarted) await drainMicrotasks();
        if (this.invariantsOn && ++this.eventsSinceCheck >= INVARIANT_EVERY) {
          this.eventsSinceCheck = 0;
          checkInvariants(this, "changed", false);
        }
      }
      await this.clock.advanceTo(target);
      // Everything due at the target has run: the world now sits after the target's last event.
      this.current = { time: target, phase: Number.MAX_SAFE_INTEGER, owner: Number.MAX_SAFE_INTEGER };
      return stop();
    } finally {
      if (!this.disposed) {
        this.flushHeartbeats();
        this.leave();
        if (this.invariantsOn && this.depth === 0) checkInvariants(this);
      }
    }
  }

  private enter(): void {
    if (this.depth++ === 0) {
      this.clock.install();
      const restore = useEnvironment(this.env);
      this.leaveEnv = restore;
    }
  }

  private leaveEnv: (() => void) | null = null;

  private leave(): void {
    if (--this.depth === 0) {
      this.clock.uninstall();
      this.leaveEnv?.();
      this.leaveEnv = null;
    }
  }

  get isRunning(): boolean {
    return this.depth > 0;
  }

  // ---- jobs ----

  /** Enqueues by class or class name (scenario files, tests); returns the Active Job or false. */
  async enqueue(job: AnyJobClass | string, args: unknown[] = [], options: { wait?: number | string; waitUntil?: Date | number; queue?: string; priority?: number } = {}): Promise<Job | false> {
    const cls = typeof job === "string" ? this.registry.require(job) : job;
    const restore = useEnvironment(this.env);
    try {
      const instance = new cls(...args);
      return await instance.enqueue(options);
    } finally {
      restore();
    }
  }

  /** Jobs as rows plus status, filtered by class, status, queue or active job id. */
  jobs(filter: JobFilter = {}): JobView[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.className !== undefined) {
      where.push("class_name = ?");
      params.push(typeof filter.className === "string" ? filter.className : filter.className.jobClassName);
    }
    if (filter.queue !== undefined) {
      where.push("queue_name = ?");
      params.push(filter.queue);
    }
    if (filter.activeJobId !== undefined) {
      where.push("active_job_id = ?");
      params.push(filter.activeJobId);
    }
    const rows = findJobs(this.store, where.length === 0 ? "1" : where.join(" AND "), params);
    const views = rows.length > 20 ? jobViews(this.store, rows) : rows.map((r) => jobView(this.store, r));
    return filter.status === undefined ? views : views.filter((v) => v.status === filter.status);
  }

  job(id: number): JobView | undefined {
    const row = findJob(this.store, id);
    return row === undefined ? undefined : jobView(this.store, row);
  }

  // ---- dynamic recurring tasks ----

  /** SolidQueue.schedule_recurring_task: run only by schedulers with dynamic_tasks_enabled. */
  scheduleRecurringTask(key: string, options: DynamicTaskOptions): void {
    scheduleRecurringTask(this, key, options);
  }

  /** SolidQueue.unschedule_recurring_task. */
  unscheduleRecurringTask(key: string): void {
    unscheduleRecurringTask(this, key);
  }

  // ---- operators (Mission Control) ----

  /** Retries one failed job (same row, counters reset), or every failed job in bulk. */
  retryFailed(jobId: number): void {
    retryFailed(this.runtime, jobId);
  }

  retryAllFailed(jobIds?: number[]): number {
    return retryAllFailed(this.runtime, jobIds);
  }

  /** Discards a ready, scheduled, blocked or failed job; a claimed one throws UndiscardableError. */
  discard(jobId: number): boolean {
    return discardJob(this.runtime, jobId);
  }

  discardAllFailed(jobIds?: number[]): number {
    return discardAllFailed(this.runtime, jobIds);
  }

  /** Discards a queue's ready jobs (Queue#clear). */
  clearQueue(queue: string): number {
    return clearQueue(this.runtime, queue);
  }

  /** Deletes finished jobs older than clear_finished_jobs_after (SolidQueue::Job.clear_finished_in_batches). */
  clearFinishedJobs(opts: { batchSize?: number; className?: string } = {}): number {
    return clearFinishedJobs(this, opts);
  }

  // ---- queues and processes ----

  /** Solid Queue's Queue helpers: ready jobs, whole seconds since the oldest became ready, paused. */
  queueInfo(name: string): { name: string; size: number; latency: number; paused: boolean } {
    const oldest = oldestReadyCreatedAt(this.store, name);
    const latency = oldest === undefined ? 0 : Math.floor((this.now() - parseDbTime(oldest)) / 1000);
    return { name, size: this.store.readyCount(name), latency, paused: pausedQueues(this.store).has(name) };
  }

  /** Queue.all: the distinct queue names of solid_queue_jobs (finished jobs included). */
  queueNames(): string[] {
    return this.db.all<{ q: string }>("SELECT DISTINCT queue_name AS q FROM solid_queue_jobs ORDER BY queue_name").map((r) => r.q);
  }

  pause(queue: string): void {
    if (pauseQueue(this.store, queue)) this.trace.add(this.now(), "paused", { queue });
  }

  resume(queue: string): void {
    if (!resumeQueue(this.store, queue)) return;
    this.trace.add(this.now(), "resumed", { queue });
    for (const w of this.workers()) w.notifyReady(queue);
  }

  /** A process by exact name, or "<kind>:<n>" (the n-th live one of that kind: worker:0, dispatcher:0, scheduler:0, supervisor:0). */
  process(selector: string): QueueProcess {
    const all = this.processes();
    const exact = all.find((p) => p.name === selector);
    if (exact !== undefined) return exact;
    const m = /^(worker|dispatcher|scheduler|supervisor)(?::(\d+))?$/.exec(selector);
    if (m !== null) {
      const live = all.filter((p) => p.alive && p.kind.toLowerCase().startsWith(m[1]!));
      const p = live[Number(m[2] ?? 0)];
      if (p !== undefined) return p;
    }
    const names = all.filter((p) => p.alive).map((p) => p.name);
    throw new Error(`no process ${JSON.stringify(selector)}: use a name or worker:N / dispatcher:N / scheduler:N / supervisor:N; live processes: ${names.join(", ") || "none"}`);
  }

  /** SIGKILL: the process dies at once, mid-job too; its job code stops at its next await. */
  kill(selector: string): void {
    this.deathOf(this.process(selector), { kind: "signal", signal: 9 });
  }

  /** The process exits with status 1 (an unexpected crash). */
  crash(selector: string): void {
    this.deathOf(this.process(selector), { kind: "exit", status: 1 });
  }

  private deathOf(p: QueueProcess, how: { kind: "signal"; signal: number } | { kind: "exit"; status: number }): void {
    p.kill(how);
  }

  /** A worker died: its threads are never resumed; their code stops at its next await. */
  abandonThreads(worker: Worker): void {
    for (const h of this.running.get(worker) ?? []) {
      h.alive = false;
      this.threads.stopped(h);
    }
    this.running.delete(worker);
  }

  /** TERM: graceful stop (a worker waits up to shutdown_timeout for its jobs). */
  stop(selector: string): void {
    this.process(selector).stop("TERM");
  }

  /** QUIT a supervisor: children exit at once, their in-flight jobs go back to ready. */
  quit(selector: string): void {
    const p = this.process(selector);
    if ("quit" in p && typeof (p as Supervisor).quit === "function") (p as Supervisor).quit();
    else this.deathOf(p, { kind: "signal", signal: 3 });
  }

  stopHeartbeats(selector: string): void {
    const p = this.process(selector);
    p.stopHeartbeats();
    this.trace.add(this.now(), "heartbeats_stopped", { process: p.name });
  }

  /** Moves the wall clock forward (or back) without elapsing time: a clock-skew fault. */
  jumpClock(duration: number | string): void {
    const ms = Math.round(parseDuration(duration, "jumpClock", { allowNegative: true }) * 1000);
    // Beats before the jump carry the old wall clock.
    this.flushHeartbeats();
    this.clock.jump(ms);
    this.trace.add(this.now(), "clock_jump", { data: { by: ms } });
    for (const d of this.dispatchers()) d.wakeForEarliest();
  }

  // ---- bookkeeping used by the engine and perform ----

  /** Writes the heartbeats that lazily skipped processes would have written by now. */
  flushHeartbeats(): void {
    for (const p of this.processes()) p.materializeHeartbeat();
  }

  /** App SQL on the processes table sees current heartbeats, and a deleted live row is noticed;
   * a change to the recurring tasks reaches schedulers with dynamic tasks. */
  private appSql(sql: string, phase: "before" | "after"): void {
    if (phase === "after" && /solid_queue_recurring_tasks/i.test(sql)) this.store.onRecurringTasksChanged();
    if (!/solid_queue_processes/i.test(sql)) return;
    if (phase === "before") {
      this.flushHeartbeats();
      return;
    }
    const live = new Set(this.store.db.rows("SELECT id FROM solid_queue_processes").map((r) => r[0] as number));
    for (const p of this.processes()) if (p.alive && p.registered && !live.has(p.id)) p.rowDeleted();
  }

  registerRunning(worker: Worker, h: ThreadHandle): void {
    let set = this.running.get(worker);
    if (set === undefined) {
      set = new Set();
      this.running.set(worker, set);
    }
    set.add(h);
  }

  unregisterRunning(worker: Worker, h: ThreadHandle): void {
    this.running.get(worker)?.delete(h);
    this.finishedHandles.set(h.jobId, h);
  }

  private readonly finishedHandles = new Map<number, ThreadHandle>();

  /** The worker recorded the end of a job's execution: its thread is done. */
  threadSettled(worker: Worker, jobId: number): void {
    const h = this.finishedHandles.get(jobId) ?? [...(this.running.get(worker) ?? [])].find((x) => x.jobId === jobId);
    this.finishedHandles.delete(jobId);
    if (h !== undefined) this.threads.stopped(h);
  }

  log(message: string, fields: { jobId?: number; jobClass?: string; process?: string } = {}): void {
    this.logs.push({ t: this.now(), message, ...fields });
    this.trace.add(this.now(), "log", { ...fields, data: { message } });
  }

  /** Job ids whose rows vanished without a purposeful delete (at most `limit`). */
  lostJobs(limit = Infinity): number[] {
    const s = this.store;
    const rows = s.db.row("SELECT COUNT(*) FROM solid_queue_jobs")![0] as number;
    if (rows + s.deletedJobs.size === s.insertedJobs) return [];
    const present = new Set(s.db.rows("SELECT id FROM solid_queue_jobs").map((r) => r[0] as number));
    const out: number[] = [];
    for (let id = 1; id <= s.insertedJobs && out.length < limit; id++) if (!present.has(id) && !s.deletedJobs.has(id)) out.push(id);
    return out;
  }

  /** Checks every invariant over every job now (runs check only what changed). */
  checkInvariants(): void {
    checkInvariants(this, "all");
  }

  /** Ends the simulation: frees the database and restores the previous job environment. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // A run still in flight (not awaited) stops at its next event; the globals and the
    // environment it took are given back now, in order.
    if (this.depth > 0) {
      this.depth = 0;
      this.clock.uninstall(true);
      this.leaveEnv?.();
      this.leaveEnv = null;
    }
    this.restoreEnv?.();
    this.store.db.close();
  }

  // ---- wiring ----

  private makeRuntime(): EngineRuntime {
    const sim = this;
    return {
      store: this.store,
      settings: this.settings,
      mono: () => this.clock.mono,
      at: (time, phase, owner, fn) => this.queue.at(Math.max(time, this.clock.mono), phase, owner, fn),
      currentKey: () => this.current,
      trace: (type: TraceType, fields?: TraceFields) => {
        this.trace.add(this.clock.now, type, fields);
      },
      concurrency: (className): ConcurrencyInfo | undefined => {
        const cls = sim.registry.get(className) as (AnyJobClass & { concurrencyOptions?: { to?: number; duration?: number | string; onConflict?: string } }) | undefined;
        const o = cls?.concurrencyOptions;
        if (o === undefined) return undefined;
        return {
          limit: o.to ?? 1,
          durationMs: o.duration === undefined ? sim.concurrencyPeriodMs : Math.round(parseDuration(o.duration, "duration") * 1000),
          onConflict: o.onConflict === "discard" ? "discard" : "block",
        };
      },
      hex: (n) => this.nameRandom.hex(n),
      allocatePid: () => ++this.pid,
      lifecycle: (event, p) => {
        const role = p.kind === "Worker" ? "Worker" : p.kind === "Dispatcher" ? "Dispatcher" : p.kind === "Scheduler" ? "Scheduler" : "";
        const name = `on${role}${event[0]!.toUpperCase()}${event.slice(1)}` as HookName;
        const hooks = this.hooks[name];
        for (const hook of hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]) {
          try {
            hook(p);
          } catch (e) {
            // on_thread_error: reported, nothing stops.
            this.trace.add(this.clock.now, "thread_error", { process: p.name, data: { hook: name, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } });
          }
        }
      },
    };
  }

  private makeEnvironment(): JobEnvironment & { runCommand(command: string): Promise<void> } {
    const sim = this;
    const toNewJob = (job: Job, scheduledAt: number) => sim.newJobRow(job, scheduledAt);
    const settle = (job: Job, r: Enqueued) => {
      if (r.outcome !== "discarded") job.providerJobId = r.id;
    };
    return {
      name: "simulation",
      now: () => sim.clock.now,
      random: () => sim.jitterRandom.next(),
      newJobId: () => sim.idRandom.uuid(),
      stream: (label) => {
        const r = sim.random.fork(label);
        return () => r.next();
      },
      enqueue(job) {
        settle(job, enqueueJob(sim.runtime, toNewJob(job, sim.clock.now)));
      },
      enqueueAt(job, ts) {
        settle(job, enqueueJob(sim.runtime, toNewJob(job, Math.round(ts * 1000))));
      },
      enqueueAll(jobs) {
        const results = enqueueJobs(sim.runtime, jobs.map((j) => toNewJob(j, j.scheduledAt ?? sim.clock.now)));
        let n = 0;
        results.forEach((r, i) => {
          const job = jobs[i]!;
          settle(job, r);
          job.successfullyEnqueued = r.outcome !== "discarded";
          if (job.successfullyEnqueued) n++;
        });
        return n;
      },
      notify(type: JobNotice, job, data) {
        if (type === "perform_started" || type === "performed") return;
        sim.trace.add(sim.clock.now, type, {
          ...(job.providerJobId !== null ? { jobId: job.providerJobId } : {}),
          activeJobId: job.jobId,
          jobClass: job.className,
          queue: job.queueName,
          ...(data !== undefined ? { data } : {}),
        });
      },
      inlineContext: (job) => inlineContext(sim, job),
      deserializeContext: () => sim.deserializeCtx,
      serializers: () => sim.serializerRegistry,
      runCommand: (command: string) => runCommand(sim, command),
      deliver(mail) {
        sim.deliveries.push(mail);
        sim.trace.add(sim.clock.now, "delivered", { data: { mailer: mail.mailer, action: mail.action, to: mail.to, subject: mail.subject } });
      },
    };
  }

  /** The solid_queue_jobs row for an Active Job about to be enqueued. */
  newJobRow(job: Job, scheduledAt: number): NewJob {
    const cls = job.constructor as AnyJobClass & { concurrencyOptions?: Parameters<typeof concurrencyKey>[1] };
    this.registry.add(cls);
    const limits = cls.concurrencyOptions;
    return {
      queueName: job.queueName,
      className: job.className,
      arguments: JSON.stringify(job.serialize()),
      priority: job.priority ?? 0,
      activeJobId: job.jobId,
      scheduledAt,
      concurrencyKey: limits === undefined ? null : concurrencyKey(job.className, limits, job),
    };
  }

  private unsettledReport(horizonMs: number): string {
    const pending = this.jobs().filter((j) => j.status !== "finished" && j.status !== "failed");
    const lines = pending.slice(0, 10).map((j) => {
      let where: string = j.status;
      if (j.status === "claimed") {
        const w = this.workers().find((w) => [...w.running.values()].some((r) => r.id === j.id));
        const h = w === undefined ? undefined : [...(this.running.get(w) ?? [])].find((x) => x.jobId === j.id);
        where = `claimed${w ? ` by ${w.name}` : ""}${h ? `, waiting at await #${h.awaits} on something the simulation does not resolve (a promise nothing settles, or a hung service call)` : ""}`;
      }
      return `  job ${j.id} (${j.className}) on ${j.queueName}: ${where}`;
    });
    return `jobs did not settle within ${horizonMs / 1000}s of virtual time:\n${lines.join("\n")}${pending.length > 10 ? `\n  ... and ${pending.length - 10} more` : ""}`;
  }
}

function resolveQueueConfig(input: SimulationOptions["queueConfig"]): QueueConfig {
  if (input === undefined) return defaultQueueConfig();
  if ("workers" in input && "dispatchers" in input) return input as QueueConfig;
  return loadQueueConfig(input as LoadOptions);
}

export function createSimulation(opts: SimulationOptions = {}): Promise<Simulation> {
  return Simulation.create(opts);
}
