// The class-level half of Active Job's API: what a job class declares (queue_as,
// queue_with_priority, callbacks, retry_on / discard_on / rescue_from, limits_concurrency) and
// the class attributes it sets (queue_name_prefix, retry_jitter, ...). Job extends this class,
// so `MyJob.retryOn(...)` reads as in Rails; each declaration is stored per class by
// class-settings.ts and read by the concern that acts on it (handlers, callbacks, queue-name...).
import type { AroundCallback, CallbackEntry, CallbackOptions, SimpleCallback } from "./callbacks.js";
import { nearest, own } from "./class-settings.js";
import type { ConcurrencyOptions } from "./concurrency-key.js";
import type { Args } from "./enqueuing.js";
import { ArgumentError } from "./errors.js";
import { declareHandler, rescueHandlers, toMatcherList, type RescueHandlerEntry } from "./exceptions.js";
import { discardHandler, rescueHandler, retryHandler, type DiscardOptions, type ErrorMatcher, type RetryOptions } from "./handlers.js";
import type { Job } from "./job.js";
import { aDuration, aFunction, aPositiveInteger, oneOf, readOptions, show, type Check } from "./options.js";
import { classQueueName, declareQueue, getDefaultQueueName, setDefaultQueueName, type QueueBlock } from "./queue-name.js";
import { declarePriority, getDefaultPriority, setDefaultPriority } from "./queue-priority.js";

type Block<J> = ((this: J, job: J, error: any) => unknown) | (keyof J & string);

export abstract class JobDeclarations {
  /** The class name stored in solid_queue_jobs.class_name. */
  static get jobClassName(): string {
    return own(this).jobClassName ?? this.name;
  }

  static set jobClassName(name: string) {
    own(this).jobClassName = name;
  }


  /** queue_as: a name (prefixed now, at declaration), null for the default queue, or a function run per job. */
  static queueAs(queue: string | symbol | null | ((job: any) => unknown)): void {
    declareQueue(this, queue);
  }

  /** The class-level queue_name: the declared name, the queueAs function, or (none declared) Rails' default lambda. */
  static get queueName(): string | QueueBlock {
    return classQueueName(this);
  }

  /** Rails' `queue_name=`: stored as given, without the prefix. */
  static set queueName(queue: string | QueueBlock) {
    if (typeof queue !== "string" && typeof queue !== "function") throw new ArgumentError(`queueName must be a string or a function, got ${show(queue)}`);
    own(this).queue = queue as never;
  }

  /** default_queue_name: one value for every job class (a module attribute in Rails), read per job. */
  static get defaultQueueName(): string {
    return getDefaultQueueName();
  }

  static set defaultQueueName(name: string) {
    setDefaultQueueName(name);
  }

  static queueWithPriority(priority: number | null | ((job: any) => number | null | undefined)): void {
    declarePriority(this, priority);
  }

  /** default_priority: one value for every job class (a module attribute in Rails), null unless set. */
  static get defaultPriority(): number | null {
    return getDefaultPriority();
  }

  static set defaultPriority(p: number | null) {
    setDefaultPriority(p);
  }

  static set queueNamePrefix(prefix: string | null) {
    if (prefix !== null && typeof prefix !== "string") throw new ArgumentError(`queueNamePrefix must be a string or null, got ${show(prefix)}`);
    own(this).queueNamePrefix = prefix;
  }

  static get queueNamePrefix(): string | null {
    return nearest(this, "queueNamePrefix") ?? null;
  }

  static set queueNameDelimiter(d: string) {
    if (typeof d !== "string") throw new ArgumentError(`queueNameDelimiter must be a string, got ${show(d)}`);
    own(this).queueNameDelimiter = d;
  }

  static get queueNameDelimiter(): string {
    return nearest(this, "queueNameDelimiter") ?? "_";
  }

  /** Default jitter for retryOn without an explicit one: 0.0 (Rails apps on load_defaults >= 6.1 use 0.15). */
  static set retryJitter(j: number) {
    if (typeof j !== "number" || !Number.isFinite(j)) throw new ArgumentError(`retryJitter must be a finite number, got ${show(j)}`);
    own(this).retryJitter = j;
  }

  static get retryJitter(): number {
    return nearest(this, "retryJitter") ?? 0;
  }

  /** enqueue_after_transaction_commit: defer the whole enqueue until open app transactions commit (default false; Rails 8.2 apps: true). */
  static set enqueueAfterTransactionCommit(on: boolean) {
    if (typeof on !== "boolean") throw new ArgumentError(`enqueueAfterTransactionCommit must be true or false, got ${show(on)}`);
    own(this).enqueueAfterTransactionCommit = on;
  }

  static get enqueueAfterTransactionCommit(): boolean {
    return nearest(this, "enqueueAfterTransactionCommit") ?? false;
  }


  // ---- callbacks (callbacks.ts) ----

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
    if (typeof cb !== "function") throw new ArgumentError(`afterDiscard: expected a function (job, error), got ${show(cb)}`);
    own(this).afterDiscard.push(cb as never);
  }

  // ---- errors (handlers.ts) ----

  /** retry_on: re-enqueue on these errors; once `attempts` runs failed, `onExhausted(job, error)` or re-raise. */
  static retryOn<J extends Job>(this: new (...a: any[]) => J, errors: ErrorMatcher | ErrorMatcher[], options: RetryOptions = {}, onExhausted?: Block<J>): void {
    declareHandler(this, retryHandler(toMatcherList("retryOn", errors), options, onExhausted as never));
  }

  /** discard_on: drop the job on these errors (after `handler(job, error)` and the afterDiscard callbacks); `{ report: true }` reports them. */
  static discardOn<J extends Job>(this: new (...a: any[]) => J, errors: ErrorMatcher | ErrorMatcher[], optionsOrHandler?: DiscardOptions | Block<J>, handler?: Block<J>): void {
    const isBlock = typeof optionsOrHandler === "function" || typeof optionsOrHandler === "string";
    const block = isBlock ? optionsOrHandler : handler;
    declareHandler(this, discardHandler(toMatcherList("discardOn", errors), isBlock ? {} : optionsOrHandler, block as never));
  }

  /** rescue_from: `handler(job, error)`, or the name of a job method called with the error (Rails' `with:`). */
  static rescueFrom<J extends Job>(this: new (...a: any[]) => J, errors: ErrorMatcher | ErrorMatcher[], handler: Block<J>): void {
    if (typeof handler !== "function" && typeof handler !== "string") throw new ArgumentError("rescueFrom: need a handler (a function (job, error) or a method name)");
    declareHandler(this, rescueHandler(toMatcherList("rescueFrom", errors), handler as never));
  }

  /** rescue_handlers: [class name, declaration] pairs, inherited ones first, in declaration order. */
  static get rescueHandlers(): RescueHandlerEntry[] {
    return rescueHandlers(this);
  }

  // ---- concurrency (Solid Queue's limits_concurrency) ----

  static limitsConcurrency<J extends Job>(this: new (...a: any[]) => J, options: ConcurrencyOptions<J> & { key: string | ((...args: Args<J>) => unknown) }): void {
    const read = readOptions<ConcurrencyOptions<J>>(CONCURRENCY_OPTIONS, options);
    if (read.key === undefined) throw new ArgumentError("limitsConcurrency: key is required (a string or a function of the job's arguments)");
    own(this).concurrency = read as never;
  }

  static get concurrencyOptions(): ConcurrencyOptions<Job> | undefined {
    return nearest(this, "concurrency") as ConcurrencyOptions<Job> | undefined;
  }
}

const aString: Check = (v) => (typeof v === "string" ? undefined : "a string");
const CONCURRENCY_OPTIONS = {
  method: "limitsConcurrency",
  keys: {
    // Any value: Solid Queue joins a non-Proc key as it is ("Shared/true").
    key: () => undefined,
    to: aPositiveInteger,
    group: oneOf(aString, aFunction),
    duration: aDuration(false),
    onConflict: ((v) => (v === "block" || v === "discard" ? undefined : '"block" or "discard"')) as Check,
  },
  aliases: { on_conflict: "onConflict" },
};

function addCallback(cls: object, list: "enqueueCallbacks" | "performCallbacks", kind: CallbackEntry["kind"], fn: unknown, options: CallbackOptions<never>): void {
  own(cls)[list].push({ kind, fn: fn as CallbackEntry["fn"], options });
}
