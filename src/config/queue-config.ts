// config/queue.yml as Solid Queue reads it (spec §6.1-6.2), with strict checks on top:
// unknown keys inside a worker/dispatcher/scheduler and wrong types are errors; top-level
// keys Solid Queue ignores are warnings.
import { Problems } from "./config-error.js";
import { readConfigSource } from "./config-source.js";
import { boolean, checkKeys, describe, isNil, isTextual, number, positiveInt } from "./node-checks.js";
import { suggest } from "./suggest.js";
import type { DispatcherConfig, LoadOptions, QueueConfig, SchedulerConfig, WorkerConfig } from "./types.js";
import type { YMap, YNode } from "./yaml-tree.js";

const SECTIONS = ["workers", "dispatchers", "scheduler"] as const;
const WORKER_KEYS = ["queues", "threads", "processes", "polling_interval"] as const;
const DISPATCHER_KEYS = ["polling_interval", "batch_size", "concurrency_maintenance", "concurrency_maintenance_interval"] as const;
const SCHEDULER_KEYS = ["dynamic_tasks_enabled", "polling_interval"] as const;

const WORKER_DEFAULTS = { queues: ["*"], threads: 3, processes: 1, pollingInterval: 0.1 };
const DISPATCHER_DEFAULTS = { pollingInterval: 1, batchSize: 500, concurrencyMaintenance: true, concurrencyMaintenanceInterval: 600 };
const SCHEDULER_DEFAULTS = { dynamicTasksEnabled: false, pollingInterval: 5 };

/** Solid Queue's fallback: one worker and one dispatcher with all defaults, scheduler defaults. */
export function defaultQueueConfig(): QueueConfig {
  return {
    workers: [{ ...WORKER_DEFAULTS, queues: [...WORKER_DEFAULTS.queues] }],
    dispatchers: [{ ...DISPATCHER_DEFAULTS }],
    scheduler: { ...SCHEDULER_DEFAULTS },
    warnings: [],
  };
}

function kindOfKey(key: string): string | undefined {
  const kinds: [string, readonly string[]][] = [
    ["workers", WORKER_KEYS],
    ["dispatchers", DISPATCHER_KEYS],
    ["scheduler", SCHEDULER_KEYS],
  ];
  const owner = kinds.find(([, keys]) => keys.includes(key));
  return owner ? `"${key}" belongs in ${owner[0]}` : undefined;
}

/** Reads `key` from `map` with `read`, or returns the default when the key is absent or bad. */
function field<T>(map: YMap, key: string, fallback: T, read: (node: YNode) => T | undefined): T {
  const entry = map.entries.get(key);
  if (!entry) return fallback;
  return read(entry.value) ?? fallback;
}

function readQueues(node: YNode, where: string, problems: Problems): string[] | undefined {
  if (isNil(node) || (node.kind === "seq" && node.items.length === 0)) {
    problems.warn(node.pos, `${where} is empty; Solid Queue then polls all queues, as with "*"`);
    return [];
  }
  const names = node.kind === "seq" ? node.items : [node];
  if (node.kind === "map" || (node.kind === "scalar" && !isTextual(node))) {
    problems.error(node.pos, `${where} must be a queue name or a list of queue names, got ${describe(node)}`);
    return undefined;
  }
  const queues: string[] = [];
  names.forEach((item, i) => {
    const at = node.kind === "seq" ? `${where}[${i}]` : where;
    if (!isTextual(item)) {
      problems.error(item.pos, `${at} must be a queue name (a string), got ${describe(item)}`);
      return;
    }
    const name = item.value.trim();
    if (name.includes(",")) {
      problems.warn(item.pos, `${at} "${name}" is one queue named "${name}": Solid Queue does not split names on commas; use a list`);
    }
    queues.push(name);
  });
  return queues;
}

function asMap(node: YNode, where: string, what: string, problems: Problems): YMap | undefined {
  if (node.kind === "map") return node;
  problems.error(node.pos, `${where} must be a mapping of ${what}, got ${describe(node)}`);
  return undefined;
}

function asList(node: YNode, where: string, what: string, problems: Problems): YNode[] {
  if (node.kind === "seq") return node.items;
  problems.error(node.pos, `${where} must be a list of ${what} (each entry starting with "-"), got ${describe(node)}`);
  return [];
}

function readWorker(node: YNode, where: string, problems: Problems): WorkerConfig | undefined {
  const map = asMap(node, where, "worker settings", problems);
  if (!map) return undefined;
  checkKeys(map, WORKER_KEYS, where, problems, kindOfKey);
  const d = WORKER_DEFAULTS;
  return {
    queues: field(map, "queues", [...d.queues], (n) => readQueues(n, `${where}.queues`, problems)),
    threads: field(map, "threads", d.threads, (n) => positiveInt(n, `${where}.threads`, problems)),
    processes: field(map, "processes", d.processes, (n) => positiveInt(n, `${where}.processes`, problems)),
    pollingInterval: field(map, "polling_interval", d.pollingInterval, (n) =>
      number(n, `${where}.polling_interval`, problems, "non-negative"),
    ),
    pos: map.pos,
  };
}

function readDispatcher(node: YNode, where: string, problems: Problems): DispatcherConfig | undefined {
  const map = asMap(node, where, "dispatcher settings", problems);
  if (!map) return undefined;
  checkKeys(map, DISPATCHER_KEYS, where, problems, kindOfKey);
  const d = DISPATCHER_DEFAULTS;
  return {
    pollingInterval: field(map, "polling_interval", d.pollingInterval, (n) =>
      number(n, `${where}.polling_interval`, problems, "non-negative"),
    ),
    batchSize: field(map, "batch_size", d.batchSize, (n) => positiveInt(n, `${where}.batch_size`, problems)),
    concurrencyMaintenance: field(map, "concurrency_maintenance", d.concurrencyMaintenance, (n) =>
      boolean(n, `${where}.concurrency_maintenance`, problems),
    ),
    concurrencyMaintenanceInterval: field(map, "concurrency_maintenance_interval", d.concurrencyMaintenanceInterval, (n) =>
      number(n, `${where}.concurrency_maintenance_interval`, problems, "positive"),
    ),
    pos: map.pos,
  };
}

function readScheduler(node: YNode, problems: Problems): SchedulerConfig {
  const map = asMap(node, "scheduler", "scheduler settings", problems);
  if (!map) return { ...SCHEDULER_DEFAULTS };
  checkKeys(map, SCHEDULER_KEYS, "scheduler", problems, kindOfKey);
  const d = SCHEDULER_DEFAULTS;
  return {
    dynamicTasksEnabled: field(map, "dynamic_tasks_enabled", d.dynamicTasksEnabled, (n) =>
      boolean(n, "scheduler.dynamic_tasks_enabled", problems),
    ),
    pollingInterval: field(map, "polling_interval", d.pollingInterval, (n) =>
      number(n, "scheduler.polling_interval", problems, "non-negative"),
    ),
    pos: map.pos,
  };
}

function present<T>(value: T | undefined): value is T {
  return value !== undefined;
}

export function loadQueueConfig(opts: LoadOptions): QueueConfig {
  const source = readConfigSource(opts);
  const problems = new Problems();
  problems.warnings.push(...source.warnings);
  const meta = { file: source.file, section: source.section };
  const fallback = (): QueueConfig => {
    if (source.file !== undefined && !source.missing) {
      problems.warn(
        source.selected?.pos,
        `${source.selected ? "" : `${source.file}: `}none of workers, dispatchers, scheduler is configured${source.section ? ` in "${source.section}"` : ""}; ` +
          "Solid Queue falls back to one worker and one dispatcher with default settings",
      );
    }
    return { ...defaultQueueConfig(), ...meta, fallback: true, warnings: problems.warnings };
  };

  const config = source.selected;
  if (!config) return fallback();
  if (config.kind !== "map") {
    // Solid Queue treats an empty list or empty string as empty config; anything else fails.
    const empty = config.kind === "seq" ? config.items.length === 0 : config.value === "";
    if (empty) return fallback();
    problems.error(config.pos, `the ${source.section ? `"${source.section}" section` : "file"} must be a mapping with workers, dispatchers or scheduler, got ${describe(config)}`);
    problems.throwIfAny();
  }
  const map = config as YMap;
  for (const entry of map.entries.values()) {
    if ((SECTIONS as readonly string[]).includes(entry.key)) continue;
    const near = suggest(entry.key, SECTIONS);
    problems.warn(
      entry.keyPos,
      `key "${entry.key}" is ignored: Solid Queue reads only workers, dispatchers and scheduler${near ? `; did you mean "${near}"?` : ""}`,
    );
  }
  if (!SECTIONS.some((key) => map.entries.has(key))) return fallback();

  const workersNode = map.entries.get("workers")?.value;
  const dispatchersNode = map.entries.get("dispatchers")?.value;
  const schedulerNode = map.entries.get("scheduler")?.value;
  const workers = (workersNode ? asList(workersNode, "workers", "worker settings", problems) : [])
    .map((node, i) => readWorker(node, `workers[${i}]`, problems))
    .filter(present);
  const dispatchers = (dispatchersNode ? asList(dispatchersNode, "dispatchers", "dispatcher settings", problems) : [])
    .map((node, i) => readDispatcher(node, `dispatchers[${i}]`, problems))
    .filter(present);
  const scheduler = schedulerNode ? readScheduler(schedulerNode, problems) : { ...SCHEDULER_DEFAULTS };
  problems.throwIfAny();
  return { workers, dispatchers, scheduler, warnings: problems.warnings, ...meta };
}
