import FakeTimers from "@sinonjs/fake-timers";
import type { Clock } from "@sinonjs/fake-timers";

// One virtual clock per simulation. Engine code reads `now` directly. Job code sees it through
// the globals (Date, setTimeout, setInterval, performance.now), which are swapped in only while
// the simulation runs and restored afterwards, even when a job throws.

type Globals = {
  Date: DateConstructor;
  setTimeout: typeof globalThis.setTimeout;
  clearTimeout: typeof globalThis.clearTimeout;
  setInterval: typeof globalThis.setInterval;
  clearInterval: typeof globalThis.clearInterval;
  performanceNow: () => number;
};

// fake-timers' implementation over the real globals, made once: building it copies every timer
// function of the global object, which cost more than the rest of a new world together.
const timers = FakeTimers.withGlobal(globalThis);

let installedBy: VirtualClock | null = null;
let saved: Globals | null = null;

export class VirtualClock {
  readonly fake: Clock;
  private readonly origin: number;
  private depth = 0;
  /** Elapsed (monotonic) time: what timers and sleeps measure. Equal to the wall clock until
   * a clock-skew fault moves the wall clock alone (spec §9.6). */
  mono: number;

  constructor(startMs: number) {
    this.fake = timers.createClock(startMs, 100_000);
    this.origin = startMs;
    this.mono = startMs;
  }

  /** Wall-clock "now", what due / expiry / prune comparisons use. */
  get now(): number {
    return this.fake.now;
  }

  /** Moves elapsed time forward to `mono`, firing job-code timers that fall due on the way. */
  async advanceTo(mono: number): Promise<void> {
    const delta = mono - this.mono;
    if (delta <= 0) return;
    this.mono = mono;
    if (this.fake.countTimers() === 0) this.fake.tick(delta);
    else await this.fake.tickAsync(delta);
  }

  /** Moves the wall clock without elapsing time (a clock-skew fault); job timers keep their delays. */
  jump(ms: number): void {
    this.fake.setSystemTime(this.fake.now + ms);
  }

  hasJobTimers(): boolean {
    return this.fake.countTimers() > 0;
  }

  /** Swaps the globals; nested calls (a run started from inside a run) are counted. */
  install(): void {
    if (installedBy === this) {
      this.depth++;
      return;
    }
    if (installedBy !== null) throw new Error("another simulation is running; run simulations one at a time");
    const g = globalThis as unknown as Record<string, unknown>;
    saved = {
      Date: globalThis.Date,
      setTimeout: globalThis.setTimeout,
      clearTimeout: globalThis.clearTimeout,
      setInterval: globalThis.setInterval,
      clearInterval: globalThis.clearInterval,
      performanceNow: globalThis.performance.now,
    };
    g.Date = this.fake.Date;
    g.setTimeout = this.fake.setTimeout;
    g.clearTimeout = this.fake.clearTimeout;
    g.setInterval = this.fake.setInterval;
    g.clearInterval = this.fake.clearInterval;
    const origin = this.origin;
    const fake = this.fake;
    globalThis.performance.now = () => fake.now - origin;
    installedBy = this;
    this.depth = 1;
  }

  /** Restores the real globals; `force` ignores nesting (the simulation is being disposed). */
  uninstall(force = false): void {
    if (installedBy !== this || saved === null) return;
    if (force) this.depth = 0;
    else if (--this.depth > 0) return;
    const g = globalThis as unknown as Record<string, unknown>;
    g.Date = saved.Date;
    g.setTimeout = saved.setTimeout;
    g.clearTimeout = saved.clearTimeout;
    g.setInterval = saved.setInterval;
    g.clearInterval = saved.clearInterval;
    globalThis.performance.now = saved.performanceNow;
    saved = null;
    installedBy = null;
  }
}

/** The real setImmediate, captured before any clock is installed: used only to let pending
 * promise callbacks of job code run to completion, never to measure or schedule time. */
export const realSetImmediate = globalThis.setImmediate;

export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
