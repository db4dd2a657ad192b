import type { QueueConfig } from "../config/index.js";
import { AppTransactions, TransactionScopeError } from "../job/transactions.js";
import { useEnvironment } from "../job/environment.js";
import type { DeliveredMail } from "../job/mailer.js";
import { MailDeliveryJob } from "../job/mailer.js";
import { makeLocator, ModelRegistry } from "../job/model.js";
import { JobRegistry } from "../job/registry.js";
import { defaultSerializers, type SerializerRegistry } from "../job/serializers.js";
import type { DeserializeContext } from "../job/arguments.js";
import { EventQueue, type EventKey } from "../engine/event-queue.js";
import type { QueueProcess } from "../engine/process.js";
import type { EngineRuntime, Settings } from "../engine/runtime.js";
import type { Supervisor } from "../engine/supervisor.js";
import { Worker } from "../engine/worker.js";
import { Dispatcher } from "../engine/dispatcher.js";
import { selects } from "../engine/queue-selector.js";
import { pausedQueues } from "../store/pauses.js";
import { Store } from "../store/store.js";
import { drainMicrotasks, VirtualClock } from "./clock.js";
import { makeEnvironment, type SimEnvironment } from "./environment.js";
import { Faults } from "./faults.js";
import { checkInvariants } from "./invariants.js";
import type { HookName, LifecycleHook, SimulationOptions } from "./options.js";
import { inlineContext } from "./perform.js";
import { buildSupervisor } from "./processes.js";
import { Random } from "./random.js";
import type { RecurringInput } from "./recurring.js";
import { makeRuntime } from "./runtime.js";
import { Services } from "./services.js";
import { effectiveTimeZone, localZoneName } from "../schedule/zone-setting.js";
import { resolveQueueConfig, resolveRecurring, resolveSettings } from "./settings.js";
import { parseInstant } from "./time-input.js";
import { checkSimulationOptions } from "./options-check.js";
import { wireStore } from "./store-wiring.js";
import { traceFileSink } from "./trace-file.js";
import type { Simulation } from "./simulation.js";
import { fifoStrategy, seededStrategy } from "./strategy.js";
import { Threads, WorkerThreads } from "./threads.js";
import { Trace } from "./trace.js";
import { Notifier } from "../engine/instrumentation.js";
import { ErrorReporter } from "../engine/error-reporter.js";

// The world behind the Simulation facade: its parts, their wiring and the event loop. Internal
// to sim/: each helper (perform, faults, recurring, processes, invariants) declares the narrow
// part of it that it uses.

const INVARIANT_EVERY = 2000;

const DEFAULT_START = Date.UTC(2026, 0, 1);

export class World {
  readonly seed: number;
  readonly random: Random;
  readonly idRandom: Random;
  readonly jitterRandom: Random;
  readonly nameRandom: Random;
  readonly timingRandom: Random;
  readonly trace: Trace;
  readonly notifier: Notifier;
  readonly errors: ErrorReporter;
  readonly timeZone: string;
  /** The process-local zone (the virtual `TZ`): where Fugit places "now". */
  readonly localZone: string;
  readonly recurring: RecurringInput;
  readonly hooks: Partial<Record<HookName, LifecycleHook | LifecycleHook[]>>;
  readonly settings: Settings;
  readonly concurrencyPeriodMs: number;
  readonly registry: JobRegistry;
  readonly errorClasses: Record<string, new (message?: string) => Error>;
  readonly commands: Record<string, (sim: Simulation) => void | Promise<void>>;
  readonly services: Services;
  readonly faults: Faults;
  readonly invariantsOn: boolean;
  readonly threads: Threads;
  readonly workerThreads: WorkerThreads;
  readonly serializerRegistry: SerializerRegistry;
  readonly deserializeCtx: DeserializeContext;
  readonly runtime: EngineRuntime;
  /** The app database's transactions (job/transactions.ts). */
  readonly transactions: AppTransactions;
  readonly env: SimEnvironment;
  readonly deliveries: DeliveredMail[] = [];
  readonly logs: { t: number; message: string; jobId?: number; jobClass?: string }[] = [];
  readonly supervisors: Supervisor[] = [];
  readonly queue = new EventQueue();
  /** The public facade, handed to recurring commands. */
  facade!: Simulation;
  current: EventKey = { time: 0, phase: 0, owner: 0 };
  /** Set when an event started code outside any thread (a recurring enqueue's callbacks). */
  jobCodeStarted = false;
  disposed = false;
  restoreEnv: (() => void) | null = null;
  /** False for a template's store, which outlives its worlds. */
  private ownsStore = true;
  private pid = 1000;
  private depth = 0;
  private eventsSinceCheck = 0;
  private leaveEnv: (() => void) | null = null;

  /**
   * Opens a world: the clock at `start` (read in the simulation's zone), the queue config, and a
   * new store with Solid Queue's schema, or `shared`, a template's store (sim/world-template.ts),
   * which goes back to its mark first and stays open when the world is disposed.
   */
  static async open(opts: SimulationOptions, shared?: Store): Promise<World> {
    checkSimulationOptions(opts);
    const timeZone = effectiveTimeZone(opts.timeZone, opts.tz); // throws UnknownZoneError first
    const start = opts.start === undefined ? DEFAULT_START : parseInstant(opts.start, timeZone, "start");
    const queueConfig = resolveQueueConfig(opts.queueConfig);
    const clock = new VirtualClock(start);
    if (shared?.isMarked) shared.resetToMark();
    shared?.useClock(() => clock.now);
    const store = shared ?? (await Store.take(() => clock.now, opts.ownSqlInstance ?? false));
    const w = new World(opts, store, clock, queueConfig);
    w.ownsStore = shared === undefined;
    return w;
  }

  private constructor(
    opts: SimulationOptions,
    readonly store: Store,
    readonly clock: VirtualClock,
    readonly queueConfig: QueueConfig,
  ) {
    this.seed = opts.seed ?? 1;
    this.random = new Random(this.seed);
    this.idRandom = this.random.fork("job ids");
    this.jitterRandom = this.random.fork("retry jitter");
    this.nameRandom = this.random.fork("process names");
    this.timingRandom = this.random.fork("poll timing");
    this.trace = new Trace(opts.traceLimit ?? Infinity, opts.compactTrace ?? false);
    if (opts.traceFile !== undefined) this.trace.stream(traceFileSink(opts.traceFile));
    this.timeZone = effectiveTimeZone(opts.timeZone, opts.tz);
    this.localZone = localZoneName(opts.tz);
    this.notifier = new Notifier(() => this.clock.now, opts.instrumentation ?? false);
    this.errors = new ErrorReporter(() => this.clock.now);
    this.hooks = opts.hooks ?? {};
    this.recurring = resolveRecurring(opts.recurring);
    ({ settings: this.settings, concurrencyPeriodMs: this.concurrencyPeriodMs } = resolveSettings(opts));
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
    this.workerThreads = new WorkerThreads(this.threads);
    const models = new ModelRegistry(opts.models ?? []);
    this.serializerRegistry = opts.serializers ?? defaultSerializers;
    this.deserializeCtx = {
      registry: this.serializerRegistry,
      locate: makeLocator(store.db, models),
      // A class argument (ModuleSerializer) is found by name among the world's classes.
      constant: (name) => this.registry.get(name) ?? models.get(name) ?? this.errorClasses[name],
    };
    this.runtime = makeRuntime(this);
    this.transactions = new AppTransactions((sql) => store.db.prepare(sql).run());
    this.env = makeEnvironment(this, (job) => inlineContext(this, job));
    wireStore(this);
  }

  get db() {
    return this.store.db;
  }

  now(): number {
    return this.clock.now;
  }

  mono(): number {
    return this.clock.mono;
  }

  allocatePid(): number {
    return ++this.pid;
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

  startSupervisor(recurring: RecurringInput): Supervisor {
    const owner = this.supervisors.length * 1000;
    const sup = buildSupervisor(this, owner, recurring);
    this.supervisors.push(sup);
    sup.boot();
    return sup;
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

  get isRunning(): boolean {
    return this.depth > 0;
  }

  /** Runs a duration of elapsed time (ms). */
  async advance(ms: number): Promise<void> {
    await this.run(this.mono() + ms, () => false);
  }

  /** Runs events up to elapsed time `target`, or until `stop()`; true when it stopped. */
  async run(target: number, stop: () => boolean): Promise<boolean> {
    if (this.disposed) throw new Error("this simulation was disposed");
    // The transaction holds the app database; the world cannot move on under it (job/transactions.ts).
    if (this.transactions.inside) throw new TransactionScopeError("advancing the simulation inside sim.transaction is not supported: end the transaction first");
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

  private leave(): void {
    if (--this.depth === 0) {
      this.clock.uninstall();
      this.leaveEnv?.();
      this.leaveEnv = null;
    }
  }

  /** Writes the heartbeats that lazily skipped processes would have written by now. */
  flushHeartbeats(): void {
    for (const p of this.processes()) p.materializeHeartbeat();
  }

  /** Moves the wall clock forward (or back) without elapsing time: a clock-skew fault. */
  jumpClock(ms: number): void {
    this.flushHeartbeats(); // beats before the jump carry the old wall clock
    this.clock.jump(ms);
    this.trace.add(this.now(), "clock_jump", { data: { by: ms } });
    for (const d of this.dispatchers()) d.wakeForEarliest();
  }

  log(message: string, fields: { jobId?: number; jobClass?: string; process?: string } = {}): void {
    this.logs.push({ t: this.now(), message, ...fields });
    this.trace.add(this.now(), "log", { ...fields, data: { message } });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // A run still in flight (not awaited) stops at its next event; the globals and the
    // environment it took are given back now, in order.
    const inFlight = this.depth > 0;
    if (inFlight) {
      this.depth = 0;
      this.clock.uninstall(true);
      this.leaveEnv?.();
      this.leaveEnv = null;
    }
    this.restoreEnv?.();
    this.trace.end();
    this.store.unwire();
    if (this.ownsStore) this.store.giveBack(inFlight);
  }
}
