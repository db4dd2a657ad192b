import { ConfigError } from "../config/index.js";
import { durationMs } from "../job/duration.js";
import { Dispatcher } from "../engine/dispatcher.js";
import { Supervisor, type ChildFactory } from "../engine/supervisor.js";
import { Worker } from "../engine/worker.js";
import type { QueueConfig } from "../config/index.js";
import type { EngineRuntime, Settings } from "../engine/runtime.js";
import { performOnThread, type PerformHost } from "./perform.js";
import { recurringScheduler, type RecurringHost, type RecurringInput } from "./recurring.js";

export type { RecurringInput };

// Builds one supervisor's children from the queue config, in Solid Queue's order: dispatchers,
// workers (each `processes` times), then the scheduler if there is anything to schedule.

/** What building a supervisor's children uses of the world. */
export interface ProcessesHost extends PerformHost, RecurringHost {
  readonly queueConfig: QueueConfig;
  readonly runtime: EngineRuntime;
  readonly settings: Settings;
}

export function buildSupervisor(sim: ProcessesHost, owner: number, recurring: RecurringInput | undefined): Supervisor {
  const cfg = sim.queueConfig;
  const factories: ChildFactory[] = [];
  let slot = owner + 1;
  for (const d of cfg.dispatchers) {
    const o = slot++;
    factories.push(
      (sup) =>
        new Dispatcher(sim.runtime, o, sup.id, {
          pollingInterval: durationMs(d.pollingInterval, "pollingInterval"),
          batchSize: d.batchSize,
          concurrencyMaintenance: d.concurrencyMaintenance,
          concurrencyMaintenanceInterval: durationMs(d.concurrencyMaintenanceInterval, "concurrencyMaintenanceInterval"),
        }),
    );
  }
  const copies = (n: number) => (sim.settings.supervisorMode === "async" ? 1 : n);
  for (const w of cfg.workers) {
    for (let i = 0; i < copies(w.processes); i++) {
      const o = slot++;
      factories.push((sup) => {
        const worker = new Worker(sim.runtime, o, sup.id, { queues: w.queues, threads: w.threads, pollingInterval: durationMs(w.pollingInterval, "pollingInterval") }, (wk, thread, job) =>
          performOnThread(sim, wk, thread, job),
        );
        worker.onKill = () => sim.workerThreads.abandon(worker);
        // A forked worker is its own OS process: when it exits, its threads end with it.
        if (sim.settings.supervisorMode === "fork") worker.onStopped = worker.onKill;
        worker.onJobSettled = (job) => sim.workerThreads.settled(worker, job.id);
        return worker;
      });
    }
  }
  const scheduler = recurringScheduler(sim, recurring, slot++);
  if (scheduler !== undefined) factories.push(scheduler);
  // Solid Queue's configuration check (spec §6.3): a supervisor refuses to start with nothing to run.
  if (factories.length === 0) throw new ConfigError({ message: `${cfg.file !== undefined ? `${cfg.file}: ` : ""}No processes configured` });
  const supervisor = new Supervisor(sim.runtime, owner, factories, sim.settings.supervisorMode);
  // Async mode: the workers are threads of the supervisor's process; when it exits (after its
  // shutdown_timeout), every job thread still running ends with it.
  if (sim.settings.supervisorMode === "async") {
    supervisor.onStopped = () => {
      for (const c of supervisor.children) if (c instanceof Worker) sim.workerThreads.abandon(c);
    };
  }
  return supervisor;
}

