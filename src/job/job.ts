import { AbortChain } from "./callbacks.js";
import { JobDeclarations } from "./declarations.js";
import { parseDuration } from "./duration.js";
import { applySet, ConfiguredJob, enqueue, jobOrInstantiate, type Args, type SetOptions } from "./enqueuing.js";
import { currentEnvironment, type JobDb, type JobEnvironment, type PerformContext } from "./environment.js";
import { retryJob, runAfterDiscard, type RetryJobOptions } from "./exceptions.js";
import { performNow } from "./execution.js";
import type { AnyModel, RecordId } from "./model.js";
import { fromPayload, toPayload, type JobPayload } from "./payload.js";
import { findRecord, servicesProxy, type Services } from "./perform-context.js";
import { resolveQueue } from "./queue-name.js";
import { resolvePriority } from "./queue-priority.js";

// The Job base class: Active Job's API with camel-cased names (active-job.md §1-5). This file is
// Active Job's Core (the instance's state); declarations.ts holds what a class declares; each concern's behaviour lives
// in the file named after it: queue-name, queue-priority, enqueuing, execution, exceptions,
// callbacks, perform-context, transactions.
//
//   class SendWelcomeEmailJob extends Job {
//     static { this.queueAs("default"); }
//     async perform(userId: number) { ... }
//   }
//   await SendWelcomeEmailJob.performLater(42);

export { ConfiguredJob, type Args, type SetOptions } from "./enqueuing.js";
export type { RetryJobOptions } from "./exceptions.js";
export type JobClass<J extends Job = Job> = (new (...args: any[]) => J) & StaticSide;
type StaticSide = Omit<typeof Job, "prototype">;

export class Job extends JobDeclarations {
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
  serializedArguments: import("./arguments.js").JsonValue[] | null = null;
  private resolvedQueue: string | undefined;
  private resolvedPriority: number | null | undefined;
  private explicitQueue = false;
  /** The world this job was built in (captured at construction). */
  env: JobEnvironment;
  /** Set while performing: the thread's scheduling points. */
  context: PerformContext | null = null;

  constructor(...args: unknown[]) {
    super();
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

  get className(): string {
    return (this.constructor as typeof Job).jobClassName;
  }

  // ---- queue and priority (queue-name.ts, queue-priority.ts) ----

  /** The queue, resolved the first time it is read (a queueAs function runs then). */
  get queueName(): string {
    if (this.resolvedQueue === undefined) this.resolvedQueue = resolveQueue(this);
    return this.resolvedQueue;
  }

  set queueName(name: string) {
    this.resolvedQueue = name;
    this.explicitQueue = true;
  }

  get priority(): number | null {
    if (this.resolvedPriority === undefined) this.resolvedPriority = resolvePriority(this);
    return this.resolvedPriority;
  }

  set priority(p: number | null) {
    this.resolvedPriority = p;
  }

  /** Whether queue was set on this instance (set(), retryOn queue:), not the class default. */
  get hasExplicitQueue(): boolean {
    return this.explicitQueue;
  }

  /** @internal What retry_job restores after its enqueue. */
  queueState(): unknown {
    return [this.scheduledAt, this.resolvedQueue, this.explicitQueue, this.resolvedPriority];
  }

  /** @internal */
  restoreQueueState(state: unknown): void {
    [this.scheduledAt, this.resolvedQueue, this.explicitQueue, this.resolvedPriority] = state as [number | null, string | undefined, boolean, number | null | undefined];
  }

  // ---- perform context (perform-context.ts; only while performing) ----

  private ctx(): PerformContext {
    return this.context ?? this.env.inlineContext(this);
  }

  /** The app database (SQL, transactions). Each statement outside a transaction is a scheduling point. */
  get db(): JobDb {
    return this.ctx().db;
  }

  /** Virtual now. */
  now(): Date {
    return new Date(this.env.now());
  }

  /** Sleeps in virtual time (seconds or a duration string). */
  sleep(duration: number | string): Promise<void> {
    this.env.transactions?.guard("sleep");
    return this.ctx().sleep(parseDuration(duration, "sleep"));
  }

  /** A scheduling point that takes no virtual time: another thread may run here. */
  pause(): Promise<void> {
    this.env.transactions?.guard("pause");
    return this.ctx().pause();
  }

  log(message: string): void {
    this.ctx().log(message);
  }

  /** Active Record's `Model.find(id)` through this.db (so a scheduling point); RecordNotFound if no row. */
  find<M extends AnyModel>(model: M, id: RecordId): Promise<InstanceType<M>> {
    return findRecord(this.ctx(), model, id);
  }

  /** Named outside services, scripted by the test or scenario: `await this.services.payment.charge(order)`. */
  get services(): Services {
    // Inside a transaction: refused; from another thread while one is open: waits for its end.
    return servicesProxy(this.ctx(), (what) => {
      this.env.transactions?.guard(what);
      return this.env.transactions?.waitIfForeign();
    });
  }

  /** Halts the chain from a before callback (Active Job's `throw :abort`). */
  abort(): never {
    throw new AbortChain();
  }

  // ---- enqueuing (enqueuing.ts) ----

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

  /** Applies set() options to this instance (at enqueue time); an absent or null option changes nothing. */
  set(options: SetOptions): this {
    applySet(this, options);
    return this;
  }

  /** Runs the enqueue chain around the adapter call (active-job.md §3.3). */
  enqueue(options: SetOptions = {}): Promise<this | false> {
    return enqueue(this, options);
  }

  // ---- execution and exceptions (execution.ts, exceptions.ts) ----

  /** Active Job's perform_now pipeline (active-job.md §5.1). */
  performNow(): Promise<unknown> {
    return performNow(this);
  }

  /** retry_job: this same job again, `wait` seconds (or `waitUntil`) from now; the instance keeps its own queue, priority and time. */
  retryJob(options: RetryJobOptions = {}): Promise<this | false> {
    return retryJob(this, options);
  }

  runAfterDiscard(error: unknown): Promise<void> {
    return runAfterDiscard(this, error);
  }

  // ---- serialization (payload.ts) ----

  serialize(): JobPayload {
    return toPayload(this);
  }

  static deserialize<J extends Job>(this: new (...a: any[]) => J, payload: JobPayload): J {
    const job = new this();
    fromPayload(job, payload);
    return job;
  }
}

/** Active Job's NotImplementedError: a job class that did not override perform. */
export class NotImplementedError extends Error {
  override name = "NotImplementedError";
}

