// Active Job's Exceptions concern (active-job.md §5.2-5.6): retry_job, the after_discard procs,
// the declarations' shared list (rescue_handlers) and the view of a job that handlers work on.
import { collected, own } from "./class-settings.js";
import { parseDuration } from "./duration.js";
import { ArgumentError } from "./errors.js";
import { type ErrorMatcher, type HandledJob, type Handler } from "./handlers.js";
import type { Job } from "./job.js";

export interface RetryJobOptions {
  /** Seconds or a duration string, from now. */
  wait?: number | string;
  waitUntil?: Date | number;
  queue?: string | symbol | null;
  priority?: number | string | null;
  /** The error that caused the retry (for the trace). */
  error?: unknown;
}

/**
 * retry_job: re-enqueues this same job (same job id, executions so far) with the options, then
 * restores the instance's own queue, priority and scheduled time (Rails 8.1+).
 */
export async function retryJob<J extends Job>(job: J, options: RetryJobOptions): Promise<J | false> {
  const saved = job.queueState();
  const data: Record<string, unknown> = {};
  if (options.wait != null) data.wait = typeof options.wait === "number" ? options.wait : parseDuration(options.wait, "wait");
  if (options.error !== undefined) data.error = errorSummary(options.error);
  job.env.notify("retried", job, data);
  try {
    return (await job.enqueue({ wait: options.wait, waitUntil: options.waitUntil, queue: options.queue, priority: options.priority })) as J | false;
  } finally {
    job.env.notify("retry_enqueued", job, { ...data, ...(options.error !== undefined ? { errorObject: options.error } : {}) });
    job.restoreQueueState(saved);
  }
}

/** Runs every after_discard proc in declaration order; the last error one raised is raised after all ran. */
export async function runAfterDiscard(job: Job, error: unknown): Promise<void> {
  let last: unknown = undefined;
  for (const list of collected(job.constructor, "afterDiscard")) {
    for (const fn of list) {
      try {
        await (fn as (j: Job, e: unknown) => unknown).call(job, job, error);
      } catch (e) {
        last = e;
      }
    }
  }
  if (last !== undefined) throw last;
}

/** The operations handlers need, over one job. */
export function handledView(job: Job): HandledJob {
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
    // ActiveSupport.error_reporter.report(error, source: "application.active_job"): its defaults
    // are handled: true, severity: :warning, context: {}.
    report: (error) => job.env.reportError?.(error, { handled: true, severity: "warning", source: "application.active_job", context: {} }),
  };
}

/** Adds a declaration to the class's list (rescue_from, retry_on and discard_on share it). */
export function declareHandler(cls: object, handler: Handler): void {
  own(cls).handlers.push(handler);
}

/** Every declaration from the root class down, in declaration order. */
export function allHandlers(cls: object): Handler[] {
  return collected(cls, "handlers").flat();
}

/** One entry of rescue_handlers: the class name (Rails keys by name) and the declaration. */
export type RescueHandlerEntry = readonly [className: string, handler: Handler];

/**
 * ActiveSupport::Rescuable's rescue_handlers: one [class name, handler] pair per class named,
 * parent's first, in declaration order (lookup walks it from the end).
 */
export function rescueHandlers(cls: object): RescueHandlerEntry[] {
  return allHandlers(cls).flatMap((h) => h.matchers.map((m) => [typeof m === "string" ? m : m.name, h] as const));
}

// Rails checks the classes when the handler is declared, not when an error arrives.
export function toMatcherList(method: string, errors: unknown): ErrorMatcher[] {
  const list = Array.isArray(errors) ? (errors as unknown[]) : [errors];
  if (list.length === 0) throw new ArgumentError(`${method}: name at least one error class`);
  for (const m of list) {
    const ok = typeof m === "string" ? m !== "" : typeof m === "function" && (m === Error || m.prototype instanceof Error);
    if (!ok) throw new ArgumentError(`${describeMatcher(m)} must be an Error class or a String referencing an Error class`);
  }
  return list as ErrorMatcher[];
}

function describeMatcher(m: unknown): string {
  if (typeof m === "function") return m.name || "(anonymous function)";
  return typeof m === "string" ? JSON.stringify(m) : String(m);
}

function errorSummary(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
}
