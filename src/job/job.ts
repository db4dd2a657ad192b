import { deserializeArguments, type JsonValue } from "./arguments.js";
import { AbortChain, mergeChains, runChain, type AroundCallback, type CallbackEntry, type CallbackOptions, type SimpleCallback } from "./callbacks.js";
import { collected, nearest, own } from "./class-settings.js";
import type { ConcurrencyOptions } from "./concurrency-key.js";
import { durationMs, parseDuration } from "./duration.js";
import { currentEnvironment, type JobDb, type JobEnvironment, type PerformContext } from "./environment.js";
import { discardHandler, findHandler, rescueHandler, retryHandler, type ErrorMatcher, type HandledJob, type RetryOptions } from "./handlers.js";
import { RecordNotFound } from "./errors.js";
import type { AnyModel, RecordId } from "./model.js";
import { fromPayload, toPayload, type JobPayload } from "./payload.js";
import { quoteIdentifier } from "../store/sql-identifier.js";

// The Job base class: Active Job's API with camel-cased names (active-job.md §1-5).
//
//   class SendWelcomeEmailJob extends Job {
//     static { this.queueAs("default"); }
//     async perform(userId: number) { ... }
//   }
//   await SendWelcomeEmailJob.performLater(42);

export type Args<J> = J extends { perform(...args: infer A): unknown } ? A : never;
export type JobClass<J extends Job = Job> = (new (...args: any[]) => J) & StaticSide;
type StaticSide = Omit<typeof Job, "prototype">;

/** Job.set / enqueue options (Active Job's set); null or absent leaves the job's value alone. */
export interface SetOptions {
  /** Seconds or a duration string, from the moment of enqueue. */
  wait?: number | string | null;
  /** An instant (Date or epoch ms); wins over wait. */
  waitUntil?: Date | number | null;
  /** Prefixed with queueNamePrefix like queueAs. */
  queue?: string | null;
  /** Cut to an integer, as Ruby's to_i ("7" is 7). */
  priority?: number | string | null;
}

export class Job {
  arguments: unknown[];
  private id: string | undefined;
  providerJobId: number | null = null;
  scheduledAt: number | null = null;
  executions = 0;
  exceptionExecutions: Record<string, number> = {};
  /** The payload this job came from had no exception_executions (written before they existed). */
  legacyExceptionCounters = false;
  locale = "en";
  timezone = "UTC";
  enqueuedAt: number | null = null;
  successfullyEnqueued: boolean | undefined = undefined;
  enqueueError: Error | null = null;
  /** Arguments still in their stored form: deserialized at perform time, as Active Job does. */
  serializedArguments: JsonValue[] | null = null;
  private resolvedQueue: string | undefined;
  private resolvedPriority: number | null | undefined;
  private explicitQueue = false;
  private explicitPriority = false;
  /** The world this job was built in (captured at construction). */
  env: JobEnvironment;
  /** Set while performing: the thread's scheduling points. */
  context: PerformContext | null = null;

  constructor(...args: unknown[]) {
    this.env = currentEnvironment();
    this.arguments = args;
  }

  /** Active Job's job_id (a UUID), drawn from the seeded generator when first needed. */
  get jobId(): string {
    this.id ??= this.env.newJobId();
    return this.id;
  }

  set jobId(id: string) {
    this.id = id;
  }

  /** The job's code. Throwing is handled by retryOn / discardOn / rescueFrom. */
  perform(..._args: any[]): unknown {
    throw new NotImplementedError(`${this.constructor.name}#perform is not implemented: override perform(...args) in the job class`);
  }

  // ---- identity ----

  /** The class name stored in solid_queue_jobs.class_name. */
  static get jobClassName(): string {
    return own(this).jobClassName ?? this.name;
  }

  static set jobClassName(name: string) {
    own(this).jobClassName = name;
  }

  get className(): string {
    return (this.constructor as typeof Job).jobClassName;
  }

  // ---- queue and priority ----

  get queueName(): string {
    if (this.resolvedQueue === undefined) this.resolvedQueue = resolveQueue(this);
    return this.resolvedQueue;
  }

  set queueName(name: string) {
    this.resolvedQueue = name;
    this.explicitQueue = true;
  }

  get priority(): number | null {
    if (this.resolvedPriority === undefined) {
      const spec = nearest(this.constructor, "priority");
      const v = typeof spec === "function" ? (spec as (j: Job) => number | null | undefined).call(this, this) : spec;
      this.resolvedPriority = v ?? null;
    }
    return this.resolvedPriority;
  }

  set priority(p: number | null) {
    this.resolvedPriority = p;
    this.explicitPriority = true;
  }

  // ---- perform context (only while performing) ----

  private ctx(): PerformContext {
    return this.context ?? this.env.inlineContext(this);
  }

  /** The simulation's SQL database (app tables). Each call is a scheduling point. */
  get db(): JobDb {
    return this.ctx().db;
  }

  /** Virtual now. */
  now(): Date {
    return new Date(this.env.now());
  }

  /** Sleeps in virtual time (seconds or a duration string). */
  sleep(duration: number | string): Promise<void> {
    return this.ctx().sleep(parseDuration(duration, "sleep"));
  }

  /** A scheduling point that takes no virtual time: another thread may run here. */
  pause(): Promise<void> {
    return this.ctx().pause();
  }

  log(message: string): void {
    this.ctx().log(message);
  }

  /** Active Record's `Model.find(id)` through this.db (so a scheduling point); RecordNotFound if no row. */
  async find<M extends AnyModel>(model: M, id: RecordId): Promise<InstanceType<M>> {
    const sql = `SELECT * FROM ${quoteIdentifier(model.table)} WHERE ${quoteIdentifier(model.primaryKey)} = ? LIMIT 1`;
    const row = await this.db.get(sql, [bindableId(id)]);
    if (row === undefined) throw new RecordNotFound(model.modelName, model.primaryKey, String(id));
    return Object.freeze(new model(row)) as InstanceType<M>;
  }

  /** Named outside services, scripted by the test or scenario: `await this.services.payment.charge(order)`. */
  get services(): Record<string, Record<string, (...args: unknown[]) => Promise<any>>> {
    const ctx = this.ctx();
    return new Proxy({} as Record<string, Record<string, (...args: unknown[]) => Promise<any>>>, {
      get: (_t, service) =>
        typeof service !== "string"
          ? undefined
          : new Proxy({}, { get: (_u, method) => (typeof method !== "string" ? undefined : (...args: unknown[]) => ctx.callService(service, method, args)) }),
    });
  }

  /** Halts the chain from a before callback (Active Job's `throw :abort`). */
  abort(): never {
    throw new AbortChain();
  }

  // ---- enqueueing ----

  /**
   * queue_as: a name is prefixed now, at declaration (a later queueNamePrefix does not change it);
   * a function runs per job, with the job as `this`, the first time its queue is read.
   */
  static queueAs(queue: string | null | ((job: any) => string | null | undefined)): void {
    const s = own(this);
    if (typeof queue === "function") s.queue = queue as never;
    else s.queue = applyPrefix(this, queue === null || queue === undefined ? DEFAULT_QUEUE : String(queue));
  }

  static queueWithPriority(priority: number | null | ((job: any) => number | null | undefined)): void {
    own(this).priority = priority as never;
  }

  static set queueNamePrefix(prefix: string | null) {
    own(this).queueNamePrefix = prefix;
  }

  static get queueNamePrefix(): string | null {
    return nearest(this, "queueNamePrefix") ?? null;
  }

  static set queueNameDelimiter(d: string) {
    own(this).queueNameDelimiter = d;
  }

  static get queueNameDelimiter(): string {
    return nearest(this, "queueNameDelimiter") ?? "_";
  }

  /** Default jitter for retryOn without an explicit one: 0.0 (Rails apps on load_defaults >= 6.1 use 0.15). */
  static set retryJitter(j: number) {
    own(this).retryJitter = j;
  }

  static get retryJitter(): number {
    return nearest(this, "retryJitter") ?? 0;
  }

  /** Enqueues a new job (or the instance given as the only argument); the job, or false if it was not enqueued. */
  static performLater<J extends Job>(this: new (...a: any[]) => J, ...args: Args<J> | [J]): Promise<J | false> {
    return jobOrInstantiate(this, args).enqueue();
  }

  /** Runs a new job (or the given instance) inline, without the queue; see Job#performNow for the result. */
  static async performNow<J extends Job>(this: new (...a: any[]) => J, ...args: Args<J> | [J]): Promise<unknown> {
    return jobOrInstantiate(this, args).performNow();
  }

  static set<J extends Job>(this: new (...a: any[]) => J, options: SetOptions): ConfiguredJob<J> {
    return new ConfiguredJob(this, options);
  }

  /** Applies set() options to this instance (at enqueue time). */
  /** Applies set() options to this instance (at enqueue time); an absent or null option changes nothing. */
  set(options: SetOptions): this {
    // A negative wait is allowed, as in Rails: the job is due at once.
    if (options.wait != null) this.scheduledAt = this.env.now() + durationMs(options.wait, "wait", { allowNegative: true });
    // Applied after wait, so it wins when both are given.
    if (options.waitUntil != null) this.scheduledAt = options.waitUntil instanceof Date ? options.waitUntil.getTime() : options.waitUntil;
    if (options.queue != null) this.queueName = applyPrefix(this.constructor as typeof Job, String(options.queue));
    if (options.priority != null) this.priority = toInt(options.priority);
    return this;
  }

  /** Runs the enqueue chain around the adapter call (active-job.md §3.3). */
  async enqueue(options: SetOptions = {}): Promise<this | false> {
    this.set(options);
    this.successfullyEnqueued = false;
    this.enqueueError = null;
    const start = this.env.now();
    const chain = mergeChains(collected(this.constructor, "enqueueCallbacks"));
    const result = await runChain(this, chain, async () => {
      try {
        if (this.scheduledAt !== null) await this.env.enqueueAt(this, this.scheduledAt / 1000);
        else await this.env.enqueue(this);
        this.successfullyEnqueued = true;
      } catch (e) {
        if ((e as Error)?.name === "EnqueueError") this.enqueueError = e as Error;
        else throw e;
      }
    });
    if (result.halted) this.env.notify("enqueue_aborted", this);
    this.env.notify("enqueue_finished", this, { start, ...(result.halted ? { aborted: true } : {}) });
    return this.successfullyEnqueued ? this : false;
  }

  // ---- performing ----

  /** Active Job's perform_now pipeline (active-job.md §5.1). */
  async performNow(): Promise<unknown> {
    this.executions += 1;
    const start = this.env.now();
    let aborted = false;
    let escaped: { error: unknown } | undefined;
    try {
      return await this.performInstrumented(() => {
        aborted = true;
      });
    } catch (e) {
      escaped = { error: e };
      throw e;
    } finally {
      this.env.notify("performed", this, { start, ...(aborted ? { aborted: true } : {}), ...(escaped !== undefined ? { exception: escaped.error } : {}) });
    }
  }

  private async performInstrumented(halted: () => void): Promise<unknown> {
    this.env.notify("perform_started", this);
    try {
      if (this.serializedArguments !== null) {
        this.arguments = deserializeArguments(this.serializedArguments, this.env.deserializeContext());
        this.serializedArguments = null;
      }
      const chain = mergeChains(collected(this.constructor, "performCallbacks"));
      const result = await runChain(this, chain, async () => this.perform(...this.arguments));
      if (result.halted) {
        halted();
        this.env.notify("perform_aborted", this);
        return false;
      }
      return result.ran ? result.value : undefined;
    } catch (error) {
      const found = findHandler(collected(this.constructor, "handlers").flat(), error);
      if (found !== undefined) {
        await found.handler.handle(this.handled(), found.error);
        return found.error;
      }
      await this.runAfterDiscard(error);
      throw error;
    }
  }

  /**
   * Re-enqueues this same job (same job id, executions so far), as retry_job: `wait` seconds (or
   * `waitUntil`) from now if given, else at the job's current scheduled time (none: at once).
   * The instance keeps its own queue, priority and scheduled time afterwards.
   */
  async retryJob(options: RetryJobOptions = {}): Promise<this | false> {
    const saved = { scheduledAt: this.scheduledAt, queue: this.resolvedQueue, explicitQueue: this.explicitQueue, priority: this.resolvedPriority, explicitPriority: this.explicitPriority };
    const data: Record<string, unknown> = {};
    if (options.wait != null) data.wait = typeof options.wait === "number" ? options.wait : parseDuration(options.wait, "wait");
    if (options.error !== undefined) data.error = errorSummary(options.error);
    this.env.notify("retried", this, data);
    try {
      return await this.enqueue({ wait: options.wait, waitUntil: options.waitUntil, queue: options.queue, priority: options.priority });
    } finally {
      this.env.notify("retry_enqueued", this, { ...data, ...(options.error !== undefined ? { errorObject: options.error } : {}) });
      this.scheduledAt = saved.scheduledAt;
      this.resolvedQueue = saved.queue;
      this.explicitQueue = saved.explicitQueue;
      this.resolvedPriority = saved.priority;
      this.explicitPriority = saved.explicitPriority;
    }
  }

  async runAfterDiscard(error: unknown): Promise<void> {
    let last: unknown = undefined;
    for (const list of collected(this.constructor, "afterDiscard")) {
      for (const fn of list) {
        try {
          await (fn as (j: Job, e: unknown) => unknown).call(this, this, error);
        } catch (e) {
          last = e;
        }
      }
    }
    if (last !== undefined) throw last;
  }

  private handled(): HandledJob {
    const job = this;
    return {
      self: job,
      get exceptionExecutions() {
        return job.legacyExceptionCounters ? null : job.exceptionExecutions;
      },
      set exceptionExecutions(v) {
        if (v !== null) job.exceptionExecutions = v;
      },
      get executions() {
        return job.executions;
      },
      retryJob: (o) => job.retryJob(o),
      runAfterDiscard: (e) => job.runAfterDiscard(e),
      notice: (type, data) => job.env.notify(type, job, data),
      jitterDefault: () => (job.constructor as typeof Job).retryJitter,
      random: () => job.env.random(),
    };
  }

  // ---- declarations: callbacks ----

  static beforeEnqueue<J extends Job>(this: new (...a: any[]) => J, cb: SimpleCallback<J>, options: CallbackOptions<J> = {}): void {
    addCallback(this, "enqueueCallbacks", "before", cb, options);
  }
  static aroundEnqueue<J extends Job>(this: new (...a: any[]) => J, cb: AroundCallback<J>, options: CallbackOptions<J> = {}): void {
    addCallback(this, "enqueueCallbacks", "around", cb, options);
  }
  static afterEnqueue<J extends Job>(this: new (...a: any[]) => J, cb: SimpleCallback<J>, options: CallbackOptions<J> = {}): void {
    addCallback(this, "enqueueCallbacks", "after", cb, options);
  }
  static beforePerform<J extends Job>(this: new (...a: any[]) => J, cb: SimpleCallback<J>, options: CallbackOptions<J> = {}): void {
    addCallback(this, "performCallbacks", "before", cb, options);
  }
  static aroundPerform<J extends Job>(this: new (...a: any[]) => J, cb: AroundCallback<J>, options: CallbackOptions<J> = {}): void {
    addCallback(this, "performCallbacks", "around", cb, options);
  }
  static afterPerform<J extends Job>(this: new (...a: any[]) => J, cb: SimpleCallback<J>, options: CallbackOptions<J> = {}): void {
    addCallback(this, "performCallbacks", "after", cb, options);
  }
  /** after_discard: runs, in declaration order, whenever the job is given up because of an error. */
  static afterDiscard<J extends Job>(this: new (...a: any[]) => J, cb: (this: J, job: J, error: any) => unknown): void {
    own(this).afterDiscard.push(cb as never);
  }

  // ---- declarations: errors ----

  /** retry_on: re-enqueue on these errors; once `attempts` runs failed, `onExhausted(job, error)` or re-raise. */
  static retryOn<J extends Job>(
    this: new (...a: any[]) => J,
    errors: ErrorMatcher | ErrorMatcher[],
    options: RetryOptions = {},
    onExhausted?: ((this: J, job: J, error: any) => unknown) | (keyof J & string),
  ): void {
    own(this).handlers.push(retryHandler(toList(errors), options, onExhausted as never));
  }

  /** discard_on: drop the job on these errors (after `handler(job, error)` and the afterDiscard callbacks). */
  static discardOn<J extends Job>(
    this: new (...a: any[]) => J,
    errors: ErrorMatcher | ErrorMatcher[],
    handler?: ((this: J, job: J, error: any) => unknown) | (keyof J & string),
  ): void {
    own(this).handlers.push(discardHandler(toList(errors), handler as never));
  }

  /** rescue_from: `handler(job, error)`, or the name of a job method called with the error (Rails' `with:`). */
  static rescueFrom<J extends Job>(
    this: new (...a: any[]) => J,
    errors: ErrorMatcher | ErrorMatcher[],
    handler: ((this: J, job: J, error: any) => unknown) | (keyof J & string),
  ): void {
    if (handler === undefined) throw new TypeError("rescueFrom: need a handler (a function (job, error) or a method name)");
    own(this).handlers.push(rescueHandler(toList(errors), handler as never));
  }

  // ---- declarations: concurrency ----

  static limitsConcurrency<J extends Job>(this: new (...a: any[]) => J, options: ConcurrencyOptions<J> & { key: string | ((...args: Args<J>) => unknown) }): void {
    if (options.to !== undefined && (!Number.isInteger(options.to) || options.to < 1)) throw new TypeError(`limitsConcurrency to: must be a positive integer, got ${String(options.to)}`);
    if (options.duration !== undefined) parseDuration(options.duration, "limitsConcurrency duration");
    own(this).concurrency = options as never;
  }

  static get concurrencyOptions(): ConcurrencyOptions<Job> | undefined {
    return nearest(this, "concurrency") as ConcurrencyOptions<Job> | undefined;
  }

  // ---- serialization ----

  serialize(): JobPayload {
    return toPayload(this);
  }

  static deserialize<J extends Job>(this: new (...a: any[]) => J, payload: JobPayload): J {
    const job = new this();
    fromPayload(job, payload);
    return job;
  }

  /** Whether queue / priority were set on this instance (set(), retryOn queue:), not the class default. */
  get hasExplicitQueue(): boolean {
    return this.explicitQueue;
  }
}

export interface RetryJobOptions {
  /** Seconds or a duration string, from now. */
  wait?: number | string;
  waitUntil?: Date | number;
  queue?: string | null;
  priority?: number | string | null;
  /** The error that caused the retry (for the trace). */
  error?: unknown;
}

/** Active Job's NotImplementedError: a job class that did not override perform. */
export class NotImplementedError extends Error {
  override name = "NotImplementedError";
}

const DEFAULT_QUEUE = "default";

export class ConfiguredJob<J extends Job> {
  constructor(
    private readonly cls: new (...a: any[]) => J,
    private readonly options: SetOptions,
  ) {}

  performLater(...args: Args<J>): Promise<J | false> {
    return new this.cls(...args).enqueue(this.options);
  }

  async performNow(...args: Args<J>): Promise<unknown> {
    return new this.cls(...args).set(this.options).performNow();
  }
}

function addCallback(cls: object, list: "enqueueCallbacks" | "performCallbacks", kind: CallbackEntry["kind"], fn: unknown, options: CallbackOptions<never>): void {
  own(cls)[list].push({ kind, fn: fn as CallbackEntry["fn"], options });
}

// perform_later(job) / perform_now(job): an instance of the class given first is used as is.
function jobOrInstantiate<J extends Job>(cls: new (...a: any[]) => J, args: readonly unknown[]): J {
  return args[0] instanceof cls ? args[0] : new cls(...args);
}

// Rails checks the classes when the handler is declared, not when an error arrives.
function toList(errors: ErrorMatcher | ErrorMatcher[]): ErrorMatcher[] {
  const list = Array.isArray(errors) ? errors : [errors];
  if (list.length === 0) throw new TypeError("rescueFrom / retryOn / discardOn: name at least one error class");
  for (const m of list) {
    const ok = typeof m === "string" ? m !== "" : typeof m === "function" && (m === Error || m.prototype instanceof Error);
    if (!ok) throw new TypeError(`${describeMatcher(m)} must be an Error class or a String referencing an Error class`);
  }
  return list;
}

function describeMatcher(m: unknown): string {
  if (typeof m === "function") return m.name || "(anonymous function)";
  return typeof m === "string" ? JSON.stringify(m) : String(m);
}

function applyPrefix(cls: typeof Job, name: string): string {
  const prefix = cls.queueNamePrefix;
  return prefix === null || prefix === "" ? name : `${prefix}${cls.queueNameDelimiter}${name}`;
}

function resolveQueue(job: Job): string {
  const cls = job.constructor as typeof Job;
  const spec = nearest(cls, "queue");
  if (typeof spec === "function") {
    const v = (spec as (j: Job) => string | null | undefined).call(job, job);
    return applyPrefix(cls, v === null || v === undefined ? DEFAULT_QUEUE : String(v));
  }
  // No queueAs: the default queue, prefixed when read (so a later prefix applies).
  if (spec === undefined || spec === null) return applyPrefix(cls, DEFAULT_QUEUE);
  return spec;
}

function toInt(v: number | string): number {
  const n = typeof v === "number" ? Math.trunc(v) : parseInt(v, 10);
  return Number.isNaN(n) ? 0 : n;
}

// Integer ids are bound as numbers so they match INTEGER columns (as Model.find does).
function bindableId(id: RecordId): string | number {
  if (typeof id === "number") return id;
  const text = String(id);
  return /^-?(?:0|[1-9]\d{0,15})$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

function errorSummary(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
}
