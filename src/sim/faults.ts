import type { Job } from "../job/job.js";
import type { Worker } from "../engine/worker.js";
import type { ServiceOutcome } from "./services.js";
import { namedError } from "./services.js";
import type { Database } from "../store/database.js";
import type { Trace } from "./trace.js";
import type { ThreadHandle } from "./threads.js";

// Fault injection: each fault is deterministic (counted, not random) and leaves a "fault" event
// in the trace, so a failing run says what was injected and when.

export interface SqlFault {
  /** Statements whose text matches (a RegExp, or a substring, case-insensitive). */
  match: RegExp | string;
  /** Throw on the n-th matching statement (1-based); with `times`, on that many from there. */
  nth?: number;
  times?: number;
  /** Error class or name; default "StatementInvalid". */
  error?: (new (message?: string) => Error) | string;
  message?: string;
  /** Which statements count: the app's (job code, setup), the engine's, or both. Default both. */
  origin?: "app" | "engine" | "any";
}

export interface AwaitCrash {
  /** The job class (or row id) whose thread's process dies. */
  jobClass?: string;
  jobId?: number;
  /** At its n-th scheduling point in one execution (1-based). */
  await: number;
  /** "kill" (SIGKILL) or "crash" (exit status 1). */
  how?: "kill" | "crash";
  /** Only the first matching execution (default) or every one. */
  once?: boolean;
}

interface ArmedSql extends Required<Omit<SqlFault, "error" | "message" | "match">> {
  test: (sql: string) => boolean;
  label: string;
  seen: number;
  fired: number;
  make: () => Error;
}

/** What injecting faults uses of the world. */
export interface FaultsHost {
  readonly errorClasses: Record<string, new (message?: string) => Error>;
  readonly db: Database;
  readonly trace: Trace;
  now(): number;
}

export class Faults {
  private sql: ArmedSql[] = [];
  private crashes: (AwaitCrash & { done: boolean })[] = [];

  constructor(private readonly sim: FaultsHost) {}

  /** The n-th matching SQL statement throws `error` (so retryOn(Deadlocked) is testable). */
  failSql(fault: SqlFault): void {
    const match = fault.match;
    const test = typeof match === "string" ? (s: string) => s.toLowerCase().includes(match.toLowerCase()) : (s: string) => match.test(s);
    const errorSpec = fault.error ?? "StatementInvalid";
    const cls = typeof errorSpec === "string" ? (this.sim.errorClasses[errorSpec] ?? namedError(errorSpec)) : errorSpec;
    const message = fault.message ?? `injected ${typeof errorSpec === "string" ? errorSpec : errorSpec.name}`;
    this.sql.push({
      test,
      label: String(match),
      nth: fault.nth ?? 1,
      times: fault.times ?? 1,
      origin: fault.origin ?? "any",
      seen: 0,
      fired: 0,
      make: () => new cls(message),
    });
    this.sim.db.hook = (sql, origin) => this.checkSql(sql, origin);
  }

  private checkSql(sql: string, origin: "app" | "engine"): void {
    for (const f of this.sql) {
      if (f.fired >= f.times) continue;
      if (f.origin !== "any" && f.origin !== origin) continue;
      if (!f.test(sql)) continue;
      f.seen++;
      if (f.seen < f.nth) continue;
      f.fired++;
      const error = f.make();
      this.sim.trace.add(this.sim.now(), "fault", { data: { kind: "sql", match: f.label, error: error.constructor.name, statement: sql.replace(/\s+/g, " ").slice(0, 200) } });
      throw error;
    }
    if (this.sql.every((f) => f.fired >= f.times)) this.sim.db.hook = null;
  }

  /** Kill or crash a job's worker process at its n-th await. */
  crashAtAwait(crash: AwaitCrash): void {
    this.crashes.push({ ...crash, done: false });
  }

  atAwait(worker: Worker, handle: ThreadHandle, job: Job): void {
    for (const c of this.crashes) {
      if (c.done) continue;
      if (c.jobClass !== undefined && c.jobClass !== job.className) continue;
      if (c.jobId !== undefined && c.jobId !== handle.jobId) continue;
      if (handle.awaits !== c.await) continue;
      if (c.once !== false) c.done = true;
      this.sim.trace.add(this.sim.now(), "fault", {
        jobId: handle.jobId,
        jobClass: handle.jobClass,
        process: worker.name,
        data: { kind: "crash_at_await", await: c.await, how: c.how ?? "kill" },
      });
      // As Simulation#kill / #crash do.
      worker.kill((c.how ?? "kill") === "kill" ? { kind: "signal", signal: 9 } : { kind: "exit", status: 1 });
      return;
    }
  }

  atServiceCall(service: string, method: string, outcome: ServiceOutcome): void {
    if (outcome.throws === undefined && !outcome.hang) return;
    const data: Record<string, unknown> = { kind: "service", service, method };
    if (outcome.throws !== undefined) data.throws = typeof outcome.throws === "string" ? outcome.throws : outcome.throws.name;
    if (outcome.hang) data.hang = true;
    this.sim.trace.add(this.sim.now(), "fault", { data });
  }
}
