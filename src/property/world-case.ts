import type { ServiceOutcome } from "../sim/services.js";

// A generated world as plain data: the queue config, the jobs that arrive and when, the faults,
// and the interleaving. Plain data is what fast-check shrinks and what a counterexample file
// stores, so a case read back from YAML runs exactly as it did when it failed.

export interface WorkerCase {
  queues: string[];
  threads: number;
  processes: number;
  /** Seconds. */
  pollingInterval: number;
}

export interface DispatcherCase {
  /** Seconds. */
  pollingInterval: number;
  batchSize: number;
}

export interface QueueConfigCase {
  workers: WorkerCase[];
  dispatchers: DispatcherCase[];
}

export interface Arrival {
  /** Milliseconds after the start. */
  at: number;
  job: string;
  args: unknown[];
  queue?: string;
  priority?: number;
  /** Seconds of delay at enqueue (set({ wait })). */
  wait?: number;
}

export type ProcessActionName = "kill" | "crash" | "stop" | "quit" | "stop_heartbeats" | "restart";

/** Something done to the world at a time: a process fault, a pause, a host restart. */
export type TimedAction =
  | { at: number; action: ProcessActionName; target: string }
  | { at: number; action: "pause" | "resume"; queue: string }
  | { at: number; action: "jump_clock"; seconds: number };

/** Kill the worker running a job at its n-th await (the arrival by index, or any job of a class). */
export interface AwaitCrashCase {
  arrival?: number;
  job?: string;
  await: number;
  how: "kill" | "crash";
}

export type InterleavingCase =
  | { kind: "choices"; choices: number[] }
  | { kind: "pct"; seed: number; changePoints: number[] }
  | { kind: "seeded" }
  | { kind: "fifo" };

export const BUGGIFY_SITES = ["sql", "crash", "heartbeat", "clock"] as const;
export type BuggifySite = (typeof BUGGIFY_SITES)[number];

export interface BuggifyCase {
  seed: number;
  /** Sites switched on for this run. */
  sites: BuggifySite[];
}

/** Per service and method ("*" = any): a list is consumed call by call; one outcome answers every call. */
export type ServiceScripts = Record<string, Record<string, ServiceOutcome[] | ServiceOutcome>>;

export interface WorldCase {
  seed: number;
  config: QueueConfigCase;
  arrivals: Arrival[];
  actions: TimedAction[];
  awaitCrashes: AwaitCrashCase[];
  interleaving: InterleavingCase;
  buggify?: BuggifyCase;
  services?: ServiceScripts;
  /** Milliseconds of virtual time after the last arrival before the run stops. */
  horizon: number;
}
