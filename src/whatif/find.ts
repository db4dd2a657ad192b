// `--find "critical p95 < 5s"`: the smallest worker that meets a bound on one queue's wait.
//
// The search is bounded and deterministic. It tunes one worker entry of the config: the first
// whose `queues` serve the queue (by name, "*", or a "prefix*" wildcard), leaving every other
// entry as written. A candidate is (processes p, threads t); its cost is p × t, the threads
// that poll and run jobs. Every candidate runs the same scenario with the same seed.
//   1. p = maxProcesses, t = maxThreads first: if even that misses the bound, there is no answer
//      within the bounds, and the search says so.
//   2. For p = 1, 2, ... maxProcesses: binary search the smallest t in 1..maxThreads that meets
//      the bound (more threads never make a queue wait longer, so the bound is monotone in t).
//      Stop once p alone costs as much as the best found (p × 1 >= best p × t).
//   3. The answer is the cheapest (p, t), fewer processes first on a tie.
// At most 1 + maxProcesses × ceil(log2(maxThreads + 1)) runs; results are cached by (p, t).
import type { QueueConfig, WorkerConfig } from "../config/index.js";
import { holds, readDurationBound, showMs, type Comparison } from "../scenario/compare.js";
import { Issues } from "../scenario/errors.js";
import type { LoadedScenario } from "../scenario/load.js";
import type { ConfigRef } from "../scenario/spec.js";
import { describeWorker, inlineConfig, queueConfigText } from "./queue-config-text.js";
import { runVariant, type Variant, type VariantRun, type WhatIfOptions } from "./run.js";
import { statsOf } from "./table.js";
import type { WaitStat } from "./stats.js";

export interface FindGoal {
  queue: string;
  stat: WaitStat;
  bound: Comparison;
  text: string;
}

export interface FindLimits {
  maxThreads: number;
  maxProcesses: number;
}

export interface Candidate {
  processes: number;
  threads: number;
  value: number;
  meets: boolean;
}

export interface FindResult {
  goal: FindGoal;
  /** The queue as the runs name it ("critical" may be "shop_critical"). */
  queue: string;
  worker: WorkerConfig;
  workerIndex: number;
  tried: Candidate[];
  best?: { candidate: Candidate; run: VariantRun };
}

const GOAL = /^\s*(\S+)\s+(p50|p95|p99|max)\s+(.+?)\s*$/;

export function parseGoal(text: string): FindGoal {
  const m = GOAL.exec(text);
  if (m === null) throw new Error(`--find ${JSON.stringify(text)}: write "<queue> <p50|p95|p99|max> <bound>", e.g. "critical p95 < 5s"`);
  const issues = new Issues();
  const bound = readDurationBound({ kind: "scalar", value: m[3]!, pos: { file: "--find", line: 1, col: 1 } } as never, "--find bound", issues);
  if (bound === undefined) throw new Error(`--find ${JSON.stringify(text)}: ${issues.list[0]?.message.replace(/^.*--find bound /, "") ?? "cannot read the bound"}`);
  return { queue: m[1]!, stat: m[2]! as WaitStat, bound, text: text.trim() };
}

/** The queue's full name: as written, or the one name in `names` ending in "_<queue>". */
export function resolveQueue(queue: string, names: readonly string[]): string {
  if (names.includes(queue)) return queue;
  const ends = names.filter((n) => n.endsWith(`_${queue}`) || n.endsWith(`-${queue}`) || n.endsWith(`.${queue}`));
  if (ends.length === 1) return ends[0]!;
  throw new Error(`--find: no queue ${JSON.stringify(queue)}${ends.length > 1 ? ` (it could be ${ends.join(" or ")})` : ""}; the queues are ${names.join(", ") || "none"}`);
}

export function servingWorker(config: QueueConfig, queue: string): number {
  return config.workers.findIndex((w) => w.queues.length === 0 || w.queues.some((q) => q === queue || q === "*" || (q.endsWith("*") && queue.startsWith(q.slice(0, -1)))));
}

export async function findCapacity(
  loaded: LoadedScenario,
  base: { config: QueueConfig; pos: ConfigRef["pos"] },
  goal: FindGoal,
  queueNames: readonly string[],
  limits: FindLimits,
  opts: WhatIfOptions = {},
): Promise<FindResult> {
  const queue = resolveQueue(goal.queue, queueNames);
  const workerIndex = servingWorker(base.config, queue);
  if (workerIndex < 0) throw new Error(`--find: no worker in the config serves ${queue}`);
  const worker = base.config.workers[workerIndex]!;
  const cache = new Map<string, { candidate: Candidate; run: VariantRun }>();
  const tried: Candidate[] = [];
  const attempt = async (processes: number, threads: number) => {
    const key = `${processes}x${threads}`;
    const seen = cache.get(key);
    if (seen !== undefined) return seen;
    const workers = base.config.workers.map((w, i) => (i === workerIndex ? { ...w, processes, threads } : w));
    const variant: Variant = {
      name: size(threads, processes),
      queue: inlineConfig(queueConfigText({ ...base.config, workers }), base.pos),
      detail: `worker ${describeWorker(workers[workerIndex]!)}`,
    };
    const run = await runVariant(loaded, variant, opts);
    const value = statsOf(run, queue)?.wait[goal.stat] ?? NaN;
    const candidate = { processes, threads, value, meets: run.healthy && !Number.isNaN(value) && holds(goal.bound, value) };
    tried.push(candidate);
    const entry = { candidate, run };
    cache.set(key, entry);
    return entry;
  };
  const result: FindResult = { goal, queue, worker, workerIndex, tried };
  if (!(await attempt(limits.maxProcesses, limits.maxThreads)).candidate.meets) return result;
  let best: { candidate: Candidate; run: VariantRun } | undefined;
  const cost = (c: Candidate) => c.processes * c.threads;
  for (let p = 1; p <= limits.maxProcesses; p++) {
    if (best !== undefined && p >= cost(best.candidate)) break;
    let lo = 1;
    let hi = limits.maxThreads;
    let found: { candidate: Candidate; run: VariantRun } | undefined;
    if (!(await attempt(p, hi)).candidate.meets) continue;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await attempt(p, mid)).candidate.meets) hi = mid;
      else lo = mid + 1;
    }
    found = await attempt(p, lo);
    if (best === undefined || cost(found.candidate) < cost(best.candidate)) best = found;
  }
  if (best !== undefined) result.best = best;
  return result;
}

export function describeFind(r: FindResult): string {
  const lines = [`--find ${r.goal.text}: tuning worker ${r.workerIndex} ${describeWorker(r.worker)} for ${r.queue}`];
  for (const c of r.tried) lines.push(`  ${size(c.threads, c.processes).padStart(24)}: ${r.goal.stat} ${Number.isNaN(c.value) ? "-" : showMs(c.value)}${c.meets ? "  meets" : ""}`);
  if (r.best === undefined) lines.push(`no worker within the bounds meets "${r.goal.text}"; raise --max-threads / --max-processes, or change the other workers`);
  else lines.push(`smallest: ${size(r.best.candidate.threads, r.best.candidate.processes)} (${r.goal.stat} ${showMs(r.best.candidate.value)})`);
  return `${lines.join("\n")}\n`;
}



function size(threads: number, processes: number): string {
  return `${threads} thread${threads === 1 ? "" : "s"} × ${processes} process${processes === 1 ? "" : "es"}`;
}
