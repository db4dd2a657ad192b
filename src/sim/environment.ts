import type { DeserializeContext } from "../job/arguments.js";
import type { JobEnvironment, JobNotice, PerformContext } from "../job/environment.js";
import type { Job } from "../job/job.js";
import type { AppTransactions } from "../job/transactions.js";
import type { DeliveredMail } from "../job/mailer.js";
import type { JobRegistry } from "../job/registry.js";
import type { SerializerRegistry } from "../job/serializers.js";
import { enqueueJob, enqueueJobs, type Enqueued } from "../engine/enqueue.js";
import type { EngineRuntime } from "../engine/runtime.js";
import type { VirtualClock } from "./clock.js";
import { newJobRow } from "./job-row.js";
import type { Random } from "./random.js";
import { runCommand, type CommandHost } from "./recurring.js";
import type { Trace } from "./trace.js";

// The job environment while a simulation is current (job/environment.ts): Active Job's clock,
// ids and jitter from the world, enqueues into the world's store, notifications into its trace.

export type SimEnvironment = JobEnvironment & { runCommand(command: string): Promise<void> };

export interface EnvironmentHost extends CommandHost {
  readonly clock: VirtualClock;
  readonly jitterRandom: Random;
  readonly idRandom: Random;
  readonly runtime: EngineRuntime;
  readonly registry: JobRegistry;
  readonly trace: Trace;
  readonly deserializeCtx: DeserializeContext;
  readonly serializerRegistry: SerializerRegistry;
  readonly deliveries: DeliveredMail[];
  readonly transactions: AppTransactions;
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
        let n = 0;
        enqueueJobs(h.runtime, rows).forEach((r, i) => {
          const job = jobs[i]!;
          settle(job, r);
          job.successfullyEnqueued = r.outcome !== "discarded";
          if (job.successfullyEnqueued) n++;
        });
        return n;
      };
      if (!h.transactions.open) return write();
      for (const job of jobs) job.successfullyEnqueued = true;
      return h.transactions.afterEnd(write).then(() => jobs.length);
    },
    notify(type: JobNotice, job, data) {
      if (type === "perform_started" || type === "performed") return;
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
    deliver(mail) {
      h.deliveries.push(mail);
      h.trace.add(h.clock.now, "delivered", { data: { mailer: mail.mailer, action: mail.action, to: mail.to, subject: mail.subject } });
    },
  };
}
