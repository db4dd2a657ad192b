import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { advance, travel, travelBack, travelTo, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { START } from "../helpers/world.js";

// travelTo / travel / travelBack / advance over the test adapter's clock and a simulation's.

class StampJob extends Job {
  override async perform() {
    this.log(new Date().toISOString());
  }
}

describe("time helpers (test adapter)", () => {
  const t = useTestAdapter();

  it("starts at a fixed instant; travelTo drops milliseconds unless asked to keep them", async () => {
    expect(t.now()).toBe(START);
    await travelTo("2026-03-01T09:30:15.250Z");
    expect(t.now()).toBe(Date.UTC(2026, 2, 1, 9, 30, 15));
    expect(Date.now()).toBe(t.now());
    await travelTo(new Date(START + 250), { withMilliseconds: true });
    expect(t.now()).toBe(START + 250);
  });

  it("travel moves by a duration, backwards too; travelBack undoes every travel", async () => {
    await travel("1 day");
    expect(t.now()).toBe(START + 86_400_000);
    await travel(-3600);
    expect(t.now()).toBe(START + 82_800_000);
    await travelBack();
    expect(t.now()).toBe(START);
  });

  it("travels for a block only, and returns its value", async () => {
    const value = await travelTo(START + 3_600_000, async () => {
      await StampJob.performNow();
      return new Date().toISOString();
    });
    expect(value).toBe("2026-01-01T01:00:00.000Z");
    expect(t.logs.map((l) => l.message)).toEqual(["2026-01-01T01:00:00.000Z"]);
    expect(t.now()).toBe(START);
    await expect(travel("1h", () => Promise.reject(new Error("inside")))).rejects.toThrow("inside");
    expect(t.now()).toBe(START);
  });

  it("advance lets exact time pass, forward only", async () => {
    await advance("1.5s");
    expect(t.now()).toBe(START + 1500);
    await expect(advance(-1)).rejects.toThrow(/must not be negative/);
    await expect(travelTo(START, { keepMs: true } as never)).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: travelTo: unknown option "keepMs"; known options: withMilliseconds]`);
  });
});

describe("time helpers (simulation)", () => {
  const s = useSimulation({ pollTiming: "aligned", jobs: [StampJob] });

  it("run the world: travelTo runs until the instant, travel and advance for the duration", async () => {
    await StampJob.set({ wait: "30m" }).performLater();
    await travelTo("2026-01-01T00:20:00Z");
    expect(s.sim.now()).toBe(START + 20 * 60_000);
    expect(s.sim.logs).toEqual([]);
    await travel("10m");
    await advance("1s");
    expect(s.sim.now()).toBe(START + 30 * 60_000 + 1000);
    expect(s.sim.logs.map((l) => l.message)).toEqual(["2026-01-01T00:30:00.000Z"]);
  });

  it("refuse to go back in time", async () => {
    await advance("1h");
    await expect(travelTo(START)).rejects.toThrowErrorMatchingInlineSnapshot(`[RangeError: travelTo cannot move a simulation back in time (it is 2026-01-01 01:00:00 UTC, asked for 2026-01-01 00:00:00 UTC); use sim.jumpClock(...) for clock skew]`);
    await expect(travel("1h", () => {})).rejects.toThrowErrorMatchingInlineSnapshot(`[RangeError: travel with a block would move a simulation back in time when the block ends; a simulation's time only moves forward (use advance, travel or travelTo without a block)]`);
    await expect(travelBack()).rejects.toThrowErrorMatchingInlineSnapshot(`[RangeError: travelBack would move a simulation back in time; a simulation's time only moves forward (use advance, travel or travelTo without a block)]`);
  });
});
