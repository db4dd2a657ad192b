// The cached offset tables against Intl itself, zone-name lookup as et-orbi does it,
// and the speed the recurring scheduler needs.

import { describe, expect, it } from "vitest";
import { parseSchedule, zoneOption } from "../../src/schedule/index.js";
import { lookupZone } from "../../src/schedule/zone-lookup.js";
import { TZINFO_ZONE_NAMES } from "../../src/schedule/zone-names.js";
import { utcCandidates } from "../../src/schedule/zone.js";
import { prng } from "./generate-schedules.js";

/** Offset in seconds as Intl prints it ("GMT-04:56:02"), independent of our tables. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(zone: string, ms: number): number {
  if (!formats.has(zone)) formats.set(zone, new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }));
  const name = formats
    .get(zone)!
    .formatToParts(ms)
    .find((p) => p.type === "timeZoneName")!.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name)!;
  if (!m[1]) return 0;
  const sec = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -sec : sec;
}

describe("zone offsets", () => {
  const zones = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Australia/Lord_Howe", // 30-minute DST
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "Africa/Casablanca", // DST suspended during Ramadan
    "America/Santiago",
    "Pacific/Apia", // skipped 2011-12-30
    "Europe/Dublin", // negative DST in tzdata
  ];

  it("match Intl at 2,000 random instants from 1880 to 2100", () => {
    const r = prng(7);
    for (let i = 0; i < 2000; i++) {
      const zone = zones[i % zones.length]!;
      const sec = Math.floor(Date.UTC(1880, 0, 1) / 1000 + r() * 220 * 365.25 * 86_400);
      expect(zoneOption(zone).offsetAt(sec), `${zone} ${new Date(sec * 1000).toISOString()}`).toBe(
        intlOffset(zone, sec * 1000),
      );
    }
  });

  it("change on the exact second", () => {
    const ny = zoneOption("America/New_York");
    const change = Date.UTC(2021, 2, 14, 7) / 1000;
    expect(ny.offsetAt(change - 1)).toBe(-5 * 3600);
    expect(ny.offsetAt(change)).toBe(-4 * 3600);
    const lordHowe = zoneOption("Australia/Lord_Howe");
    const back = Date.UTC(2024, 3, 6, 15) / 1000; // 02:00 LHDT -> 01:30 LHST
    expect([lordHowe.offsetAt(back - 1), lordHowe.offsetAt(back)]).toEqual([11 * 3600, 10.5 * 3600]);
  });

  it("find no, one or two instants for a wall-clock time", () => {
    const ny = zoneOption("America/New_York");
    const local = (h: number, m: number, day: number, month: number): number => Date.UTC(2021, month - 1, day, h, m) / 1000;
    expect(utcCandidates(ny, local(2, 30, 14, 3))).toEqual([]);
    expect(utcCandidates(ny, local(3, 30, 14, 3))).toEqual([local(7, 30, 14, 3)]);
    expect(utcCandidates(ny, local(1, 30, 7, 11))).toEqual([local(5, 30, 7, 11), local(6, 30, 7, 11)]);
  });
});

describe("zone names the way et-orbi finds them", () => {
  it("holds tzinfo's 598 identifiers", () => {
    expect(TZINFO_ZONE_NAMES.size).toBe(598);
    expect(TZINFO_ZONE_NAMES.has("")).toBe(false);
  });

  it("is case-sensitive, strips trailing characters, knows offsets up to 11 hours", () => {
    expect(lookupZone("Europe/Paris")?.name).toBe("Europe/Paris");
    expect(lookupZone("Europe/Parisx")?.name).toBe("Europe/Paris");
    expect(lookupZone("Europe/PARIS")).toBeNull(); // Intl would accept it
    expect(lookupZone("Mars/Olympus")).toBeNull();
    expect(lookupZone("America/SaoPaulo")).toBeNull();
    expect(lookupZone("UTC-11")?.name).toBe("Etc/GMT+11");
    expect(lookupZone("+05:30")?.offsetAt(0)).toBe(19_800);
    expect(lookupZone("-0800")?.offsetAt(0)).toBe(-28_800);
    expect(lookupZone("+11:45")?.offsetAt(0)).toBe(42_300);
    expect(lookupZone("+12:00")).toBeNull();
    expect(lookupZone("Factory")?.offsetAt(0)).toBe(0);
  });
});
