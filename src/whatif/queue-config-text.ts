// A loaded queue config written back as queue.yml text, so a what-if can run a config that
// only exists in memory (a --find candidate) through the same loader as a file. JSON is YAML,
// and needs no YAML writer here.
import { loadQueueConfig, type QueueConfig, type WorkerConfig } from "../config/index.js";
import type { ScenarioSpec, ConfigRef } from "../scenario/spec.js";

export function readQueueConfig(spec: ScenarioSpec, ref: ConfigRef): QueueConfig {
  const common = { env: spec.env, vars: spec.vars };
  return ref.kind === "path"
    ? loadQueueConfig({ ...common, path: ref.path })
    : loadQueueConfig({ ...common, text: ref.text, path: spec.file, lineOffset: ref.lineOffset, colOffset: ref.colOffset });
}

export function queueConfigText(c: QueueConfig): string {
  const doc = {
    dispatchers: c.dispatchers.map((d) => ({
      polling_interval: d.pollingInterval,
      batch_size: d.batchSize,
      concurrency_maintenance: d.concurrencyMaintenance,
      concurrency_maintenance_interval: d.concurrencyMaintenanceInterval,
    })),
    workers: c.workers.map((w) => ({ queues: w.queues, threads: w.threads, processes: w.processes, polling_interval: w.pollingInterval })),
    scheduler: { dynamic_tasks_enabled: c.scheduler.dynamicTasksEnabled, polling_interval: c.scheduler.pollingInterval },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** An inline config reference for generated text (positions point at the scenario). */
export function inlineConfig(text: string, pos: ConfigRef["pos"]): ConfigRef {
  return { kind: "inline", text, lineOffset: 0, colOffset: 0, pos };
}

/** "queues [a, b] × 3 threads × 2 processes". */
export function describeWorker(w: WorkerConfig): string {
  return `[${w.queues.join(", ")}]: ${w.threads} thread${w.threads === 1 ? "" : "s"} × ${w.processes} process${w.processes === 1 ? "" : "es"}`;
}
