// Daylight-saving changes in New York, Berlin, Sydney and Santiago (spec §4.3), in
// both ways of chaining runs: `from` in the schedule's zone (Fugit's own spec) and
// from UTC instants (Solid Queue's scheduler, which fires twice at a fall-back).
// Values not spelled out by the spec were observed with real Fugit (same search).

import { describe, expect, it } from "vitest";
import { formatIso, parseIso, parseSchedule } from "../../src/schedule/index.js";

function chain(schedule: string, from: string, zone: string, count: number, fromZone?: string): string[] {
  const s = parseSchedule(schedule);
  let t = parseIso(from, zone)!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    t = s.nextTime(t, { defaultZone: zone, fromZone });
    out.push(formatIso(t, zone));
  }
  return out;
}

const previous = (schedule: string, from: string, zone: string): string =>
  formatIso(parseSchedule(schedule).previousTime(parseIso(from, zone)!, { defaultZone: zone }), zone);

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";
const SYDNEY = "Australia/Sydney";

describe("spring forward: local times that do not exist are skipped", () => {
  it("every minute in Los Angeles goes 01:58, 01:59 PST, 03:00 PDT (spec)", () => {
    expect(chain("* * * * *", "2015-03-08T01:57:00", "America/Los_Angeles", 3)).toEqual([
      "2015-03-08T01:58:00-08:00",
      "2015-03-08T01:59:00-08:00",
      "2015-03-08T03:00:00-07:00",
    ]);
  });

  it("a daily 02:30 in New York skips 2021-03-14 (spec, observed)", () => {
    expect(chain("30 2 * * *", "2021-03-13T02:30:00", NY, 2)).toEqual([
      "2021-03-15T02:30:00-04:00",
      "2021-03-16T02:30:00-04:00",
    ]);
    expect(previous("30 2 * * *", "2021-03-15T00:00:00", NY)).toBe("2021-03-13T02:30:00-05:00");
  });

  it("hourly in New York goes 01:00 EST then 03:00 EDT, and back", () => {
    expect(chain("0 * * * *", "2021-03-14T00:00:00", NY, 3)).toEqual([
      "2021-03-14T01:00:00-05:00",
      "2021-03-14T03:00:00-04:00",
      "2021-03-14T04:00:00-04:00",
    ]);
    expect(previous("* * * * *", "2021-03-14T03:00:00", NY)).toBe("2021-03-14T01:59:00-05:00");
  });

  it("Berlin 2024-03-31: 02:30 skipped, hourly jumps from 01:00 to 03:00", () => {
    expect(chain("30 2 * * *", "2024-03-30T12:00:00", BERLIN, 2)).toEqual([
      "2024-04-01T02:30:00+02:00",
      "2024-04-02T02:30:00+02:00",
    ]);
    expect(chain("0 * * * *", "2024-03-31T00:30:00", BERLIN, 2)).toEqual([
      "2024-03-31T01:00:00+01:00",
      "2024-03-31T03:00:00+02:00",
    ]);
  });

  it("Sydney 2024-10-06: 02:30 skipped, midnights keep their wall clock", () => {
    expect(chain("30 2 * * *", "2024-10-05T12:00:00", SYDNEY, 2)).toEqual([
      "2024-10-07T02:30:00+11:00",
      "2024-10-08T02:30:00+11:00",
    ]);
    expect(chain("0 0 * * *", "2024-10-05T12:00:00", SYDNEY, 2)).toEqual([
      "2024-10-06T00:00:00+10:00",
      "2024-10-07T00:00:00+11:00",
    ]);
  });

  it("Santiago 2021-09-05 has no midnight: hourly goes 23:00 -04 to 01:00 -03 (spec)", () => {
    expect(chain("0 * * * *", "2021-09-04T22:00:00", "America/Santiago", 3)).toEqual([
      "2021-09-04T23:00:00-04:00",
      "2021-09-05T01:00:00-03:00",
      "2021-09-05T02:00:00-03:00",
    ]);
  });

  it("Santiago: Fugit's day jump passes over a day whose midnight is missing (quirk kept)", () => {
    // from 09-04 the search lands on 09-05 01:00, cannot build that day's midnight and
    // jumps 23 more hours: the 5th of September 2021 is never examined
    expect(chain("0 12 5 9 *", "2021-09-04T10:00:00", "America/Santiago", 1)).toEqual(["2022-09-05T12:00:00-04:00"]);
  });
});

describe("fall back: a repeated wall-clock time", () => {
  it("hourly :15 in Los Angeles, from in the zone, fires once in the repeated hour (spec)", () => {
    expect(chain("15 * * * *", "2015-11-01T00:14:00-07:00", "America/Los_Angeles", 3)).toEqual([
      "2015-11-01T00:15:00-07:00",
      "2015-11-01T01:15:00-07:00",
      "2015-11-01T02:15:00-08:00",
    ]);
  });

  it("*/30 in New York fires in both copies of 01:xx (spec, observed)", () => {
    expect(chain("*/30 * * * *", "2021-11-07T00:45:00", NY, 5)).toEqual([
      "2021-11-07T01:00:00-04:00",
      "2021-11-07T01:30:00-04:00",
      "2021-11-07T01:00:00-05:00",
      "2021-11-07T01:30:00-05:00",
      "2021-11-07T02:00:00-05:00",
    ]);
  });

  it("daily 01:30 in New York: once when chained in the zone, twice when chained from UTC (spec)", () => {
    const cron = "30 1 * * * America/New_York";
    expect(chain(cron, "2021-11-06T12:00:00", NY, 3)).toEqual([
      "2021-11-07T01:30:00-04:00",
      "2021-11-08T01:30:00-05:00",
      "2021-11-09T01:30:00-05:00",
    ]);
    // Solid Queue: next_time_after(run_at) with run_at in UTC
    const utc = chain(cron, "2021-11-06T12:00:00", NY, 3, "Etc/UTC");
    expect(utc).toEqual(["2021-11-07T01:30:00-04:00", "2021-11-07T01:30:00-05:00", "2021-11-08T01:30:00-05:00"]);
    expect(utc.slice(0, 2).map((t) => new Date(parseIso(t, NY)!).toISOString())).toEqual([
      "2021-11-07T05:30:00.000Z",
      "2021-11-07T06:30:00.000Z",
    ]);
    expect(previous(cron, "2021-11-07T03:00:00", NY)).toBe("2021-11-07T01:30:00-05:00");
  });

  it("daily 01:59 in New York 2018 fires once (spec)", () => {
    expect(chain("59 1 * * *", "2018-11-04T01:59:00-04:00", NY, 2)).toEqual([
      "2018-11-05T01:59:00-05:00",
      "2018-11-06T01:59:00-05:00",
    ]);
  });

  it("Berlin 2024-10-27: 02:30 and :15 once in the zone, twice from UTC", () => {
    expect(chain("30 2 * * *", "2024-10-26T12:00:00", BERLIN, 2)).toEqual([
      "2024-10-27T02:30:00+02:00",
      "2024-10-28T02:30:00+01:00",
    ]);
    expect(chain("30 2 * * *", "2024-10-26T12:00:00", BERLIN, 2, "Etc/UTC")).toEqual([
      "2024-10-27T02:30:00+02:00",
      "2024-10-27T02:30:00+01:00",
    ]);
    expect(chain("15 * * * *", "2024-10-27T01:15:00", BERLIN, 2)).toEqual([
      "2024-10-27T02:15:00+02:00",
      "2024-10-27T03:15:00+01:00",
    ]);
    expect(chain("15 * * * *", "2024-10-27T01:15:00", BERLIN, 3, "Etc/UTC")).toEqual([
      "2024-10-27T02:15:00+02:00",
      "2024-10-27T02:15:00+01:00",
      "2024-10-27T03:15:00+01:00",
    ]);
  });

  it("Sydney 2024-04-07: 02:30 once in the zone, twice from UTC", () => {
    expect(chain("30 2 * * *", "2024-04-06T12:00:00", SYDNEY, 2)).toEqual([
      "2024-04-07T02:30:00+11:00",
      "2024-04-08T02:30:00+10:00",
    ]);
    expect(chain("30 2 * * *", "2024-04-06T12:00:00", SYDNEY, 2, "Etc/UTC")).toEqual([
      "2024-04-07T02:30:00+11:00",
      "2024-04-07T02:30:00+10:00",
    ]);
  });
});

describe("month ends measured across a DST change (Fugit quirk kept)", () => {
  it("L in Berlin, March 2024 (31st has 23 hours) is the 30th", () => {
    expect(chain("0 12 L * *", "2024-03-15T00:00:00", BERLIN, 2)).toEqual([
      "2024-03-30T12:00:00+01:00",
      "2024-04-30T12:00:00+02:00",
    ]);
    expect(chain("0 12 L * *", "2024-03-15T00:00:00", "Etc/UTC", 1)).toEqual(["2024-03-31T12:00:00+00:00"]);
  });

  it("previousTime steps back a month in absolute seconds, so March's short day hides Feb 29 23:30", () => {
    // observed with real Fugit: from 2024-03-31 the search lands on 02-29 22:59:59 and keeps going back
    expect(previous("30 23 29 2 * Europe/Berlin", "2024-03-31T12:00:00", BERLIN)).toBe("1980-02-29T23:30:00+01:00");
    expect(previous("30 23 29 2 * Europe/Berlin", "2024-03-30T12:00:00", BERLIN)).toBe("2024-02-29T23:30:00+01:00");
  });
});

describe("offsets", () => {
  it("daily and weekly crons keep their wall clock across changes (spec)", () => {
    expect(chain("30 4 * * *", "2021-03-13T04:30:00", NY, 2)).toEqual([
      "2021-03-14T04:30:00-04:00",
      "2021-03-15T04:30:00-04:00",
    ]);
    expect(chain("0 0 * * 1", "2021-03-22T00:00:00", "Europe/Zurich", 2)).toEqual([
      "2021-03-29T00:00:00+02:00",
      "2021-04-05T00:00:00+02:00",
    ]);
  });

  it("fixed-offset zones written in the cron", () => {
    expect(chain("0 9 * * * +05:30", "2024-01-01T00:00:00Z", "Etc/UTC", 1)).toEqual(["2024-01-01T03:30:00+00:00"]);
    // et-orbi: "-00:30" has hour 0, so the minutes keep a + sign
    expect(chain("0 9 * * * -00:30", "2024-01-01T00:00:00Z", "Etc/UTC", 1)).toEqual(["2024-01-01T08:30:00+00:00"]);
  });
});
