import type { DeserializeContext } from "../job/arguments.js";
import { useEnvironment, type JobEnvironment, type JobNotice, type PerformContext } from "../job/environment.js";
import type { Job } from "../job/job.js";
import type { AppTransactions } from "../job/transactions.js";
import type { DeliveredMail } from "../job/mailer.js";
import type { AnyJobClass, JobRegistry } from "../job/registry.js";
import type { SerializerRegistry } from "../job/serializers.js";
import { enqueueJob, enqueueJobs, type Enqueued } from "../engine/enqueue.js";
import type { EngineRuntime } from "../engine/runtime.js";
import type { VirtualClock } from "./clock.js";
import { newJobRow } from "./job-row.js";
import type { Random } from "./random.js";
import { runCommand, type CommandHost } from "./recurring.js";
import type { Trace } from "./trace.js";
import type { Notifier, Payload } from "../engine/instrumentation.js";
import type { ErrorReporter } from "../engine/error-reporter.js";

// The job environment while a simulation is current (job/environment.ts): Active Job's clock,
// ids and jitter from the world, enqueues into the world's store, notifications into its trace.

export type SimEnvironment = JobEnvironment & { runCommand(command: string): Promise<void> };

export interface EnvironmentHost extends CommandHost {
  readonly clock: VirtualClock;
  /** The world's root generator: stream(label) forks it by label. */
  readonly random: Random;
  readonly jitterRandom: Random;
  readonly idRandom: Random;
  readonly runtime: EngineRuntime;
  readonly registry: JobRegistry;
  readonly trace: Trace;
  readonly notifier: Notifier;
  readonly deserializeCtx: DeserializeContext;
  readonly serializerRegistry: SerializerRegistry;
  readonly deliveries: DeliveredMail[];
  readonly transactions: AppTransactions;
  readonly errors: ErrorReporter;
}

export function makeEnvironment(h: EnvironmentHost, inlineContext: (job: Job) => PerformContext): SimEnvironment {
  const toNewJob = (job: Job, scheduledAt: number) => newJobRow(h.registry, job, scheduledAt);
  const settle = (job: Job, r: Enqueued) => {
    if (r.outcome !== "discarded") job.providerJobId = r.id;
  };
  return {
    name: "simulation",
    now: () => h.clock.now,
    random: () => h.jitterRandom.next(),
    newJobId: () => h.idRandom.uuid(),
    stream: (label) => {
      const r = h.random.fork(label);
      return () => r.next();
    },
    // Inside an app transaction the queue's write waits for the transaction's end, committed
    // or not: Solid Queue keeps its own database (job/transactions.ts). The row is built now.
    enqueue(job) {
      const row = toNewJob(job, h.clock.now);
      if (!h.transactions.open) return settle(job, enqueueJob(h.runtime, row));
      return h.transactions.afterEnd(() => settle(job, enqueueJob(h.runtime, row)));
    },
    enqueueAt(job, ts) {
      const row = toNewJob(job, Math.round(ts * 1000));
      if (!h.transactions.open) return settle(job, enqueueJob(h.runtime, row));
      return h.transactions.afterEnd(() => settle(job, enqueueJob(h.runtime, row)));
    },
    enqueueAll(jobs) {
      const rows = jobs.map((j) => toNewJob(j, j.scheduledAt ?? h.clock.now));
      const write = (): number => {
        const start = h.clock.now;
        let n = 0;
        enqueueJobs(h.runtime, rows).forEach((r, i) => {
          const job = jobs[i]!;
          settle(job, r);
          job.successfullyEnqueued = r.outcome !== "discarded";
          if (job.successfullyEnqueued) n++;
        });
        // perform_all_later: one enqueue_all per adapter group (active-job.md §5.8).
        h.notifier.instrument("enqueue_all.active_job", () => ({ adapter: ADAPTER, jobs, enqueued_count: n }), start);
        return n;
      };
      if (!h.transactions.open) return write();
      for (const job of jobs) job.successfullyEnqueued = true;
      return h.transactions.afterEnd(write).then(() => jobs.length);
    },
    notify(type: JobNotice, job, data) {
      activeJobEvent(h.notifier, type, job, data);
      if (type === "perform_started" || type === "performed" || type === "enqueue_finished" || type === "retry_enqueued") return;
      h.trace.add(h.clock.now, type, {
        ...(job.providerJobId !== null ? { jobId: job.providerJobId } : {}),
        activeJobId: job.jobId,
        jobClass: job.className,
        queue: job.queueName,
        ...(data !== undefined ? { data } : {}),
      });
    },
    inlineContext,
    transactions: h.transactions,
    deserializeContext: () => h.deserializeCtx,
    serializers: () => h.serializerRegistry,
    runCommand: (command: string) => runCommand(h, command),
    // `report: true` on retry_on / discard_on (job/exceptions.ts) reaches the world's Rails.error.
    reportError: (error, report) => h.errors.report(error, report),
    deliver(mail) {
      h.deliveries.push(mail);
      h.trace.add(h.clock.now, "delivered", { data: { mailer: mail.mailer, action: mail.action, to: mail.to, subject: mail.subject } });
    },
  };
}

/** The queue adapter as Active Job's payloads name it. */
const ADAPTER = "SolidQueueAdapter";

/** Active Job's instrumentation (active-job.md §5.8) from the job's notices: payload `job` and
 * `adapter` as Rails, `aborted: true` on a halt, `exception` / `exception_object` when an error
 * escaped perform (ActiveSupport adds them to a block that raises). */
function activeJobEvent(n: Notifier, type: JobNotice, job: Job, data: Record<string, unknown> | undefined): void {
  const name = AJ_EVENT[type];
  if (name === undefined) return;
  const event = name === "enqueue" && job.scheduledAt !== null ? "enqueue_at" : name;
  const full = `${event}.active_job`;
  if (!n.listening(full)) return;
  const d = data ?? {};
  const payload = (): Payload => {
    const p: Payload = { job, adapter: ADAPTER };
    if (d.aborted === true) p.aborted = true;
    if (d.exception !== undefined) {
      const e = d.exception;
      p.exception = [e instanceof Error ? (e.constructor?.name && e.constructor.name !== "Error" ? e.constructor.name : e.name) : typeof e, e instanceof Error ? e.message : String(e)];
      p.exception_object = e;
    }
    if (type === "retry_enqueued") {
      p.error = d.errorObject;
      p.wait = d.wait;
    }
    if (type === "retry_stopped" || type === "discarded") p.error = d.error;
    return p;
  };
  n.instrument(full, payload, typeof d.start === "number" ? d.start : undefined);
}

const AJ_EVENT: Partial<Record<JobNotice, string>> = {
  enqueue_finished: "enqueue",
  perform_started: "perform_start",
  performed: "perform",
  retry_enqueued: "enqueue_retry",
  retry_stopped: "retry_stopped",
  discarded: "discard",
};

/** Enqueues from outside job code (a test, a scenario step) under the world's environment: by
 * class, or by a class name the registry knows. Returns the Active Job, or false (halted). */
export async function enqueueFromOutside(
  env: SimEnvironment,
  registry: JobRegistry,
  job: AnyJobClass | string,
  args: unknown[],
  options: { wait?: number | string; waitUntil?: Date | number; queue?: string; priority?: number },
): Promise<Job | false> {
  const cls = typeof job === "string" ? registry.require(job) : job;
  const restore = useEnvironment(env);
  try {
    return await new cls(...args).enqueue(options);
  } finally {
    restore();
  }
}
