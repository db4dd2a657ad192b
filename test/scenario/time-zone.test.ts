// The scenario's `time_zone` as Rails names zones, `time_zone: null` with the virtual
// `tz` (solid-queue.md §4.2), and positioned errors with a suggestion.

import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/errors.js";
import { parseScenario } from "../../src/scenario/parse.js";

const FILE = "test/scenario/fixtures/inline.yml";
const parse = (text: string) => parseScenario(FILE, text).spec;

function problem(text: string): string {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("solid-queue.md §4.2: a scenario's time_zone", () => {
  it("takes ActiveSupport's names, kept as the tzinfo identifier; local times are read in it", () => {
    const s = parse('name: x\ntime_zone: "Eastern Time (US & Canada)"\nstart: "2026-07-01 09:00"\nsteps: []\n');
    expect(s.timeZone).toBe("America/New_York");
    expect(s.start).toBe(Date.UTC(2026, 6, 1, 13));
    expect(parse("name: x\ntime_zone: Tokyo\nsteps: []\n").timeZone).toBe("Asia/Tokyo");
  });

  it("null is the process-local zone: tz, else Etc/UTC", () => {
    const s = parse('name: x\ntime_zone: null\ntz: Asia/Tokyo\nstart: "2026-07-01 09:00"\nsteps: []\n');
    expect(s).toMatchObject({ timeZone: "Asia/Tokyo", tz: "Asia/Tokyo", start: Date.UTC(2026, 6, 1, 0) });
    expect(parse("name: x\ntime_zone: ~\nsteps: []\n").timeZone).toBe("Etc/UTC");
    expect(parse("name: x\ntime_zone: Europe/Paris\ntz: Asia/Tokyo\nsteps: []\n").timeZone).toBe("Europe/Paris");
  });

  it("an unknown zone is a positioned error with Rails' message and a suggestion", () => {
    expect(problem("name: x\ntime_zone: Tokio\nsteps: []\n")).toMatch(/^test\/scenario\/fixtures\/inline\.yml:2:12: time_zone: Invalid Timezone: Tokio; did you mean "Tokyo"\?/);
    expect(problem("name: x\ntime_zone: null\ntz: america/new_york\nsteps: []\n")).toMatch(/^test\/scenario\/fixtures\/inline\.yml:3:5: tz: Invalid Timezone: america\/new_york; did you mean "America\/New_York"\?/);
  });
});
