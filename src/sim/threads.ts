import { Phase } from "../engine/event-queue.js";
import type { EventQueue } from "../engine/event-queue.js";
import type { Worker } from "../engine/worker.js";
import { drainMicrotasks, realSetImmediate } from "./clock.js";
import type { InterleavingStrategy, Runnable } from "./strategy.js";

// Job code runs as async tasks ("threads"). Every await on the job's context is a scheduling
// point: the thread parks, and the simulation resumes it at its virtual time. Threads that can
// resume at the same instant are ordered by the interleaving strategy, one at a time, each
// running until its next scheduling point.
//
// After starting or resuming job code the simulation waits until every running thread has
// parked again or finished (`quiesce`). Both are signalled, so this costs a few promise turns;
// a thread waiting on something outside the simulation (a job's own setTimeout, a promise that
// never settles) is caught by a fallback that waits for all pending promise callbacks.

export interface ThreadHandle extends Runnable {
  /** Scheduling points passed so far in this execution. */
  awaits: number;
  /** False once its process died: it is never resumed again. */
  alive: boolean;
  /** Running job code right now (started or resumed, not yet parked or finished). */
  running?: boolean;
}

interface Pending {
  thread: ThreadHandle;
  resume: () => void;
}

export class Threads {
  private readonly pending = new Map<number, Pending[]>();
  private active = 0;
  private waiter: (() => void) | null = null;

  constructor(
    private readonly queue: EventQueue,
    private strategy: InterleavingStrategy,
  ) {}

  setStrategy(strategy: InterleavingStrategy): void {
    this.strategy = strategy;
  }

  /** Job code of `thread` is about to run. */
  running(thread: ThreadHandle): void {
    if (thread.running) return;
    thread.running = true;
    this.active++;
  }

  /** `thread` stopped running: parked, finished, or stopped for good. */
  stopped(thread: ThreadHandle): void {
    if (!thread.running) return;
    thread.running = false;
    if (--this.active === 0 && this.waiter !== null) this.waiter();
  }

  /** Resolves once every running thread has parked or finished. */
  quiesce(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let immediate: ReturnType<typeof setImmediate> | null = null;
      const done = () => {
        this.waiter = null;
        if (immediate !== null) clearImmediate(immediate);
        resolve();
      };
      this.waiter = done;
      // Fallback: once no promise callback is pending, whatever still "runs" waits on something
      // the simulation does not drive; count it as parked.
      const check = () => {
        immediate = null;
        if (this.active === 0) return;
        drainMicrotasks().then(() => {
          if (this.waiter !== done) return;
          this.active = 0;
          done();
        });
      };
      immediate = realSetImmediate(check);
    });
  }

  /** Parks `thread` until elapsed time `time`; the promise resolves when it is its turn. */
  park(thread: ThreadHandle, time: number): Promise<void> {
    this.stopped(thread);
    return new Promise<void>((resume) => {
      let list = this.pending.get(time);
      if (list === undefined) {
        list = [];
        this.pending.set(time, list);
        this.queue.at(time, Phase.Thread, 0, () => this.runInstant(time));
      }
      list.push({ thread, resume });
    });
  }

  /** Resumes the threads due at `time`, one at a time, in the strategy's order. */
  private async runInstant(time: number): Promise<void> {
    const list = this.pending.get(time)!;
    while (list.length > 0) {
      for (let i = list.length - 1; i >= 0; i--) if (!list[i]!.thread.alive) list.splice(i, 1);
      if (list.length === 0) break;
      const i = list.length === 1 ? 0 : this.strategy.pick(list.map((p) => p.thread));
      const [next] = list.splice(i, 1);
      this.running(next!.thread);
      next!.resume();
      await this.quiesce();
    }
    this.pending.delete(time);
  }
}

/**
 * Which threads each worker runs: a killed worker's threads are never resumed, and a thread is
 * done once the worker recorded its job's end (not when its code returned: recording may come
 * later, or never for a dead process).
 */
export class WorkerThreads {
  private readonly running = new Map<Worker, Set<ThreadHandle>>();
  private readonly finished = new Map<number, ThreadHandle>();

  constructor(private readonly threads: Threads) {}

  started(worker: Worker, h: ThreadHandle): void {
    let set = this.running.get(worker);
    if (set === undefined) {
      set = new Set();
      this.running.set(worker, set);
    }
    set.add(h);
  }

  /** The job code returned (or threw). */
  returned(worker: Worker, h: ThreadHandle): void {
    this.running.get(worker)?.delete(h);
    this.finished.set(h.jobId, h);
  }

  /** The worker recorded the end of a job's execution: its thread is done. */
  settled(worker: Worker, jobId: number): void {
    const h = this.finished.get(jobId) ?? this.handleOf(worker, jobId);
    this.finished.delete(jobId);
    if (h !== undefined) this.threads.stopped(h);
  }

  /** A worker died: its threads are never resumed; their code stops at its next await. */
  abandon(worker: Worker): void {
    for (const h of this.running.get(worker) ?? []) {
      h.alive = false;
      this.threads.stopped(h);
    }
    this.running.delete(worker);
  }

  /** The thread of `worker` running job `jobId`, if its code is still running. */
  handleOf(worker: Worker, jobId: number): ThreadHandle | undefined {
    for (const h of this.running.get(worker) ?? []) if (h.jobId === jobId) return h;
    return undefined;
  }
}
