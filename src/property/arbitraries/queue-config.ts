import fc from "fast-check";
import type { QueueConfig } from "../../config/index.js";
import { parseQueueEntries, selects } from "../../engine/queue-selector.js";
import type { QueueConfigCase, WorkerCase } from "../world-case.js";

// Queue configurations: workers (threads, processes, polling) reading queue lists built from
// exact names, the "*" wildcard and prefixes ("low*"), in any order, plus dispatchers.

export interface QueueConfigOptions {
  /** Queue names the lists draw from. Default ["default"]. */
  queues?: readonly string[];
  maxWorkers?: number;
  maxThreads?: number;
  minThreads?: number;
  maxProcesses?: number;
  /** Allow "*" entries. Default true. */
  wildcards?: boolean;
  /** Allow prefix entries derived from the names ("low*" for "low_a"). Default true. */
  prefixes?: boolean;
  /** Every name in `queues` is read by some worker (a "*" worker is added when one is not). Default true. */
  covering?: boolean;
}

const WORKER_POLLING = [0.05, 0.1, 0.2, 1] as const;
const DISPATCHER_POLLING = [0.1, 0.5, 1] as const;
const BATCH_SIZES = [500, 10, 1] as const;

/** The prefix entries a list of names suggests: text up to each "_" or "." and the first letter. */
export function prefixesOf(queues: readonly string[]): string[] {
  const out = new Set<string>();
  for (const q of queues) {
    const cut = q.search(/[_.]/);
    if (cut > 0) out.add(`${q.slice(0, cut + 1)}*`);
    if (q.length > 1) out.add(`${q[0]}*`);
  }
  return [...out].sort();
}

export function queueLists(opts: QueueConfigOptions = {}): fc.Arbitrary<string[]> {
  const names = [...(opts.queues ?? ["default"])];
  const entries = [...names, ...(opts.prefixes === false ? [] : prefixesOf(names)), ...(opts.wildcards === false ? [] : ["*"])];
  return fc.shuffledSubarray(entries, { minLength: 1, maxLength: Math.min(entries.length, 4) });
}

export function workerConfigs(opts: QueueConfigOptions = {}): fc.Arbitrary<WorkerCase> {
  return fc.record({
    queues: queueLists(opts),
    threads: fc.integer({ min: opts.minThreads ?? 1, max: Math.max(opts.minThreads ?? 1, opts.maxThreads ?? 3) }),
    processes: fc.integer({ min: 1, max: opts.maxProcesses ?? 1 }),
    pollingInterval: fc.constantFrom(...WORKER_POLLING),
  });
}

export function queueConfigs(opts: QueueConfigOptions = {}): fc.Arbitrary<QueueConfigCase> {
  return fc
    .record({
      workers: fc.array(workerConfigs(opts), { minLength: 1, maxLength: opts.maxWorkers ?? 2 }),
      dispatchers: fc.array(fc.record({ pollingInterval: fc.constantFrom(...DISPATCHER_POLLING), batchSize: fc.constantFrom(...BATCH_SIZES) }), {
        minLength: 1,
        maxLength: 1,
      }),
    })
    .map((c) => (opts.covering === false ? c : cover(c, opts.queues ?? ["default"])));
}

/** Adds a "*" worker when some queue would be read by nobody (its jobs could never run). */
export function cover(c: QueueConfigCase, queues: readonly string[]): QueueConfigCase {
  const lists = c.workers.map((w) => parseQueueEntries(w.queues));
  const unread = queues.some((q) => !lists.some((entries) => selects(entries, q)));
  if (!unread) return c;
  return { ...c, workers: [...c.workers, { queues: ["*"], threads: 1, processes: 1, pollingInterval: 0.1 }] };
}

/** The QueueConfig a case describes (what loadQueueConfig would return for the same YAML). */
export function toQueueConfig(c: QueueConfigCase): QueueConfig {
  return {
    workers: c.workers.map((w) => ({ queues: [...w.queues], threads: w.threads, processes: w.processes, pollingInterval: w.pollingInterval })),
    dispatchers: c.dispatchers.map((d) => ({ pollingInterval: d.pollingInterval, batchSize: d.batchSize, concurrencyMaintenance: true, concurrencyMaintenanceInterval: 600 })),
    scheduler: { dynamicTasksEnabled: false, pollingInterval: 5 },
    warnings: [],
  };
}

/** One worker, `threads` threads, reading everything: the plain config of small properties. */
export function singleWorker(threads = 1, pollingInterval = 0.1): QueueConfigCase {
  return { workers: [{ queues: ["*"], threads, processes: 1, pollingInterval }], dispatchers: [{ pollingInterval: 0.1, batchSize: 500 }] };
}
