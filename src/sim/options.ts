import type { LoadOptions, QueueConfig } from "../config/index.js";
import type { AnyModel } from "../job/model.js";
import type { AnyJobClass } from "../job/registry.js";
import type { SerializerRegistry } from "../job/serializers.js";
import type { QueueProcess } from "../engine/process.js";
import type { RecurringInput } from "./recurring.js";
import type { Simulation } from "./simulation.js";
import type { InterleavingStrategy } from "./strategy.js";

// What a simulation is made from: createSimulation's options (the public API's types).

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
  /**
   * Solid Queue's time_zone, for schedules without their own zone: an IANA name, one of
   * ActiveSupport's names ("Eastern Time (US & Canada)"), or null for the process-local
   * zone (`tz`). Default Etc/UTC (Rails' "UTC"). Stored as the IANA name.
   */
  timeZone?: string | null;
  /** The simulated process's `TZ`, its local zone (docs/schedules.md). Default Etc/UTC; the host's TZ is never read. */
  tz?: string;
  /** Solid Queue settings; durations in seconds or duration strings. */
  settings?: SettingsInput;
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
  /** Hold the trace's events in columns, ~35 bytes an event instead of ~200 (long runs that
   * keep their trace, as scenario runs do). `sim.trace.events` then builds a copy each time it
   * is read; `sim.trace.all` reads them in place. Default false. */
  compactTrace?: boolean;
  /** Open the world's database in a sql.js instance of its own, whose memory goes back to the
   * system once the world is disposed. Worlds share one instance by default, and a wasm heap
   * never shrinks: after a 100,000-job world the process would keep ~95 MB for good. Costs
   * ~10 ms at creation; scenario runs set it. Default false. */
  ownSqlInstance?: boolean;
  /** Stream the trace to this file (the JSON trace format, byte for byte what trace.toJSON()
   * would give) instead of holding it: memory stays flat on long runs. Written as events
   * become final; complete once the simulation is disposed. */
  traceFile?: string;
  /** Keep Solid Queue's and Active Job's instrumentation events (sim.notifications, the
   * JSON in notificationsJSON()); subscribers see them either way. Default false. */
  instrumentation?: boolean;
  /** Skip polls that cannot find work (default true; false polls for real, for comparison). */
  pollSkipping?: boolean;
  /** "drift" (default): processes start polling at seeded offsets and each polls on its own
   * period, slightly longer than polling_interval, as real ones do. "aligned": every process
   * polls from boot at exactly polling_interval, one grid for all (for tests that pin instants).
   * See docs/engine.md, "Poll timing". */
  pollTiming?: "drift" | "aligned";
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

/** Solid Queue settings; durations in seconds or duration strings. */
export type SettingsInput = Partial<{
  processHeartbeatInterval: number | string;
  processAliveThreshold: number | string;
  shutdownTimeout: number | string;
  clearFinishedJobsAfter: number | string;
  defaultConcurrencyControlPeriod: number | string;
  preserveFinishedJobs: boolean;
  supervisorMode: "fork" | "async";
}>;
