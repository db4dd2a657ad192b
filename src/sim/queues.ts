// Solid Queue's Queue helpers as the simulation offers them (SolidQueue::Queue: size, latency,
// human_latency, paused?, pause, resume; Queue.all), over the store and the trace.
import type { Worker } from "../engine/worker.js";
import { pausedQueues, pauseQueue, resumeQueue } from "../store/pauses.js";
import { oldestReadyCreatedAt } from "../store/ready-executions.js";
import type { Store } from "../store/store.js";
import { parseDbTime } from "../store/time.js";
import { humanDuration } from "./human-latency.js";
import type { Trace } from "./trace.js";

export interface QueueInfo {
  name: string;
  /** Ready jobs. */
  size: number;
  /** Whole seconds since the oldest ready job became ready. */
  latency: number;
  humanLatency: string;
  paused: boolean;
}

/** What the queue helpers use of the world. */
export interface QueueHost {
  store: Store;
  trace: Trace;
  now(): number;
  workers(): Worker[];
}

export function queueInfo(h: QueueHost, name: string): QueueInfo {
  const oldest = oldestReadyCreatedAt(h.store, name);
  const latency = oldest === undefined ? 0 : Math.floor((h.now() - parseDbTime(oldest)) / 1000);
  return { name, size: h.store.readyCount(name), latency, humanLatency: humanDuration(latency), paused: pausedQueues(h.store).has(name) };
}

/** Queue.all: the distinct queue names of solid_queue_jobs (finished jobs included). */
export function queueNames(h: QueueHost): string[] {
  return h.store.db.all<{ q: string }>("SELECT DISTINCT queue_name AS q FROM solid_queue_jobs ORDER BY queue_name").map((r) => r.q);
}

export function pause(h: QueueHost, queue: string): void {
  if (pauseQueue(h.store, queue)) h.trace.add(h.now(), "paused", { queue });
}

/** Resumes a paused queue and wakes the workers that poll it. */
export function resume(h: QueueHost, queue: string): void {
  if (!resumeQueue(h.store, queue)) return;
  h.trace.add(h.now(), "resumed", { queue });
  for (const w of h.workers()) w.notifyReady(queue);
}
