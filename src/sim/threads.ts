import { Phase, type Timer } from "../engine/event-queue.js";
import type { EventQueue } from "../engine/event-queue.js";
import { drainMicrotasks } from "./clock.js";
import type { InterleavingStrategy, Runnable } from "./strategy.js";

// Job code runs as async tasks ("threads"). Every await on the job's context is a scheduling
// point: the thread parks, and the simulation resumes it at its virtual time. Threads that can
// resume at the same instant are ordered by the interleaving strategy, one at a time, each
// running until its next scheduling point.

export interface ThreadHandle extends Runnable {
  /** Scheduling points passed so far in this execution. */
  awaits: number;
  /** False once its process died: it is never resumed again. */
  alive: boolean;
}

interface Pending {
  thread: ThreadHandle;
  resume: () => void;
}

export class Threads {
  private readonly pending = new Map<number, Pending[]>();
  private readonly timers = new Map<number, Timer>();

  constructor(
    private readonly queue: EventQueue,
    private strategy: InterleavingStrategy,
  ) {}

  setStrategy(strategy: InterleavingStrategy): void {
    this.strategy = strategy;
  }

  /** Parks `thread` until elapsed time `time`; the promise resolves when it is its turn. */
  park(thread: ThreadHandle, time: number): Promise<void> {
    return new Promise<void>((resume) => {
      let list = this.pending.get(time);
      if (list === undefined) {
        list = [];
        this.pending.set(time, list);
        this.timers.set(
          time,
          this.queue.at(time, Phase.Thread, 0, () => this.runInstant(time)),
        );
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
      next!.resume();
      await drainMicrotasks();
    }
    this.pending.delete(time);
    this.timers.delete(time);
  }
}
