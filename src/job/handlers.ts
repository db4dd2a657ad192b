import { aBoolean, aFiniteNumber, aQueueName, integerLike, nullable, readOptions, symbolName, toInteger, type Check } from "./options.js";
import { retryDelay, validateWait, type Wait } from "./retry-delay.js";

// rescue_from / retry_on / discard_on (active-job.md §5.2-5.6): one ordered list per class,
// subclasses appended; lookup from the last declared back to the first, by instanceof (or
// class name), then again with error.cause.

export type ErrorClass = abstract new (...args: never[]) => Error;
export type ErrorMatcher = ErrorClass | string;

/** The job operations handlers need (implemented by Job). */
export interface HandledJob {
  /** The job itself: what user blocks receive, and their `this`. */
  readonly self: object;
  /** Per-declaration counters; null for a legacy payload that had none (then `executions` counts). */
  exceptionExecutions: Record<string, number> | null;
  executions: number;
  retryJob(options: { wait?: number; queue?: string | null; priority?: number | null; error?: unknown }): Promise<unknown>;
  runAfterDiscard(error: unknown): Promise<void>;
  notice(type: "retry_stopped" | "discarded", data: Record<string, unknown>): void;
  jitterDefault(): number;
  random(): number;
  /** Rails.error.report(error, source: "application.active_job"), for `report: true`. */
  report(error: unknown): void;
}

export interface Handler {
  matchers: ErrorMatcher[];
  kind: "rescue" | "retry" | "discard";
  /** `report: true` on retryOn / discardOn: the error goes to the error reporter when handled. */
  report: boolean;
  /** The user's block (rescueFrom's handler, retryOn's onExhausted, discardOn's block), if any. */
  block: HandlerBlock | undefined;
  handle(job: HandledJob, error: unknown): Promise<void>;
}

export interface RetryOptions {
  /** Seconds, a duration string, "polynomiallyLonger", or (executions, error) => seconds. Default 3. */
  wait?: Wait;
  /** Runs in all, the first one included. Default 5. */
  attempts?: number | "unlimited" | symbol;
  /** The queue of the retry, prefixed as queueAs; null keeps the job's. */
  queue?: string | symbol | null;
  /** The priority of the retry (an integer); null keeps the job's. */
  priority?: number | string | null;
  /** Fraction of the wait added at random; default the class's retryJitter (0.0); null means 0. */
  jitter?: number | null;
  /** Report each retried error to the error reporter (source "application.active_job"). Default false. */
  report?: boolean;
}

export interface DiscardOptions {
  /** Report the discarded error to the error reporter (source "application.active_job"). Default false. */
  report?: boolean;
}

// `attempts: :unlimited` in every spelling a caller may write; Float::INFINITY works in Rails too.
const UNLIMITED = new Set(["unlimited", ":unlimited"]);

const attemptsCheck: Check = (v) =>
  (typeof v === "number" && ((Number.isInteger(v) && v >= 1) || v === Infinity)) ||
  (typeof v === "string" && UNLIMITED.has(v)) ||
  (typeof v === "symbol" && Symbol.keyFor(v) === "unlimited")
    ? undefined
    : 'a positive integer or "unlimited"';

const RETRY_OPTIONS = {
  method: "retryOn",
  // wait is checked by validateWait, with Rails' own message.
  keys: { wait: () => undefined, attempts: attemptsCheck, queue: nullable(aQueueName), priority: nullable(integerLike), jitter: nullable(aFiniteNumber), report: aBoolean },
};

const DISCARD_OPTIONS = { method: "discardOn", keys: { report: aBoolean } };

/** A user block: a function called with the job as `this` and first argument, or a method name. */
export type HandlerBlock = ((job: never, error: unknown) => unknown) | string;

/** is_a?: instanceof for a class; for a name, a class of that name in the error's chain, or its `name`. */
export function matches(error: unknown, m: ErrorMatcher): boolean {
  if (typeof m === "string") {
    if (error instanceof Error && error.name === m) return true;
    for (let p = error === null || typeof error !== "object" ? null : Object.getPrototypeOf(error); p !== null; p = Object.getPrototypeOf(p)) {
      if ((p as { constructor?: { name?: string } }).constructor?.name === m) return true;
    }
    return false;
  }
  return error instanceof m;
}

/** The handler and the error it handles (the error itself or one of its causes). */
export function findHandler(handlers: readonly Handler[], error: unknown): { handler: Handler; error: unknown } | undefined {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    for (let i = handlers.length - 1; i >= 0; i--) {
      const h = handlers[i]!;
      if (h.matchers.some((m) => matches(e, m))) return { handler: h, error: e };
    }
  }
  return undefined;
}

/**
 * retry_on's counter key: the declaration's list as Ruby's Array#inspect writes it, so a class
 * is its name and a name given as a string keeps its quotes: `[ApiError, "Timeout"]`.
 */
export function retryKey(matchers: readonly ErrorMatcher[]): string {
  return `[${matchers.map((m) => (typeof m === "string" ? JSON.stringify(m) : m.name)).join(", ")}]`;
}

export function retryHandler(matchers: ErrorMatcher[], given: unknown, onExhausted?: HandlerBlock): Handler {
  const options = readOptions<RetryOptions>(RETRY_OPTIONS, given);
  const wait = validateWait(options.wait === undefined ? 3 : options.wait);
  const attempts = options.attempts === undefined ? 5 : typeof options.attempts === "number" ? options.attempts : "unlimited";
  const key = retryKey(matchers);
  // A symbol queue stands for Ruby's (Symbol.for("low") is "low"); a priority is cut as to_i.
  const queue = typeof options.queue === "symbol" ? symbolName(options.queue) : (options.queue ?? null);
  const priority = options.priority == null ? null : (toInteger(options.priority) ?? null);
  return {
    matchers,
    kind: "retry",
    report: options.report ?? false,
    block: onExhausted,
    async handle(job, error) {
      const n = countFailure(job, key);
      if (attempts === "unlimited" || n < attempts) {
        if (options.report === true) job.report(error);
        const jitter = options.jitter === undefined ? job.jitterDefault() : (options.jitter ?? 0);
        const delay = retryDelay(wait, n, jitter, () => job.random(), error);
        await job.retryJob({ wait: delay, queue, priority, error });
        return;
      }
      job.notice("retry_stopped", { error: errorName(error), attempts: n });
      if (onExhausted !== undefined) {
        await callBlock(job, onExhausted, error);
        await job.runAfterDiscard(error);
        return;
      }
      await job.runAfterDiscard(error);
      throw error;
    },
  };
}

// n = ++exception_executions[key]; a legacy payload without counters uses executions instead.
function countFailure(job: HandledJob, key: string): number {
  if (job.exceptionExecutions === null) return job.executions;
  const n = (job.exceptionExecutions[key] ?? 0) + 1;
  job.exceptionExecutions = { ...job.exceptionExecutions, [key]: n };
  return n;
}

export function discardHandler(matchers: ErrorMatcher[], given: unknown, block?: HandlerBlock): Handler {
  const options = readOptions<DiscardOptions>(DISCARD_OPTIONS, given);
  return {
    matchers,
    kind: "discard",
    report: options.report ?? false,
    block,
    async handle(job, error) {
      job.notice("discarded", { error: errorName(error) });
      if (options.report === true) job.report(error);
      if (block !== undefined) await callBlock(job, block, error);
      await job.runAfterDiscard(error);
    },
  };
}

export function rescueHandler(matchers: ErrorMatcher[], block: HandlerBlock): Handler {
  return {
    matchers,
    kind: "rescue",
    report: false,
    block,
    async handle(job, error) {
      await callBlock(job, block, error);
    },
  };
}

// A block runs with the job as `this` (Ruby's instance_exec); a method name is called on the job
// with the error (rescue_from's `with: :method`).
async function callBlock(job: HandledJob, block: HandlerBlock, error: unknown): Promise<void> {
  const self = job.self as Record<string, unknown>;
  if (typeof block === "string") {
    const method = self[block];
    if (typeof method !== "function") throw new TypeError(`handler method ${block} is not defined on ${self.constructor.name}`);
    await (method as (e: unknown) => unknown).call(self, error);
    return;
  }
  await (block as (this: object, j: object, e: unknown) => unknown).call(self, self, error);
}

export function errorName(error: unknown): string {
  if (error instanceof Error) return error.constructor?.name && error.constructor.name !== "Error" ? error.constructor.name : error.name;
  return typeof error;
}
