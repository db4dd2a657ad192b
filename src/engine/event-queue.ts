// The simulation's scheduler: a priority queue of events on elapsed virtual time. Events at the
// same instant run in a fixed phase order, then by owner (the process's index in the config),
// then by creation order. The order does not depend on when an event was created, which is what
// lets an idle worker skip polls that can find nothing and still act at exactly the tick that
// polling would have reached (see engine/worker.ts).

export const Phase = {
  /** Job code resuming (a thread). Several at one instant are ordered by the interleaving strategy. */
  Thread: 1,
  Scheduler: 2,
  Dispatcher: 3,
  Worker: 4,
  Supervisor: 5,
  /** Heartbeats: last, so a process that acts at an instant also beats after acting. */
  Heartbeat: 6,
} as const;

export interface EventKey {
  time: number;
  phase: number;
  owner: number;
}

export class Timer implements EventKey {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly phase: number,
    readonly owner: number,
    readonly seq: number,
    readonly fn: () => void | Promise<void>,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.time !== b.time
    ? a.time < b.time
    : a.phase !== b.phase
      ? a.phase < b.phase
      : a.owner !== b.owner
        ? a.owner < b.owner
        : a.seq < b.seq;
}

export class EventQueue {
  private heap: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  at(time: number, phase: number, owner: number, fn: () => void | Promise<void>): Timer {
    const t = new Timer(time, phase, owner, this.seq++, fn);
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(t, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = t;
    return t;
  }

  peek(): Timer | undefined {
    const h = this.heap;
    while (h.length > 0 && h[0]!.cancelled) this.pop();
    return h[0];
  }

  pop(): Timer | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

/**
 * The first tick `origin + k * interval` (k >= 1) at or after `notBefore` whose event, in phase
 * `phase` of `owner`, would run after the event running now (`current`): where a process that
 * skipped its idle polls or loops picks its grid up again, exactly as if it had kept it.
 */
export function nextGridTick(origin: number, interval: number, notBefore: number, phase: number, owner: number, current: EventKey): number {
  const step = Math.max(1, interval);
  let k = Math.max(1, Math.ceil((notBefore - origin) / step));
  const tick = origin + k * step;
  if (tick === current.time && (current.phase > phase || (current.phase === phase && current.owner >= owner))) k++;
  return origin + k * step;
}
