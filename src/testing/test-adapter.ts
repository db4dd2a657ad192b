import { performInline, refuseScheduledInline, usesInlineAdapter } from "./inline-adapter.js";
import type { DeserializeContext } from "../job/arguments.js";
import { durationMs } from "../job/duration.js";
import type { JobDb, JobEnvironment, JobNotice, PerformContext } from "../job/environment.js";
import { AppTransactions, withTransactions } from "../job/transactions.js";
import type { Job, JobClass } from "../job/job.js";
import type { DeliveredMail } from "../job/mailer.js";
import { makeLocator, ModelRegistry, type AnyModel } from "../job/model.js";
import { defaultSerializers, type SerializerRegistry } from "../job/serializers.js";
import { Random } from "../sim/random.js";
import { Services } from "../sim/services.js";
import { parseInstant } from "../sim/time-input.js";
import { Database } from "../store/database.js";
import { entryOf, type JobEntry } from "./entry.js";
import { filterMatches, type JobFilter } from "./filters.js";
import { checkOptions } from "./options.js";
import { JobTimes } from "./job-times.js";
import { TestClock } from "./test-clock.js";

// Active Job's TestAdapter (active-job.md §7.1) as a jobsim environment: it records what is
// enqueued, or performs it at once when perform mode is on, on a virtual clock, with a small
// in-memory app database, scripted services and a mail outbox so job code runs as it would
// in a simulation.

export interface TestAdapterOptions {
  /** The clock's first instant (ISO 8601 with a zone, a Date or epoch ms). Default 2026-01-01T00:00:00Z. */
  start?: string | Date | number;
  /** Seed for job ids and retry jitter. Default 1. */
  seed?: number;
  /** SQL run once on the app database (schema, fixtures). */
  setupSql?: string;
  /** Models whose records may be job arguments (fetched again at perform). */
  models?: AnyModel[];
  serializers?: SerializerRegistry;
  /** Error classes by name, for service outcomes scripted by name. */
  errors?: Record<string, new (message?: string) => Error>;
  /** Start with perform mode on for perform_later (Rails' perform_enqueued_jobs = true). */
  performEnqueuedJobs?: boolean;
  /** Start with perform mode on for scheduled jobs (Rails' perform_enqueued_at_jobs = true). */
  performEnqueuedAtJobs?: boolean;
  /** Make the global Date read the virtual clock while the adapter is in use. Default true. */
  fakeDate?: boolean;
}

export const DEFAULT_TEST_START = Date.UTC(2026, 0, 1);

const OPTION_KEYS = ["start", "seed", "setupSql", "models", "serializers", "errors", "performEnqueuedJobs", "performEnqueuedAtJobs", "fakeDate"] as const;

export interface AdapterNotice {
  t: number;
  type: JobNotice;
  jobClass: string;
  jobId: string;
  data?: Record<string, unknown>;
}

export class TestAdapter implements JobEnvironment {
  readonly name = "test";
  enqueuedJobs: JobEntry[] = [];
  performedJobs: JobEntry[] = [];
  /** When entries were enqueued and performed (for attemptsAt). */
  readonly times = new JobTimes();
  /** Perform jobs enqueued without a time at once instead of recording them. */
  performEnqueuedJobs: boolean;
  /** Perform scheduled jobs at once (whatever their time) instead of recording them. */
  performEnqueuedAtJobs: boolean;
  /** Rails' `filter` (perform only these); a function receives the job instance. */
  filter: JobFilter | null = null;
  /** Rails' `reject` (perform all but these). */
  reject: JobFilter | null = null;
  /** Perform only jobs on this queue. */
  queue: string | null = null;
  /** Perform only scheduled jobs due by this instant (epoch seconds, as Rails' `at.to_f`). */
  at: number | null = null;
  readonly clock: TestClock;
  readonly db: Database;
  /** The app database's transactions (job code's `this.db.transaction`, and `adapter.transaction`). */
  readonly transactions: AppTransactions;
  readonly services: Services;
  readonly deliveries: DeliveredMail[] = [];
  readonly logs: { t: number; message: string; jobClass: string }[] = [];
  readonly notices: AdapterNotice[] = [];
  private readonly idRandom: Random;
  private readonly jitterRandom: Random;
  private readonly serializerRegistry: SerializerRegistry;
  private readonly deserializeCtx: DeserializeContext;
  private nextProviderId = 1;
  private disposed = false;

  private constructor(db: Database, opts: TestAdapterOptions) {
    const start = opts.start === undefined ? DEFAULT_TEST_START : parseInstant(opts.start, "Etc/UTC", "start");
    this.clock = new TestClock(start);
    this.db = db;
    this.transactions = new AppTransactions((sql) => db.prepare(sql).run());
    const random = new Random(opts.seed ?? 1);
    this.idRandom = random.fork("job ids");
    this.jitterRandom = random.fork("retry jitter");
    this.services = new Services(opts.errors ?? {});
    this.serializerRegistry = opts.serializers ?? defaultSerializers;
    this.deserializeCtx = { registry: this.serializerRegistry, locate: makeLocator(db, new ModelRegistry(opts.models ?? [])) };
    this.performEnqueuedJobs = opts.performEnqueuedJobs ?? false;
    this.performEnqueuedAtJobs = opts.performEnqueuedAtJobs ?? false;
  }

  static async create(opts: TestAdapterOptions = {}): Promise<TestAdapter> {
    checkOptions("TestAdapter", opts, OPTION_KEYS);
    const db = await Database.open();
    const adapter = new TestAdapter(db, opts);
    if (opts.setupSql !== undefined) db.exec(opts.setupSql);
    return adapter;
  }

  // ---- JobEnvironment ----

  now(): number {
    return this.clock.now;
  }

  random(): number {
    return this.jitterRandom.next();
  }

  newJobId(): string {
    return this.idRandom.uuid();
  }

  async enqueue(job: Job): Promise<void> {
    this.live();
    if (usesInlineAdapter(job)) return performInline(job);
    job.providerJobId = this.nextProviderId++;
    await this.performOrRecord(this.performEnqueuedJobs && !this.filtered(job), job, entryOf(job));
  }

  async enqueueAt(job: Job, timestampSeconds: number): Promise<void> {
    this.live();
    if (usesInlineAdapter(job)) refuseScheduledInline();
    job.providerJobId = this.nextProviderId++;
    await this.performOrRecord(this.performEnqueuedAtJobs && !this.filtered(job), job, entryOf(job, timestampSeconds));
  }

  notify(type: JobNotice, job: Job, data?: Record<string, unknown>): void {
    this.notices.push({ t: this.clock.now, type, jobClass: job.className, jobId: job.jobId, ...(data === undefined ? {} : { data }) });
  }

  inlineContext(job: Job): PerformContext {
    return {
      db: this.appDb(),
      sleep: async (seconds) => this.clock.elapse(durationMs(seconds, "sleep")),
      pause: async () => {},
      log: (message) => {
        this.logs.push({ t: this.clock.now, message, jobClass: job.className });
      },
      callService: (service, method, args) => this.callService(job, service, method, args),
    };
  }

  deserializeContext(): DeserializeContext {
    return this.deserializeCtx;
  }

  serializers(): SerializerRegistry {
    return this.serializerRegistry;
  }

  deliver(mail: DeliveredMail): void {
    this.deliveries.push(mail);
  }

  // ---- the adapter's own ----

  /** An app transaction from a test, as job code's `this.db.transaction` (job/transactions.ts). */
  transaction<T>(fn: (db: JobDb) => T | Promise<T>): Promise<T | undefined> {
    return this.appDb().transaction(fn);
  }

  private appDb(): JobDb {
    const db = this.db;
    return withTransactions(
      {
        all: async (sql, params) => db.all(sql, params as never) as never,
        get: async (sql, params) => db.get(sql, params as never) as never,
        run: async (sql, params) => db.run(sql, params as never),
        exec: async (sql) => db.exec(sql),
      },
      this.transactions,
    );
  }

  /** Frees the app database; the adapter cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clock.uninstallDate();
    this.db.close();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  // Recorded first, then run: the count survives a raise, and the job runs on a fresh instance
  // rebuilt from its payload, as Active Job's Base.execute does.
  private async performOrRecord(perform: boolean, job: Job, entry: JobEntry): Promise<void> {
    this.times.recordEnqueue(entry, this.clock.now);
    if (!perform) {
      this.enqueuedJobs.push(entry);
      return;
    }
    this.performedJobs.push(entry);
    this.times.recordPerform(entry, this.clock.now);
    const fresh = (job.constructor as JobClass).deserialize(job.serialize());
    await fresh.performNow();
  }

  private filtered(job: Job): boolean {
    if (this.queue !== null && job.queueName !== String(this.queue)) return true;
    const classOf = (j: Job) => j.constructor;
    if (this.filter !== null) {
      if (!filterMatches(this.filter, job, classOf)) return true;
    } else if (this.reject !== null && filterMatches(this.reject, job, classOf)) return true;
    return this.at !== null && job.scheduledAt !== null && job.scheduledAt / 1000 > this.at;
  }

  private async callService(job: Job, service: string, method: string, args: unknown[]): Promise<unknown> {
    const stub = this.services.get(service);
    const outcome = await stub.next(method, args);
    const call = { service, method, args, t: this.clock.now, jobClass: job.className, outcome: "returned" as "returned" | "threw" | "hung" };
    stub.calls.push(call);
    if (outcome.hang) {
      call.outcome = "hung";
      throw new Error(`${service}.${method} is scripted to hang; in test adapter mode nothing would ever resume the job (use a simulation to test hangs)`);
    }
    this.clock.elapse(this.services.latencyMs(outcome));
    if (outcome.throws !== undefined) {
      call.outcome = "threw";
      throw this.services.errorFor(outcome, service, method);
    }
    return outcome.returns;
  }

  private live(): void {
    if (this.disposed) throw new Error("this test adapter was disposed (its test ended): enqueue inside the test that created it");
  }
}
