// `jobsim schedule`, through runSchedule (no process is started).

import { describe, expect, it } from "vitest";
import { runSchedule } from "../../src/cli/schedule.js";

function run(argv: string[], nowMs = Date.parse("2026-12-01T12:00:00Z")): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runSchedule(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) }, nowMs);
  return { code, out, err };
}

describe("jobsim schedule", () => {
  it("--json prints exactly one line with the cron and the next times in the zone's offset", () => {
    const r = run(["every day at 3am", "--tz", "Europe/Paris", "--next", "3", "--json"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toBe(
      '{"cron": "0 3 * * *", "next": ["2026-12-02T03:00:00+01:00", "2026-12-03T03:00:00+01:00", "2026-12-04T03:00:00+01:00"]}\n',
    );
    expect(JSON.parse(r.out)).toEqual({
      cron: "0 3 * * *",
      next: ["2026-12-02T03:00:00+01:00", "2026-12-03T03:00:00+01:00", "2026-12-04T03:00:00+01:00"],
    });
  });

  it("defaults to 5 times from now, in Etc/UTC, and shows a literal cron as written", () => {
    const r = run(["*/15 * * * *", "--json"]);
    expect(JSON.parse(r.out)).toEqual({
      cron: "*/15 * * * *",
      next: [
        "2026-12-01T12:15:00+00:00",
        "2026-12-01T12:30:00+00:00",
        "2026-12-01T12:45:00+00:00",
        "2026-12-01T13:00:00+00:00",
        "2026-12-01T13:15:00+00:00",
      ],
    });
  });

  it("--from with an offset, without one (read in the schedule's zone), and --flag=value", () => {
    const a = run(["0 9 * * * America/New_York", "--from", "2026-03-07T15:00:00Z", "--next=2", "--json"]);
    expect(JSON.parse(a.out).next).toEqual(["2026-03-08T09:00:00-04:00", "2026-03-09T09:00:00-04:00"]);
    const b = run(["0 9 * * *", "--tz=America/New_York", "--from=2026-03-08T08:59", "--next=1", "--json"]);
    expect(JSON.parse(b.out).next).toEqual(["2026-03-08T09:00:00-04:00"]);
  });

  it("the schedule's own zone wins over --tz; the displayed cron never shows --tz", () => {
    const r = run(["every day at 9am Asia/Tokyo", "--tz", "Europe/Paris", "--next", "1", "--json"]);
    expect(JSON.parse(r.out)).toEqual({ cron: "0 9 * * * Asia/Tokyo", next: ["2026-12-02T09:00:00+09:00"] });
  });

  it("chains like the scheduler (from UTC instants): a repeated hour fires twice", () => {
    const r = run(["30 1 * * * America/New_York", "--from", "2021-11-06T12:00:00Z", "--next", "3", "--json"]);
    expect(JSON.parse(r.out).next).toEqual([
      "2021-11-07T01:30:00-04:00",
      "2021-11-07T01:30:00-05:00",
      "2021-11-08T01:30:00-05:00",
    ]);
  });

  it("prints a readable form without --json", () => {
    const r = run(["every day at 3am", "--tz", "Europe/Paris", "--next", "2"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "cron: 0 3 * * *\nzone: Europe/Paris (--tz)\nnext 2:\n  2026-12-02T03:00:00+01:00\n  2026-12-03T03:00:00+01:00\n",
    );
  });

  it("a schedule Solid Queue refuses: its message on stderr, exit 2", () => {
    const unsupported = run(["every 2 weeks", "--json"]);
    expect(unsupported).toMatchObject({ code: 2, out: "" });
    expect(unsupported.err).toBe('jobsim schedule: "every 2 weeks": Schedule is not a supported recurring schedule\n');
    const multiple = run(["every day at 00:40 and 15:20"]);
    expect(multiple.code).toBe(2);
    expect(multiple.err).toMatch(/Schedule generates multiple cron schedules\. Please use separate recurring tasks/);
    const diverge = run(["every day from 9am to 5:30pm"]);
    expect(diverge.code).toBe(2);
    expect(diverge.err).toMatch(/cannot deal with 9am to 5:30pm, minutes diverge/);
    const crash = run(["every 5 minutes at 10"]);
    expect(crash.code).toBe(2);
    expect(crash.err).toMatch(/NoMethodError.*Solid Queue would crash/);
  });

  it("bad flags: usage on stderr, exit 2", () => {
    for (const argv of [
      [],
      ["a", "b"],
      ["* * * * *", "--bogus"],
      ["* * * * *", "--next"],
      ["* * * * *", "--next", "0"],
      ["* * * * *", "--next", "two"],
      ["* * * * *", "--from", "yesterday"],
      ["* * * * *", "--from", "2026-02-30T00:00:00Z"],
    ]) {
      const r = run(argv);
      expect(r.code, JSON.stringify(argv)).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toMatch(/usage: jobsim schedule/);
    }
    const zone = run(["* * * * *", "--tz", "Mars/Olympus"]);
    expect(zone.code).toBe(2);
    expect(zone.err).toMatch(/^jobsim schedule: --tz: Invalid Timezone: Mars\/Olympus \(use an IANA name/);
  });

  it("--help prints the usage and exits 0", () => {
    expect(run(["--help"])).toMatchObject({ code: 0, err: "" });
  });

  it("a search that gives up (Fugit's 2048 steps) exits 1", () => {
    const r = run(["0 0 * * 1%1000", "--from", "2024-01-02T00:00:00Z"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/too many loops/);
  });
});
