// A scenario file as the loader validated it: every value typed, every time resolved to epoch
// ms, every position kept for the messages the runner may still have to give.
import type { SourcePos } from "../config/index.js";
import type { SNode } from "../config/input-node.js";
import type { ConfigRef } from "../property/world-config.js";
import type { ServiceOutcome } from "../sim/services.js";
import type { Comparison } from "./compare.js";

export interface At<T> {
  value: T;
  pos: SourcePos;
}

export type { ConfigRef } from "../property/world-config.js";

export interface SettingsSpec {
  processHeartbeatInterval?: number;
  processAliveThreshold?: number;
  shutdownTimeout?: number;
  clearFinishedJobsAfter?: number;
  defaultConcurrencyControlPeriod?: number;
  preserveFinishedJobs?: boolean;
  supervisorMode?: "fork" | "async";
}

export interface RowsSpec {
  table: string;
  rows: { values: Record<string, unknown>; pos: SourcePos }[];
  pos: SourcePos;
}

export interface ServiceScript {
  service: string;
  method: string;
  /** A list is consumed call by call; a single outcome answers every call (after any list). */
  script?: ServiceOutcome[];
  otherwise?: ServiceOutcome;
  pos: SourcePos;
}

export type ProcessAction = "kill" | "crash" | "stop" | "quit" | "stop_heartbeats";

export interface EnqueueSpec {
  job: At<string>;
  args: unknown[];
  wait?: number;
  waitUntil?: number;
  queue?: string;
  priority?: number;
  count: number;
  /** Enqueue one job per slice of these ids: the slice is the first argument. */
  eachSlice?: { sql: string; size: number; pos: SourcePos };
}

export interface ArrivalsSpec {
  job: At<string>;
  args: unknown[];
  /** Arrivals per second. */
  rate: number;
  /** Seconds. */
  duration: number;
  spacing: "even" | "poisson";
  queue?: string;
  priority?: number;
  wait?: number;
}

export type StepAction =
  | { kind: "enqueue"; enqueue: EnqueueSpec }
  | { kind: "arrivals"; arrivals: ArrivalsSpec }
  | { kind: "advance"; seconds: number }
  | { kind: "process"; action: ProcessAction; selector: string }
  | { kind: "pause" | "resume"; queue: string }
  | { kind: "fail_sql"; match: string; nth: number; times: number; error?: string; message?: string; origin: "app" | "engine" | "any" }
  | { kind: "crash_at_await"; job: At<string>; await: number; how: "kill" | "crash"; once: boolean }
  | { kind: "jump_clock"; seconds: number }
  | { kind: "run_until"; time: number }
  | { kind: "run_until_idle"; horizon?: number }
  | { kind: "sql"; sql: string }
  | { kind: "replay"; file: string; arrivals: ReplayArrival[] }
  | { kind: "services"; services: ServiceScript[] }
  | { kind: "wait" };

/** One enqueue of a replayed arrivals file (`jobsim import export`'s arrivals.yml). */
export interface ReplayArrival {
  at: number;
  enqueue: EnqueueSpec;
  pos: SourcePos;
}

export interface StepSpec {
  /** "steps[3]" */
  label: string;
  /** The action's key ("enqueue", "kill", ...), or "at" for a step that only waits. */
  key: string;
  at?: number;
  pos: SourcePos;
  action: StepAction;
}

export type JobStatusName = "finished" | "failed" | "discarded" | "scheduled" | "ready" | "blocked" | "claimed";

export type ExpectCheck =
  | {
      kind: "job";
      className?: At<string>;
      id?: number;
      performed?: Comparison;
      attemptsAt?: { times: number[]; relative: boolean[] };
      tolerance: number;
      final?: JobStatusName;
      queue?: string;
      priority?: number;
      count?: Comparison;
      error?: string;
      args?: unknown[];
    }
  | { kind: "order"; classes: At<string>[] }
  | { kind: "table"; table: string; where?: string; count?: Comparison; rows?: Record<string, unknown>[] }
  | { kind: "sql"; sql: string; rows?: Record<string, unknown>[]; count?: Comparison; value?: unknown; hasValue: boolean }
  | { kind: "latency"; queue?: string; job?: At<string>; bounds: { stat: LatencyStat; bound: Comparison }[] }
  | { kind: "no_failed_jobs" }
  | { kind: "deliveries"; count: Comparison; to?: string; subject?: string; mailer?: string; action?: string }
  | { kind: "trace"; type: string; job?: At<string>; queue?: string; count: Comparison; payload?: Record<string, unknown> }
  | { kind: "errors"; count: Comparison; errorClass?: string; message?: string; handled?: boolean; severity?: "error" | "warning" | "info"; source?: string; context?: Record<string, unknown> }
  | { kind: "logs"; contains?: string; matches?: RegExp; job?: At<string>; count: Comparison }
  | { kind: "calls"; service: string; method?: string; count: Comparison }
  | { kind: "invariants" };

export type LatencyStat = "p50" | "p90" | "p95" | "p99" | "max" | "mean";

export interface ExpectSpec {
  name: string;
  pos: SourcePos;
  check: ExpectCheck;
}

export interface ScenarioSpec {
  file: string;
  name: string;
  description?: string;
  seed: number;
  start: number;
  /** The effective zone: time_zone as an IANA name, or the local zone when time_zone is null. */
  timeZone: string;
  /** The simulated process's TZ (absent: the default, Etc/UTC). */
  tz?: string;
  jobModules: At<string>[];
  env: string;
  queueConfig?: ConfigRef;
  recurringConfig?: ConfigRef;
  vars: Record<string, string>;
  /** config.cpu_count (or --cpus): the CPU count the config files' ERB reads; undefined means the loader's default. */
  cpuCount?: number;
  settings: SettingsSpec;
  supervisors: number;
  /** Who runs first when threads resume together: seeded choice, time order, a replayed list of
   * choices (a counterexample's), or PCT priorities. */
  interleaving: "seeded" | "fifo" | { choices: number[] } | { pct: { seed: number; changePoints: number[] } };
  /** With the value's offsets in the file, to place SQL errors on the failing statement. */
  setupSql?: At<string> & { start: number; end: number };
  setupRows: RowsSpec[];
  services: ServiceScript[];
  steps: StepSpec[];
  expectations: ExpectSpec[];
  /** `compare:` the same timeline under other queue configs (src/whatif runs it). */
  compare?: CompareSpec;
  /** `properties:` entries as positioned nodes (src/property parses and runs them). */
  properties: SNode[];
}

/** One queue config of a comparison. */
export interface CompareRun {
  name: string;
  queue: ConfigRef;
  pos: SourcePos;
}

/** A bound on a comparison: a wait statistic of one queue in one run, absolute ("< 5s") or
 * relative to the same statistic in the first run ("<= 50%"). */
export interface CompareExpect {
  name: string;
  run: string;
  queue: string;
  stat: "p50" | "p95" | "p99" | "max";
  bound: { kind: "duration"; bound: Comparison } | { kind: "relative"; op: Comparison["op"]; ratio: number; text: string };
  pos: SourcePos;
}

export interface CompareSpec {
  runs: CompareRun[];
  expect: CompareExpect[];
  pos: SourcePos;
}
