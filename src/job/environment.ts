import type { Job } from "./job.js";

// The world a job lives in: a simulation, or the test adapter. Jobs enqueue through it, read
// time and randomness from it, and, while performing, reach the app database and services
// through it. Exactly one environment is current at a time (Active Job's queue_adapter).

export interface JobDb {
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  exec(sql: string): Promise<void>;
  /**
   * Active Record's `transaction`: a savepoint that commits when `fn` returns and rolls back when
   * it throws (`Rollback` rolls back quietly; the result is then undefined). See transactions.ts.
   */
  transaction<T>(fn: (db: JobDb) => T | Promise<T>): Promise<T | undefined>;
}

/** How Rails.error.report is called (ActiveSupport::ErrorReporter#report's keywords). */
export interface ErrorReport {
  handled: boolean;
  severity: "error" | "warning" | "info";
  source: string;
  context: Record<string, unknown>;
}

/** What job code reaches while it performs; each await on it is a scheduling point. */
export interface PerformContext {
  readonly db: JobDb;
  sleep(seconds: number): Promise<void>;
  /** A scheduling point that takes no time. */
  pause(): Promise<void>;
  log(message: string): void;
  callService(service: string, method: string, args: unknown[]): Promise<unknown>;
}

export type JobNotice =
  | "enqueue_aborted"
  | "perform_aborted"
  | "retried"
  | "retry_stopped"
  | "discarded"
  | "performed"
  | "perform_started"
  // Ends of instrumented blocks (active-job.md §5.8): data.start (epoch ms), data.aborted,
  // data.exception (the error object, when one escaped).
  | "enqueue_finished"
  | "retry_enqueued";

export interface JobEnvironment {
  readonly name: string;
  /** Virtual now, epoch ms. */
  now(): number;
  /** One uniform draw in [0, 1) from the seeded generator (retry jitter). */
  random(): number;
  /** A fresh Active Job id (UUID v4) from the seeded generator. */
  newJobId(): string;
  /**
   * A generator of uniform draws in [0, 1) of its own, derived from the seed and `label` only:
   * the same label gives the same draws whatever else the world drew (modelled jobs use one per
   * execution, so adding a job to a model does not shift the others). Absent: use random().
   */
  stream?(label: string): () => number;
  enqueue(job: Job): void | Promise<void>;
  enqueueAt(job: Job, timestampSeconds: number): void | Promise<void>;
  enqueueAll?(jobs: Job[]): number | Promise<number>;
  notify(type: JobNotice, job: Job, data?: Record<string, unknown>): void;
  /** The context for jobs performed inline (perform_now) in this environment. */
  inlineContext(job: Job): PerformContext;
  /** The argument deserialization context (record locator, serializers). */
  deserializeContext(): import("./arguments.js").DeserializeContext;
  serializers(): import("./serializers.js").SerializerRegistry;
  /** The test mailer: records a delivered message. */
  deliver(mail: import("./mailer.js").DeliveredMail): void;
  /** The app database's transactions; without them enqueue_after_transaction_commit enqueues at once. */
  readonly transactions?: import("./transactions.js").AppTransactions;
  /** Rails.error.report: where `report: true` on retryOn / discardOn sends errors. Absent: nothing is recorded. */
  reportError?(error: unknown, report: ErrorReport): void;
}

// A stack, so worlds can be made and disposed in any order: removing one leaves the others.
const stack: { env: JobEnvironment | null }[] = [];

function current(): JobEnvironment | null {
  return stack.length === 0 ? null : stack[stack.length - 1]!.env;
}

export function currentEnvironment(): JobEnvironment {
  const env = current();
  if (env === null) {
    throw new Error(
      "No job environment: create a simulation (await createSimulation({...})) or a test adapter (useTestAdapter()) before enqueueing or performing jobs",
    );
  }
  return env;
}

export function hasEnvironment(): boolean {
  return current() !== null;
}

/** Makes `env` current (null: none); returns a function that takes this entry off again. */
export function useEnvironment(env: JobEnvironment | null): () => void {
  const entry = { env };
  stack.push(entry);
  return () => {
    const i = stack.lastIndexOf(entry);
    if (i >= 0) stack.splice(i, 1);
  };
}
