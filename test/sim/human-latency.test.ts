import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { humanDuration } from "../../src/sim/human-latency.js";
import { world } from "../helpers/world.js";

// Solid Queue's Queue#human_latency: ActiveSupport::Duration.build(latency).inspect.

const CASES: [number, string][] = [
  [0, "0 seconds"],
  [1, "1 second"],
  [59, "59 seconds"],
  [60, "1 minute"],
  [61, "1 minute and 1 second"],
  [300, "5 minutes"],
  [3661, "1 hour, 1 minute, and 1 second"],
  [86_400, "1 day"],
  [604_800, "1 week"],
  [2_629_746, "1 month"],
  [31_556_952, "1 year"],
  [40_000_000, "1 year, 3 months, 6 days, 9 hours, 50 minutes, and 10 seconds"],
];

function rubyMissing(): string | null {
  const probe = spawnSync("ruby", ["-e", 'require "active_support"; require "active_support/core_ext"; print 1'], { encoding: "utf8" });
  if (probe.error) return "`ruby` is not installed";
  return probe.status === 0 ? null : "activesupport is not installed (apt-get install ruby-activejob)";
}
const missing = rubyMissing();
if (missing) console.warn(`[sim] human latency checked without ActiveSupport: ${missing}`);

describe("humanLatency", () => {
  it.each(CASES)("%i seconds is %s", (seconds, words) => {
    expect(humanDuration(seconds)).toBe(words);
  });

  it.skipIf(missing !== null)("says what ActiveSupport says, for these and more", () => {
    const seconds = [...CASES.map(([s]) => s), 2, 120, 3599, 7200, 90_061, 1_209_600, 5_259_492, 63_113_904, 98_765_432];
    const script = 'require "active_support"; require "active_support/core_ext"; STDIN.read.split.each { |s| puts ActiveSupport::Duration.build(Integer(s)).inspect }';
    const run = spawnSync("ruby", ["-e", script], { input: seconds.join(" "), encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(seconds.map(humanDuration)).toEqual(run.stdout.trimEnd().split("\n"));
  });

  it("is queueInfo's humanLatency: whole seconds since the oldest ready job became ready", async () => {
    class Waiting extends Job {
      override perform(): void {}
    }
    const sim = await world({ jobs: [Waiting] });
    sim.pause("default");
    await sim.enqueue(Waiting);
    await sim.advance(300);
    expect(sim.queueInfo("default")).toMatchObject({ latency: 300, humanLatency: "5 minutes" });
  });
});
