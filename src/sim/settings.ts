import { defaultQueueConfig, loadQueueConfig, loadRecurringConfig, type LoadOptions, type QueueConfig } from "../config/index.js";
import { durationMs } from "../job/duration.js";
import { DEFAULT_SETTINGS, type Settings } from "../engine/runtime.js";
import type { SimulationOptions } from "./options.js";
import type { RecurringInput } from "./recurring.js";

// createSimulation's options read once into what the engine runs on: Solid Queue's settings in
// milliseconds, the queue config and the recurring tasks loaded and validated.

/** default_concurrency_control_period (spec §9.7, settings table): 180 s. */
const DEFAULT_CONCURRENCY_PERIOD_MS = 180_000;

export function resolveSettings(opts: SimulationOptions): { settings: Settings; concurrencyPeriodMs: number } {
  const s = opts.settings ?? {};
  const ms = (v: number | string | undefined, d: number, what: string) => (v === undefined ? d : durationMs(v, what));
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    processHeartbeatInterval: ms(s.processHeartbeatInterval, DEFAULT_SETTINGS.processHeartbeatInterval, "processHeartbeatInterval"),
    processAliveThreshold: ms(s.processAliveThreshold, DEFAULT_SETTINGS.processAliveThreshold, "processAliveThreshold"),
    shutdownTimeout: ms(s.shutdownTimeout, DEFAULT_SETTINGS.shutdownTimeout, "shutdownTimeout"),
    clearFinishedJobsAfter: ms(s.clearFinishedJobsAfter, DEFAULT_SETTINGS.clearFinishedJobsAfter, "clearFinishedJobsAfter"),
    preserveFinishedJobs: s.preserveFinishedJobs ?? true,
    supervisorMode: s.supervisorMode ?? "fork",
    pollSkipping: opts.pollSkipping ?? true,
    pollTiming: opts.pollTiming ?? "drift",
  };
  const concurrencyPeriodMs = ms(s.defaultConcurrencyControlPeriod, DEFAULT_CONCURRENCY_PERIOD_MS, "defaultConcurrencyControlPeriod");
  return { settings, concurrencyPeriodMs };
}

export function resolveQueueConfig(input: SimulationOptions["queueConfig"]): QueueConfig {
  if (input === undefined) return defaultQueueConfig();
  if ("workers" in input && "dispatchers" in input) return input as QueueConfig;
  const opts = input as LoadOptions;
  // Inline text is a pure input: the same options give the same config, so a process that
  // builds many worlds (property runs, a test file) parses each config text once. Reading a
  // path is not cached (the file may change between runs). A copy each time: callers own it.
  if (opts.text === undefined) return loadQueueConfig(opts);
  const key = JSON.stringify([opts.text, opts.path, opts.env, opts.vars, opts.cpuCount, opts.lineOffset, opts.colOffset]);
  let cached = parsedConfigs.get(key);
  if (cached === undefined) {
    cached = loadQueueConfig(opts);
    if (parsedConfigs.size >= PARSED_CONFIGS_CAP) parsedConfigs.delete(parsedConfigs.keys().next().value!);
    parsedConfigs.set(key, cached);
  }
  return structuredClone(cached);
}

const PARSED_CONFIGS_CAP = 64;
const parsedConfigs = new Map<string, QueueConfig>();

/** Loaded once, so every supervisor (host) runs the same validated tasks. */
export function resolveRecurring(input: RecurringInput): RecurringInput {
  return input === undefined || "tasks" in input ? input : loadRecurringConfig(input);
}
