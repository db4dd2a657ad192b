// createSimulation's options checked at run time, as the job API's are (job/options.ts):
// plain-JavaScript callers have no tsc, and a misspelt key (`queueConfg`, `settings.shutdownTimout`)
// would otherwise be ignored without a word. An unknown key or a value of the wrong kind is an
// ArgumentError naming it and the nearest known key. Deeper values (a queue config, hooks) are
// checked where they are read.
import { ArgumentError } from "../job/errors.js";
import { aBoolean, aDuration, readOptions, show, type Check } from "../job/options.js";
import type { SimulationOptions } from "./options.js";

const anObject: Check = (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? undefined : "an object");
const anArray: Check = (v) => (Array.isArray(v) ? undefined : "an array");
const aString: Check = (v) => (typeof v === "string" ? undefined : "a string");
const aStringOrNull: Check = (v) => (typeof v === "string" || v === null ? undefined : "a time zone name (a string) or null");
const aNumber: Check = (v) => (typeof v === "number" && !Number.isNaN(v) ? undefined : "a number");
const anInstant: Check = (v) => (typeof v === "string" || typeof v === "number" || v instanceof Date ? undefined : "an instant (a string, a Date or epoch ms)");
const anInterleaving: Check = (v) => (v === "seeded" || v === "fifo" || (typeof v === "object" && v !== null) ? undefined : '"seeded", "fifo" or an interleaving strategy');
const aPollTiming: Check = (v) => (v === "drift" || v === "aligned" ? undefined : '"drift" or "aligned"');

const SIMULATION_KEYS: Record<keyof SimulationOptions, Check> = {
  jobs: anArray,
  queueConfig: anObject,
  recurring: anObject,
  commands: anObject,
  seed: aNumber,
  start: anInstant,
  timeZone: aStringOrNull,
  tz: aString,
  settings: anObject,
  supervisors: aNumber,
  setupSql: aString,
  models: anArray,
  serializers: anObject,
  errors: anObject,
  interleaving: anInterleaving,
  invariants: aBoolean,
  traceLimit: aNumber,
  traceFile: aString,
  compactTrace: aBoolean,
  ownSqlInstance: aBoolean,
  instrumentation: aBoolean,
  pollSkipping: aBoolean,
  pollTiming: aPollTiming,
  hooks: anObject,
};

const SETTINGS_KEYS: Record<string, Check> = {
  processHeartbeatInterval: aDuration(false),
  processAliveThreshold: aDuration(false),
  shutdownTimeout: aDuration(false),
  clearFinishedJobsAfter: aDuration(false),
  defaultConcurrencyControlPeriod: aDuration(false),
  preserveFinishedJobs: aBoolean,
  supervisorMode: (v) => (v === "fork" || v === "async" ? undefined : '"fork" or "async"'),
};

const HOOK_NAMES = [
  "onStart", "onStop", "onExit", "onWorkerStart", "onWorkerStop", "onWorkerExit",
  "onDispatcherStart", "onDispatcherStop", "onDispatcherExit", "onSchedulerStart", "onSchedulerStop", "onSchedulerExit",
];
const aHook: Check = (v) => (typeof v === "function" || (Array.isArray(v) && v.every((f) => typeof f === "function")) ? undefined : "a function or a list of functions");

/** Throws ArgumentError on an unknown key or a value of the wrong kind, with the nearest key. */
export function checkSimulationOptions(opts: unknown): void {
  const o = readOptions<SimulationOptions>({ method: "createSimulation", keys: SIMULATION_KEYS }, opts);
  readOptions({ method: "createSimulation settings", keys: SETTINGS_KEYS }, o.settings);
  readOptions({ method: "createSimulation hooks", keys: Object.fromEntries(HOOK_NAMES.map((h) => [h, aHook])) }, o.hooks);
  for (const [command, fn] of Object.entries(o.commands ?? {})) {
    if (typeof fn !== "function") throw new ArgumentError(`createSimulation: commands[${JSON.stringify(command)}] must be a function, got ${show(fn)}`);
  }
}
