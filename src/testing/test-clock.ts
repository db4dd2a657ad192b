import FakeTimers from "@sinonjs/fake-timers";
import type { Clock } from "@sinonjs/fake-timers";

// The test adapter's virtual clock: it starts at a fixed instant and moves only when a test
// travels or advances, or a job sleeps. While a test adapter is active, job code's `Date`
// (only Date: timers stay real, so promises and vitest's own timeouts work) reads this clock,
// as Rails' travel_to stubs Time.now.

export class TestClock {
  private ms: number;
  private fake: Clock | null = null;
  /** The instant before the outermost travel, for travelBack. */
  private beforeTravel: number | null = null;

  constructor(startMs: number) {
    this.ms = startMs;
  }

  get now(): number {
    return this.ms;
  }

  /** Time passing (sleeps, advance): forward only. */
  elapse(ms: number): void {
    if (ms < 0) throw new RangeError(`time cannot pass backwards (${ms} ms)`);
    this.set(this.ms + ms);
  }

  /** A travel: anywhere, remembered so travelBack can undo it. */
  travel(ms: number): void {
    this.beforeTravel ??= this.ms;
    this.set(ms);
  }

  travelBack(): void {
    if (this.beforeTravel === null) return;
    this.set(this.beforeTravel);
    this.beforeTravel = null;
  }

  /** Saves the clock for a block that travels; `restore` puts it back as it was. */
  save(): () => void {
    const ms = this.ms;
    const before = this.beforeTravel;
    return () => {
      this.set(ms);
      this.beforeTravel = before;
    };
  }

  private set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
    this.ms = ms;
    this.fake?.setSystemTime(ms);
  }

  /** Makes the global Date read this clock until `uninstallDate`. */
  installDate(): void {
    if (this.fake !== null) return;
    this.fake = FakeTimers.withGlobal(globalThis).install({ now: this.ms, toFake: ["Date"] });
  }

  uninstallDate(): void {
    this.fake?.uninstall();
    this.fake = null;
  }
}
