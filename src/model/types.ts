// A job model: every job class of an app with what Active Job / Solid Queue would make of its
// declarations, plus a `behaviour` that stands in for `perform`'s code. `jobsim import rails`
// writes it; a person can write or edit one by hand. The types mirror the YAML file key for
// key (snake_case), so a loaded file is these objects and writing one is YAML.stringify.
// schema/job-model.schema.json documents every field; docs/rails.md shows a file.

/** "app/jobs/report_job.rb:3:3": where a declaration was read, relative to the app folder. */
export type At = string;

export const MODEL_FORMAT = "jobsim-job-model/1";

export interface JobModel {
  format: typeof MODEL_FORMAT;
  /** Rails environment whose config/environments/<env>.rb was read. */
  env: string;
  settings: AppSettings;
  /** Paths of the Solid Queue config files, relative to the model file (absent: none found). */
  config: { queue?: string; recurring?: string };
  jobs: Record<string, JobClassModel>;
  /** Everything the import read but could not map, never dropped silently. */
  unmapped: Unmapped[];
}

/** App-wide settings from config/application.rb and config/environments/<env>.rb. */
export interface AppSettings {
  /** As written in `config.time_zone` (a Rails zone name such as "Eastern Time (US & Canada)" or an IANA name); Rails' default "UTC". */
  time_zone: string;
  /** `config.load_defaults`, when given; it decides retry_jitter and enqueue_after_transaction_commit defaults. */
  load_defaults?: number;
  queue_name_prefix: string | null;
  queue_name_delimiter: string;
  /** `config.active_job.retry_jitter`, or the load_defaults value (0.15 from 6.1 on, else 0.0). */
  retry_jitter: number;
  /** `config.active_job.enqueue_after_transaction_commit`, or the load_defaults value. */
  enqueue_after_transaction_commit: boolean;
  /** `config.solid_queue.<name> = value` settings; durations in seconds. */
  solid_queue: Record<string, string | number | boolean | null>;
}

export interface JobClassModel {
  /** Where the class is defined ("app/jobs/x.rb:1:1"); absent for a hand-written class. */
  at?: At;
  /** Direct superclass, as written. */
  superclass?: string;
  /** Superclass chain up to ActiveJob::Base (or the first class outside the app), nearest first. */
  ancestors?: string[];
  queue: QueueModel;
  priority: PriorityModel;
  /** Effective class_attribute (spec §5.7): own, inherited, or the app's setting. */
  retry_jitter: number;
  enqueue_after_transaction_commit: boolean;
  /** retry_on / discard_on / rescue_from in declaration order, inherited ones first. Lookup takes
   * the LAST entry whose error matches (active-job §5.2). */
  handlers: HandlerModel[];
  concurrency?: ConcurrencyModel;
  callbacks: Partial<Record<CallbackKind, CallbackModel[]>>;
  /** `perform`'s parameters; absent when no class in the chain defines perform. */
  perform?: PerformModel;
  behaviour: Behaviour;
}

export type QueueModel =
  | {
      /** The queue Solid Queue sees: prefix applied (active-job §2.1). */
      name: string;
      /** As declared by queue_as; absent for the default queue. */
      declared?: string;
      at?: At;
      inherited_from?: string;
    }
  | {
      /** queue_as with a block: its Ruby source, evaluated per job in Rails. */
      dynamic: string;
      /** Queue names (prefixed) the block can return, read from its symbol and string literals. */
      candidates: string[];
      at?: At;
      inherited_from?: string;
    };

export type PriorityModel =
  | { value: number | null; at?: At; inherited_from?: string }
  | { dynamic: string; at?: At; inherited_from?: string };

export type WaitModel =
  | number
  | "polynomially_longer"
  | {
      /** The lambda's Ruby source. */
      proc: string;
      /** Arguments the proc is called with: 1 = (executions), 2 = (executions, error). */
      arity: 1 | 2;
      /** Arithmetic in `n` (the declaration's failure count), when the body is that simple:
       * numbers, n, + - * / % ** and parentheses; durations already in seconds. See wait-formula.ts. */
      formula?: string;
    };

interface HandlerBase {
  /** Error class names as written ("Net::OpenTimeout"); a string name is kept as its text. */
  errors: string[];
  at?: At;
  /** The class that declared it (absent: the class itself). */
  inherited_from?: string;
}

export interface RetryOnModel extends HandlerBase {
  kind: "retry_on";
  /** Seconds, polynomially_longer, or a proc. Default 3 (active-job §5.3). */
  wait: WaitModel;
  attempts: number | "unlimited";
  /** Effective jitter: the declared value, or the class's retry_jitter when none was given. */
  jitter: number;
  /** True when `jitter:` was written on the declaration. */
  jitter_declared: boolean;
  queue?: string;
  priority?: number;
  report: boolean;
  /** The block run when attempts are exhausted (Ruby source). */
  on_exhausted?: string;
}

export interface DiscardOnModel extends HandlerBase {
  kind: "discard_on";
  report: boolean;
  block?: string;
}

export interface RescueFromModel extends HandlerBase {
  kind: "rescue_from";
  /** `with: :method_name`. */
  with?: string;
  block?: string;
}

export type HandlerModel = RetryOnModel | DiscardOnModel | RescueFromModel;

export type ConcurrencyKeyPart = { literal: string } | { arg: number; path?: string[] };

export interface ConcurrencyModel {
  to: number;
  key:
    | { literal: string }
    | {
        /** The key lambda's Ruby source. */
        source: string;
        /** The key as parts when simple: `->(order) { order.id }` is [{ arg: 0, path: [id] }]. */
        parts?: ConcurrencyKeyPart[];
      };
  /** Default: the class name (solid-queue §3.1). */
  group: string | { dynamic: string };
  /** Seconds; default solid_queue.default_concurrency_control_period (180). */
  duration: number;
  on_conflict: "block" | "discard";
  at?: At;
  inherited_from?: string;
}

export const CALLBACK_KINDS = [
  "before_enqueue",
  "around_enqueue",
  "after_enqueue",
  "before_perform",
  "around_perform",
  "after_perform",
  "after_discard",
] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

export interface CallbackModel {
  /** A method name (`before_perform :load_user`) or a block's source. */
  method?: string;
  block?: string;
  if?: string;
  unless?: string;
  prepend?: boolean;
  at?: At;
  inherited_from?: string;
}

export const PARAM_KINDS = ["required", "optional", "rest", "post", "keyword", "optional_keyword", "keyword_rest", "block"] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];

export interface PerformModel {
  params: { name: string; kind: ParamKind; default?: string }[];
  at?: At;
  inherited_from?: string;
}

/** What perform does, without its code. Import leaves it empty or estimated; a person fills it. */
export interface Behaviour {
  run_time?: RunTime;
  /** Errors perform raises; each is handled by the class's handlers like a real raise. */
  failures?: FailureModel[];
  /** Jobs perform enqueues (fan-out). */
  enqueues?: EnqueueModel[];
  /** Scripted services perform calls, in order, before its run time (a scenario's `services:`
   * decide what they answer; an error they throw is handled like a raise). */
  calls?: CallModel[];
  /** True when run_time was filled in by an import (export samples or a default), not a person. */
  estimated?: boolean;
}

/** Seconds of virtual time one execution takes on its worker thread. */
export type RunTime =
  | { fixed: number }
  | { uniform: { min: number; max: number } }
  | { lognormal: { p50: number; p95: number } }
  | { empirical: number[] };

export type FailureModel =
  | { error: string; message?: string; probability: number }
  | {
      error: string;
      message?: string;
      /** Per execution of the job, in order: true fails that attempt; after the list, no failure. */
      script: boolean[];
    };

export interface EnqueueModel {
  job: string;
  /** Arguments; "{arg.0}" / "{arg.0.id}" copy the parent's argument. */
  args?: unknown[];
  /** How many per execution (default 1). */
  count?: number;
  /** Seconds after the parent's perform ends; default 0 (at once). */
  wait?: number;
  queue?: string;
  priority?: number;
  /** Chance of each enqueue (default 1). */
  probability?: number;
}

export interface CallModel {
  service: string;
  method: string;
  /** Arguments; "{arg.0}" / "{arg.0.id}" copy the job's argument. */
  args?: unknown[];
}

export interface Unmapped {
  at: At;
  /** The class it belongs to, when inside one. */
  class?: string;
  /** What was read: "sidekiq_options", "retry_on wait:", ... */
  what: string;
  why: string;
}
