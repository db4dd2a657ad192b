// Zone settings as Rails reads config.time_zone and Solid Queue stores time_zone
// (solid-queue.md §4.2, schedules.md §1.5): ActiveSupport's names, tzinfo identifiers,
// case-sensitive, an unknown name refused with Rails' message and a suggestion. When
// Ruby and ActiveSupport are installed, every name of its MAPPING is checked against
// ActiveSupport::TimeZone[name].tzinfo.name.

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { effectiveTimeZone, formatIso, parseIso, parseSchedule, ScheduleError, UnknownZoneError, zoneSettingName } from "../../src/schedule/index.js";
import { RAILS_ZONE_MAPPING } from "../../src/schedule/rails-zone-names.js";
import { TZINFO_ZONE_NAMES } from "../../src/schedule/zone-names.js";
import { zoneSuggestion } from "../../src/schedule/zone-setting.js";

const refusal = (name: string): string => {
  try {
    zoneSettingName(name);
  } catch (e) {
    expect(e).toBeInstanceOf(UnknownZoneError);
    return (e as Error).message;
  }
  throw new Error(`${name} was accepted`);
};

describe("solid-queue.md §4.2: zone names as Rails reads them", () => {
  it("ActiveSupport::TimeZone::MAPPING of Rails 8.1: 152 names, each a tzinfo identifier", () => {
    expect(RAILS_ZONE_MAPPING.size).toBe(152);
    for (const [name, id] of RAILS_ZONE_MAPPING) {
      expect(TZINFO_ZONE_NAMES.has(id), `${name} → ${id}`).toBe(true);
      expect(zoneSettingName(name)).toBe(id);
    }
  });

  it.each([
    ["Eastern Time (US & Canada)", "America/New_York"],
    ["Pacific Time (US & Canada)", "America/Los_Angeles"],
    ["Tokyo", "Asia/Tokyo"],
    ["UTC", "Etc/UTC"],
    ["London", "Europe/London"],
    ["International Date Line West", "Etc/GMT+12"],
    ["Kyiv", "Europe/Kiev"],
    ["Greenland", "America/Nuuk"],
    ["Asuncion", "America/Asuncion"],
    ["America/New_York", "America/New_York"],
    ["US/Eastern", "US/Eastern"],
    ["Etc/GMT-3", "Etc/GMT-3"],
    ["+05:30", "+05:30"],
  ])("%s → %s (SolidQueue.time_zone keeps the tzinfo identifier)", (name, id) => {
    expect(zoneSettingName(name)).toBe(id);
  });

  it("names are case-sensitive, as ActiveSupport::TimeZone[] and tzinfo are; the message suggests the right one", () => {
    expect(refusal("tokyo")).toMatch(/^Invalid Timezone: tokyo; did you mean "Tokyo"\?/);
    expect(refusal("europe/paris")).toMatch(/^Invalid Timezone: europe\/paris; did you mean "Europe\/Paris"\?/);
    expect(refusal("Tokio")).toMatch(/did you mean "Tokyo"\?/);
    expect(refusal("Eastern Time")).toMatch(/did you mean "Eastern Time \(US & Canada\)"\?/);
    expect(refusal("Europe/Pariss")).toMatch(/did you mean "Europe\/Paris"\?/);
    expect(zoneSuggestion("new york")).toBe("America/New_York");
    expect(zoneSuggestion("Sao Paulo")).toBe("America/Sao_Paulo");
    expect(refusal("Mars/Olympus")).toBe(
      `Invalid Timezone: Mars/Olympus (use an IANA name such as "Europe/Paris", one of ActiveSupport's names such as "Eastern Time (US & Canada)", or an offset such as "+01:00")`,
    );
  });

  it("time_zone nil is the process-local zone (the virtual TZ); unset is Rails' default, Etc/UTC", () => {
    expect(effectiveTimeZone(undefined, "Asia/Tokyo")).toBe("Etc/UTC");
    expect(effectiveTimeZone(null, "Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(effectiveTimeZone(null, "Tokyo")).toBe("Asia/Tokyo");
    expect(effectiveTimeZone(null, undefined)).toBe("Etc/UTC");
    expect(effectiveTimeZone("Central Time (US & Canada)", "Asia/Tokyo")).toBe("America/Chicago");
  });
});

describe("schedules.md §1.5: the default zone applied to a schedule", () => {
  it("a Rails name as defaultZone evaluates like its IANA zone; the displayed cron is unchanged", () => {
    const s = parseSchedule("every day at 9am");
    const from = parseIso("2026-07-01T00:00:00Z", "Etc/UTC")!;
    expect(s.evaluationZone({ defaultZone: "Eastern Time (US & Canada)" })).toBe("America/New_York");
    expect(formatIso(s.nextTime(from, { defaultZone: "Eastern Time (US & Canada)" }), "Etc/UTC")).toBe("2026-07-01T13:00:00+00:00");
    expect(s.original).toBe("0 9 * * *");
  });

  it("a Rails name written inside the schedule is refused, as et-orbi knows only tzinfo names (§2.7)", () => {
    expect(() => parseSchedule("0 9 * * * Tokyo")).toThrow(ScheduleError);
    expect(() => parseSchedule("every day at 9am Tokyo")).toThrow(ScheduleError);
    expect(parseSchedule("every day at 9am Asia/Tokyo").original).toBe("0 9 * * * Asia/Tokyo");
  });
});

// ---- against the installed ActiveSupport ----

function activeSupport(): { version: string; mapping: Record<string, string> } | null {
  const script = `require "json"; require "active_support"; require "active_support/time"
    print JSON.generate(version: ActiveSupport::VERSION::STRING, mapping: ActiveSupport::TimeZone::MAPPING.keys.to_h { |k| [k, ActiveSupport::TimeZone[k].tzinfo.name] })`;
  const r = spawnSync("ruby", ["-e", script], { encoding: "utf8" });
  return r.error || r.status !== 0 ? null : JSON.parse(r.stdout);
}

const installed = activeSupport();
if (installed === null) console.warn("[schedule] Rails zone names not checked against ActiveSupport: `ruby` or ruby-activesupport is missing");

/** Names whose mapping changed after the installed version (ActiveSupport's CHANGELOG). */
const CHANGED_SINCE: Record<string, string> = {
  Canberra: "Australia/Melbourne before Rails 7.1",
  Astana: "Asia/Dhaka before Rails 7.2 (Asia/Almaty since)",
  Greenland: "America/Godthab before Rails 8.1 (renamed America/Nuuk by tzdata)",
};

describe.skipIf(installed === null)(`solid-queue.md §4.2: every ActiveSupport ${installed?.version ?? ""} zone name resolves as it does`, () => {
  it("each name of the installed MAPPING gives the same tzinfo identifier (or a documented rename)", () => {
    const mismatches = Object.entries(installed!.mapping).filter(([name, id]) => zoneSettingName(name) !== id && CHANGED_SINCE[name] === undefined);
    expect(mismatches).toEqual([]);
    const missing = Object.keys(installed!.mapping).filter((name) => !RAILS_ZONE_MAPPING.has(name));
    expect(missing).toEqual([]);
  });
});
