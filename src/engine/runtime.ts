import type { Store } from "../store/store.js";
import type { TraceFields, TraceType } from "./trace-vocabulary.js";
import type { Timer } from "./event-queue.js";
import type { Payload } from "./instrumentation.js";
import type { ReportOptions } from "./error-reporter.js";

export { Phase } from "./event-queue.js";

// What the queue's processes need from the world around them. The simulation provides it; the
// engine knows nothing of YAML, vitest or reports.

export interface ConcurrencyInfo {
  limit: number;
  durationMs: number;
  onConflict: "block" | "discard";
}

export interface Settings {
  processHeartbeatInterval: number; // ms
  processAliveThreshold: number; // ms
  shutdownTimeout: number; // ms
  preserveFinishedJobs: boolean;
  clearFinishedJobsAfter: number; // ms
  /** Skip polls that cannot find anything (same trace, far fewer events). */
  pollSkipping: boolean;
  supervisorMode: "fork" | "async";
  /** "drift": each polling process has a seeded boot offset and a period slightly longer than
   * its polling_interval (docs/engine.md, "Poll timing"); "aligned": every process polls on one
   * grid from boot, at exactly polling_interval (spec-exact instants for unit tests). */
  pollTiming: "drift" | "aligned";
}

export const DEFAULT_SETTINGS: Settings = {
  processHeartbeatInterval: 60_000,
  processAliveThreshold: 300_000,
  shutdownTimeout: 5_000,
  preserveFinishedJobs: true,
  clearFinishedJobsAfter: 86_400_000,
  pollSkipping: true,
  supervisorMode: "fork",
  pollTiming: "drift",
};

/** When a polling process first polls (after its boot) and how far apart its polls are. */
export interface PollTiming {
  /** ms from boot to the first poll. */
  offset: number;
  /** ms between polls: polling_interval plus what the poll itself costs. */
  period: number;
}

/** What the application defines, as RecurringTask's validations see it (spec §4). */
export interface AppCatalog {
  hasJobClass(className: string): boolean;
  jobClassNames(): string[];
  /** A recurring `command:` the world can run. */
  hasCommand(command: string): boolean;
}

export interface EngineRuntime {
  readonly store: Store;
  readonly settings: Settings;
  readonly app: AppCatalog;
  /** Elapsed virtual time (ms): what timers are scheduled on. */
  mono(): number;
  /** Schedules `fn` at elapsed time `time`. */
  at(time: number, phase: number, owner: number, fn: () => void | Promise<void>): Timer;
  /** The event being run now: its key decides whether a poll tick at this instant already passed. */
  currentKey(): { time: number; phase: number; owner: number };
  trace(type: TraceType, fields?: TraceFields): void;
  /** Emits `<event>.solid_queue` (spec §9.8); `payload` is built only when someone listens. */
  instrument(event: string, payload: () => Payload, start?: number): void;
  /** Whether anyone listens to `<event>.solid_queue` (so a caller can skip building a payload). */
  listening(event: string): boolean;
  /** Rails.error.report. */
  reportError(error: unknown, options?: ReportOptions): void;
  /** Wall-clock now (epoch ms), for event start times. */
  now(): number;
  /** The concurrency limits of a job class, read at the moment of use (spec §9.7); undefined when
   * the class is not limited or does not exist. */
  concurrency(className: string): ConcurrencyInfo | undefined;
  /** The poll timing of a new polling process with this polling_interval (ms), drawn from its
   * own seeded stream; { offset: 0, period: interval } when timing is aligned. */
  pollTiming(interval: number): PollTiming;
  /** Hex for process names: from the seeded generator. */
  hex(chars: number): string;
  /** Process ids, counted per simulation. */
  allocatePid(): number;
  /** Lifecycle hooks (spec §5.7): start after boot, stop when a stop begins, exit after
   * deregistration. A hook that throws is reported and stops nothing. */
  lifecycle(event: "start" | "stop" | "exit", process: import("./process.js").QueueProcess): void;
}
