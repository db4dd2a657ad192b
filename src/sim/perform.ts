import { durationMs } from "../job/duration.js";
import type { JobDb, PerformContext } from "../job/environment.js";
import { withTransactions, type AppTransactions } from "../job/transactions.js";
import type { Job } from "../job/job.js";
import type { AnyJobClass } from "../job/registry.js";
import type { JobPayload } from "../job/payload.js";
import type { FailedError } from "../store/failed-executions.js";
import type { JobRow } from "../store/jobs.js";
import type { PerformOutcome, Worker } from "../engine/worker.js";
import type { Database } from "../store/database.js";
import type { JobRegistry } from "../job/registry.js";
import type { Faults } from "./faults.js";
import type { ServiceCall, Services } from "./services.js";
import type { Threads, ThreadHandle, WorkerThreads } from "./threads.js";
import type { Trace } from "./trace.js";
import type { ErrorReporter } from "../engine/error-reporter.js";
import type { Notifier } from "../engine/instrumentation.js";

// Running a claimed job on a worker thread: rebuild the Active Job from its stored payload, run
// perform_now with a context whose every await is a scheduling point, and report the outcome.

/** What running job code uses of the world. */
export interface PerformHost {
  readonly trace: Trace;
  readonly errors: ErrorReporter;
  readonly notifier: Notifier;
  readonly threads: Threads;
  readonly workerThreads: WorkerThreads;
  readonly registry: JobRegistry;
  readonly faults: Faults;
  readonly services: Services;
  readonly db: Database;
  /** The app database's transactions (job/transactions.ts). */
  readonly transactions: AppTransactions;
  readonly isRunning: boolean;
  now(): number;
  mono(): number;
  log(message: string, fields?: { jobId?: number; jobClass?: string; process?: string }): void;
  /** Runs the world for `ms` of elapsed time. */
  advance(ms: number): Promise<void>;
}

export function performOnThread(sim: PerformHost, worker: Worker, thread: number, row: JobRow): Promise<PerformOutcome> {
  const handle: ThreadHandle = { key: `${worker.name}#${thread}`, jobId: row.id, jobClass: row.className, awaits: 0, alive: true };
  sim.trace.add(sim.now(), "started", {
    jobId: row.id,
    activeJobId: row.activeJobId,
    jobClass: row.className,
    queue: row.queueName,
    priority: row.priority,
    process: worker.name,
    thread,
  });
  sim.workerThreads.started(worker, handle);
  sim.threads.running(handle);
  return run(sim, worker, handle, row).finally(() => sim.workerThreads.returned(worker, handle));
}

async function run(sim: PerformHost, worker: Worker, handle: ThreadHandle, row: JobRow): Promise<PerformOutcome> {
  let job: Job;
  try {
    const cls: AnyJobClass = sim.registry.require(row.className);
    job = (cls as unknown as { deserialize(p: JobPayload): Job }).deserialize(JSON.parse(row.arguments) as JobPayload);
    job.providerJobId = row.id;
  } catch (e) {
    return threadFailed(sim, e);
  }
  job.context = new ThreadContext(sim, worker, handle, job);
  let outcome: PerformOutcome;
  try {
    await job.performNow();
    outcome = { ok: true };
  } catch (e) {
    outcome = threadFailed(sim, e);
  }
  // The worker records the outcome: never inside another thread's open app transaction.
  const wait = sim.transactions.waitIfForeign();
  if (wait !== undefined) await wait;
  return outcome;
}

/**
 * The error escaped the job (ClaimedExecution#perform re-raises it after failed_with): the app
 * executor that wraps the thread reports it, unhandled, with source "application.solid_queue";
 * then the pool's on_rejection emits thread_error and calls on_thread_error, whose report of
 * the same error Rails skips.
 */
function threadFailed(sim: PerformHost, e: unknown): PerformOutcome {
  const error = failedError(e);
  sim.errors.report(e, { handled: false, source: "application.solid_queue" });
  sim.notifier.instrument("thread_error.solid_queue", () => ({ error: e }));
  return { ok: false, error };
}

/** The failed execution's error JSON: class, message, backtrace (paths relative to the cwd). */
export function failedError(e: unknown): FailedError {
  if (!(e instanceof Error)) return { exception_class: typeof e, message: String(e), backtrace: [] };
  const cls = e.constructor?.name && e.constructor.name !== "Error" ? e.constructor.name : e.name;
  const cwd = process.cwd();
  const backtrace = (e.stack ?? "")
    .split("\n")
    .slice(1)
    .map((l) => l.trim().replace(/^at /, "").replaceAll(`file://${cwd}/`, "").replaceAll(`${cwd}/`, ""))
    .filter((l) => l.length > 0);
  return { exception_class: cls, message: e.message, backtrace };
}

/**
 * What job code on a worker thread reaches (`this.sleep`, `this.db`, ...). A class rather than a
 * dozen closures: one is made for every job run, and most jobs never touch the app database.
 */
class ThreadContext implements PerformContext {
  // Private fields: a job in a notification's payload is serialised with its context.
  readonly #sim: PerformHost;
  readonly #worker: Worker;
  readonly #handle: ThreadHandle;
  readonly #job: Job;
  #db: JobDb | undefined;

  constructor(sim: PerformHost, worker: Worker, handle: ThreadHandle, job: Job) {
    this.#sim = sim;
    this.#worker = worker;
    this.#handle = handle;
    this.#job = job;
  }

  get db(): JobDb {
    return (this.#db ??= threadDb(this.#sim, this));
  }

  sleep(seconds: number): Promise<void> {
    return this.point(durationMs(seconds, "sleep"));
  }

  pause(): Promise<void> {
    return this.point(0);
  }

  log(message: string): void {
    this.#sim.log(message, { jobId: this.#handle.jobId, jobClass: this.#handle.jobClass, process: this.#worker.name });
  }

  // A hung call is one more await that never ends.
  callService(service: string, method: string, args: unknown[]): Promise<unknown> {
    return serviceCall(
      this.#sim,
      { jobId: this.#handle.jobId, jobClass: this.#handle.jobClass },
      service,
      method,
      args,
      (ms) => this.point(ms),
      () => {
        this.#handle.awaits++;
        return this.#stopHere();
      },
    );
  }

  /** Passes one scheduling point; a crash fault may stop the thread here for good. */
  async point(delayMs: number): Promise<void> {
    const sim = this.#sim;
    const handle = this.#handle;
    handle.awaits++;
    if (handle.alive) sim.faults.atAwait(this.#worker, handle, this.#job);
    if (!handle.alive) return this.#stopHere();
    await sim.threads.park(handle, sim.mono() + delayMs);
    if (!handle.alive) return this.#stopHere();
  }

  /** The process died: this thread's code stops here for good. */
  #stopHere(): Promise<never> {
    this.#sim.threads.stopped(this.#handle);
    return never();
  }
}

/**
 * The app database on a worker thread. Inside an app transaction a statement is no scheduling
 * point; another thread's statement waits for that transaction to end (job/transactions.ts).
 */
function threadDb(sim: PerformHost, thread: ThreadContext): JobDb {
  const after = (): Promise<void> | undefined => (sim.transactions.inside ? undefined : thread.point(0));
  const before = (): Promise<void> | undefined => sim.transactions.waitIfForeign();
  return withTransactions(
    {
      async all(sql, params) {
        const wait = before();
        if (wait !== undefined) await wait;
        const rows = sim.db.all(sql, params as never);
        await after();
        return rows as never;
      },
      async get(sql, params) {
        const wait = before();
        if (wait !== undefined) await wait;
        const row = sim.db.get(sql, params as never);
        await after();
        return row as never;
      },
      async run(sql, params) {
        const wait = before();
        if (wait !== undefined) await wait;
        const r = sim.db.run(sql, params as never);
        await after();
        return r;
      },
      async exec(sql) {
        const wait = before();
        if (wait !== undefined) await wait;
        sim.db.exec(sql);
        await after();
      },
    },
    sim.transactions,
  );
}

/** perform_now outside a worker: SQL runs at once; waiting parks on the world's clock while it
 * runs, or advances the world when nothing runs it. */
export function inlineContext(sim: PerformHost, job: Job): PerformContext {
  const pass = async (ms: number): Promise<void> => {
    if (sim.isRunning) {
      const h: ThreadHandle = { key: `inline:${job.jobId}`, jobId: job.providerJobId ?? 0, jobClass: job.className, awaits: 0, alive: true };
      await sim.threads.park(h, sim.mono() + ms);
    } else if (ms > 0) await sim.advance(ms);
  };
  return {
    db: appDb(sim),
    sleep: (seconds) => pass(durationMs(seconds, "sleep")),
    pause: () => pass(0),
    log: (message) => sim.log(message, { jobClass: job.className }),
    callService: (service, method, args) =>
      serviceCall(sim, { ...(job.providerJobId !== null ? { jobId: job.providerJobId } : {}), jobClass: job.className }, service, method, args, pass, never),
  };
}

/** The app database outside a worker thread: statements run at once (tests, perform_now). */
export function appDb(sim: Pick<PerformHost, "db" | "transactions">): JobDb {
  return withTransactions(
    {
      all: async (sql, params) => sim.db.all(sql, params as never) as never,
      get: async (sql, params) => sim.db.get(sql, params as never) as never,
      run: async (sql, params) => sim.db.run(sql, params as never),
      exec: async (sql) => sim.db.exec(sql),
    },
    sim.transactions,
  );
}

/** One call to a scripted service: recorded, then its latency, then its answer or error. */
async function serviceCall(
  sim: PerformHost,
  caller: { jobId?: number; jobClass: string },
  service: string,
  method: string,
  args: unknown[],
  wait: (ms: number) => Promise<void>,
  hang: () => Promise<never>,
): Promise<unknown> {
  const stub = sim.services.get(service);
  const outcome = await stub.next(method, args);
  sim.faults.atServiceCall(service, method, outcome);
  const call: ServiceCall = { service, method, args, t: sim.now(), ...caller, outcome: outcome.hang ? "hung" : outcome.throws !== undefined ? "threw" : "returned" };
  stub.calls.push(call);
  if (outcome.hang) return hang();
  await wait(sim.services.latencyMs(outcome));
  if (outcome.throws !== undefined) throw sim.services.errorFor(outcome, service, method);
  return outcome.returns;
}

function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
