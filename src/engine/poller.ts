import { nextGridTick, type Timer } from "./event-queue.js";
import type { EngineRuntime, PollTiming } from "./runtime.js";

// Solid Queue's Poller concern (spec §2.3, §2.4): a process that polls runs its poll, then sleeps
// polling_interval (or less, or more, as the process decides) and polls again. The dispatcher
// and the worker share it.
//
// Poll skipping: a poll that found nothing and would find nothing until something changes is not
// scheduled. The poller goes quiet, remembering when it last polled; its ticks stay on that
// grid (last poll + k * polling_interval), so when work appears the process wakes at the first
// tick that polling for real would have reached, and the trace is the same.
//
// Poll timing (docs/engine.md, "Poll timing"): a real loop is poll; sleep(polling_interval), so
// its period is the interval plus the poll's own cost, and processes forked one after another
// start polling at different instants. Each poller has a seeded first-poll offset and period;
// its grid stays regular (last poll + k * period), so poll skipping stays exact.

export class Poller {
  private timer: Timer | null = null;
  /** Quiet: when the last poll ran, the origin of the grid of ticks it skips. */
  private quietSince: number | null = null;
  /** Created once: the poll callback is on every job's path. */
  private readonly tick = (): void => {
    this.timer = null;
    this.poll();
  };

  private readonly timing: PollTiming;

  constructor(
    private readonly rt: EngineRuntime,
    private readonly phase: number,
    private readonly owner: number,
    readonly interval: number, // ms
    private readonly poll: () => void,
  ) {
    this.timing = rt.pollTiming(interval);
  }

  /** ms between two polls of this process (polling_interval plus the poll's cost). */
  get period(): number {
    return this.timing.period;
  }

  /** The process booted: its first poll comes after its boot offset. */
  start(): void {
    this.pollAt(this.rt.mono() + this.timing.offset);
  }

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

  /** Polls again after polling_interval (and the poll's own cost). */
  pollAfterInterval(now: number): void {
    this.pollAt(now + this.timing.period);
  }

  /** The poll at `now` found nothing: schedule nothing until `wakeAt` or `pollAt`. */
  goQuiet(now: number): void {
    this.quietSince = now;
  }

  /** While quiet: the first grid tick at or after `notBefore` that has not passed yet. */
  gridTick(notBefore: number): number {
    const cur = this.rt.currentKey();
    return nextGridTick(this.quietSince!, this.timing.period, Math.max(notBefore, cur.time), this.phase, this.owner, cur);
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
