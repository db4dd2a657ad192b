// The recurring scheduler across zones and DST (solid-queue.md §4.2-§4.3, schedules.md
// §1.5, §1.7, §4.3): time_zone given as Rails names it, time_zone nil as the process's
// (virtual) TZ, and what the scheduler's next_time_after(run_at) chain does at the
// autumn change.

import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { UnknownZoneError } from "../../src/schedule/index.js";
import type { Simulation, SimulationOptions } from "../../src/sim/simulation.js";
import { world } from "../helpers/world.js";

class NightlyJob extends Job {
  override perform(): void {}
}

const RECURRING = (schedule: string) => ({ text: `production:\n  nightly:\n    class: NightlyJob\n    schedule: ${schedule}\n`, env: "production", path: "recurring.yml" });

const runAts = (sim: Simulation): string[] =>
  sim.db.all<{ run_at: string }>("SELECT run_at FROM solid_queue_recurring_executions ORDER BY run_at").map((r) => r.run_at.slice(0, 16));

async function nightly(schedule: string, opts: SimulationOptions, days: string): Promise<{ sim: Simulation; runs: string[] }> {
  const sim = await world({ jobs: [NightlyJob], recurring: RECURRING(schedule), ...opts });
  await sim.advance(days);
  return { sim, runs: runAts(sim) };
}

describe("solid-queue.md §4.2: time_zone as Rails names it", () => {
  it('"Eastern Time (US & Canada)" is stored as America/New_York and schedules run at New York time', async () => {
    const { sim, runs } = await nightly("every day at 9am", { timeZone: "Eastern Time (US & Canada)", start: "2026-01-01T00:00:00Z" }, "2 days");
    expect(sim.timeZone).toBe("America/New_York");
    expect(runs).toEqual(["2026-01-01 14:00", "2026-01-02 14:00"]);
  });

  it('"Tokyo", "UTC" and an IANA name are all accepted; "UTC" is Etc/UTC', async () => {
    expect((await nightly("every day at 9am", { timeZone: "Tokyo", start: "2026-01-01T00:00:00Z" }, "1 day")).runs).toEqual(["2026-01-02 00:00"]);
    expect((await world({ jobs: [NightlyJob], timeZone: "UTC" })).timeZone).toBe("Etc/UTC");
    expect((await world({ jobs: [NightlyJob], timeZone: "Asia/Kolkata" })).timeZone).toBe("Asia/Kolkata");
  });

  it("an unknown zone is refused before anything runs, with Rails' message and a suggestion", async () => {
    await expect(world({ jobs: [NightlyJob], timeZone: "Tokio" })).rejects.toThrow(UnknownZoneError);
    await expect(world({ jobs: [NightlyJob], timeZone: "Tokio" })).rejects.toThrow(/^Invalid Timezone: Tokio; did you mean "Tokyo"\?/);
    await expect(world({ jobs: [NightlyJob], timeZone: null, tz: "Mars/Olympus" })).rejects.toThrow(/^Invalid Timezone: Mars\/Olympus \(/);
  });

  it("time_zone nil is the process-local zone: the virtual TZ, Etc/UTC when none is set (never the host's)", async () => {
    const tokyo = await nightly("every day at 9am", { timeZone: null, tz: "Asia/Tokyo", start: "2026-01-01T00:00:00Z" }, "1 day");
    expect(tokyo.sim.timeZone).toBe("Asia/Tokyo");
    expect(tokyo.sim.localZone).toBe("Asia/Tokyo");
    expect(tokyo.runs).toEqual(["2026-01-02 00:00"]);
    const unset = await nightly("every day at 9am", { timeZone: null, start: "2026-01-01T00:00:00Z" }, "1 day");
    expect(unset.runs).toEqual(["2026-01-01 09:00"]);
    // a time_zone that is set wins over TZ, as in Solid Queue
    const both = await nightly("every day at 9am", { timeZone: "Europe/Paris", tz: "Asia/Tokyo", start: "2026-01-01T00:00:00Z" }, "1 day");
    expect(both.runs).toEqual(["2026-01-01 08:00"]);
  });
});

describe("solid-queue.md §4.3 / schedules.md §4.3: the scheduler across DST changes", () => {
  it("autumn: every day at 1:59 in New York is enqueued twice on 2018-11-04, as Solid Queue chains from UTC run_at", async () => {
    // Fugit's own chain (from in New York) gives 01:59 EDT once (dst-transitions.test.ts), but
    // the scheduler computes next_time_after(run_at) with run_at a UTC Time, where the
    // repeated 01:59 is a new wall-clock string: real Fugit 1.5.2 answers 05:59Z then 06:59Z.
    const { runs, sim } = await nightly("every day at 1:59", { timeZone: "Eastern Time (US & Canada)", start: "2018-11-03 12:00" }, "3 days");
    expect(runs).toEqual(["2018-11-04 05:59", "2018-11-04 06:59", "2018-11-05 06:59", "2018-11-06 06:59"]);
    expect(sim.jobs({ className: "NightlyJob" })).toHaveLength(4);
  });

  it("autumn: an hourly task is enqueued in both copies of the repeated hour", async () => {
    const { runs } = await nightly("every hour", { timeZone: "America/New_York", start: "2018-11-04 00:30" }, "3 hours");
    expect(runs).toEqual(["2018-11-04 05:00", "2018-11-04 06:00", "2018-11-04 07:00"]);
  });

  it("spring: 2:30 does not exist in New York on 2018-03-11, so that day has no run", async () => {
    const { runs } = await nightly("every day at 2:30am", { timeZone: "America/New_York", start: "2018-03-10 00:00" }, "3 days");
    expect(runs).toEqual(["2018-03-10 07:30", "2018-03-12 06:30"]);
  });

  it("spring in Sydney and Berlin: hourly skips the missing hour", async () => {
    const sydney = await nightly("0 * * * *", { timeZone: "Sydney", start: "2024-10-06 00:30" }, "3 hours");
    expect(sydney.runs).toEqual(["2024-10-05 15:00", "2024-10-05 16:00", "2024-10-05 17:00"]); // 01:00 +10, 03:00 +11, 04:00 +11
    const berlin = await nightly("0 * * * *", { timeZone: "Berlin", start: "2024-03-31 00:30" }, "3 hours");
    expect(berlin.runs).toEqual(["2024-03-31 00:00", "2024-03-31 01:00", "2024-03-31 02:00"]); // 01:00 +01, 03:00 +02, 04:00 +02
  });
});
