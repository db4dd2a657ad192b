import { nextGridTick, type Timer } from "./event-queue.js";
import type { EngineRuntime } from "./runtime.js";

// Solid Queue's Poller concern (spec §2.3, §2.4): a process that polls runs its poll, then sleeps
// polling_interval (or less, or more, as the process decides) and polls again. The dispatcher
// and the worker share it.
//
// Poll skipping: a poll that found nothing and would find nothing until something changes is not
// scheduled. The poller goes quiet, remembering when it last polled; its ticks stay on that
// grid (last poll + k * polling_interval), so when work appears the process wakes at the first
// tick that polling for real would have reached, and the trace is the same.

export class Poller {
  private timer: Timer | null = null;
  /** Quiet: when the last poll ran, the origin of the grid of ticks it skips. */
  private quietSince: number | null = null;
  /** Created once: the poll callback is on every job's path. */
  private readonly tick = (): void => {
    this.timer = null;
    this.poll();
  };

  constructor(
    private readonly rt: EngineRuntime,
    private readonly phase: number,
    private readonly owner: number,
    readonly interval: number, // ms
    private readonly poll: () => void,
  ) {}

  get quiet(): boolean {
    return this.quietSince !== null;
  }

  /** Elapsed time of the next scheduled poll, if one is scheduled. */
  get nextAt(): number | undefined {
    return this.timer?.time;
  }

  /** Polls at `time` (replacing a scheduled poll); the poller is no longer quiet. */
  pollAt(time: number): void {
    this.timer?.cancel();
    this.quietSince = null;
    this.timer = this.rt.at(time, this.phase, this.owner, this.tick);
  }

  /** Polls again after polling_interval. */
  pollAfterInterval(now: number): void {
    this.pollAt(now + this.interval);
  }

  /** The poll at `now` found nothing: schedule nothing until `wakeAt` or `pollAt`. */
  goQuiet(now: number): void {
    this.quietSince = now;
  }

  /** While quiet: the first grid tick at or after `notBefore` that has not passed yet. */
  gridTick(notBefore: number): number {
    const cur = this.rt.currentKey();
    return nextGridTick(this.quietSince!, this.interval, Math.max(notBefore, cur.time), this.phase, this.owner, cur);
  }

  /** While quiet: schedules the poll of a grid tick, staying on the grid if it finds nothing. */
  wakeAt(tick: number): void {
    this.timer?.cancel();
    this.timer = this.rt.at(tick, this.phase, this.owner, this.tick);
  }

  /** Drops the scheduled poll (quiet or not). */
  cancelPoll(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Stops polling for good: no scheduled poll, not quiet. */
  stop(): void {
    this.cancelPoll();
    this.quietSince = null;
  }
}
