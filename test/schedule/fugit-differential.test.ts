// Differential test against real Fugit (Debian's ruby-fugit 1.5.2, one Ruby process
// for all cases). 1.5.2 is older than the spec's 1.14: the generator avoids what
// changed in between (generate-schedules.ts lists it) and KNOWN_DIFFERENCES below
// names the remaining cases where jobsim follows the spec instead.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSchedule, ScheduleCrash, ScheduleError, ScheduleRuntimeError } from "../../src/schedule/index.js";
import { generateCases, OLD_FUGIT_EXCLUSIONS, type Case } from "./generate-schedules.js";

const ORACLE = fileURLToPath(new URL("./fugit-oracle.rb", import.meta.url));

function fugitAvailable(): string | null {
  const probe = spawnSync("ruby", ["-e", "require 'fugit'; print Fugit::VERSION"], { encoding: "utf8" });
  if (probe.error) return "`ruby` is not installed";
  if (probe.status !== 0) return "the fugit gem is not installed (apt-get install ruby-fugit)";
  return null;
}

const missing = fugitAvailable();
if (missing) console.warn(`[schedule] differential test against real Fugit skipped: ${missing}`);

type Times = number[] | string;
interface Reading {
  kind: string;
  message?: string;
  original?: string;
  zone?: string | null;
  next_local?: Times;
  next_utc?: Times;
  previous?: number | string;
}

const SHORTCUTS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@hourly": "0 * * * *",
  "@noon": "0 12 * * *",
};

const sameTimes = (a: Reading, b: Reading): boolean =>
  JSON.stringify([a.zone, a.next_local, a.next_utc, a.previous]) ===
  JSON.stringify([b.zone, b.next_local, b.next_utc, b.previous]);

const sortedLists = (cron: string): string =>
  cron
    .split(" ")
    .map((f) => f.split(",").sort().join(","))
    .join(" ");

/** A field of a generated cron mixing a number with a range, step or `L`. */
const mixesNumbersAndText = (cron: string): boolean =>
  cron.split(" ").some((f) => {
    const items = f.split(",");
    return items.some((x) => /^\d+$/.test(x)) && items.some((x) => !/^\d+$/.test(x));
  });

/**
 * Differences between 1.5.2 and the spec's Fugit that the generator cannot avoid
 * without losing coverage; each explains a mismatch only in the shape described.
 */
const KNOWN_DIFFERENCES: readonly { reason: string; explains: (c: Case, ours: Reading, fugit: Reading) => boolean }[] = [
  {
    reason: "same ArgumentError; Ruby 3.4's Hash#inspect (jobsim) vs Ruby 3.1's `{:min=>1, ...}`",
    explains: (_c, o, f) =>
      o.kind === "argument" && f.kind === "argument" && [o, f].every((r) => /both start and end must be negative/.test(r.message!)),
  },
  {
    reason: "1.5.2 keeps the expansion of an @shortcut as `original`; 1.11+ keeps the input (Solid Queue shows `[ @daily ]`)",
    explains: (c, o, f) => o.kind === "cron" && f.original === SHORTCUTS[c.schedule] && o.original === c.schedule && sameTimes(o, f),
  },
  {
    reason: "1.5.2 sorts a generated field with <=> and raises on numbers mixed with ranges or `L`; 1.11+ puts numbers first",
    explains: (_c, o, f) =>
      o.kind === "cron" && f.kind === "argument" && /^comparison of /.test(f.message!) && mixesNumbersAndText(o.original!),
  },
  {
    reason: "1.5.2 sorts the texts of a generated field; 1.11+ keeps them in phrase order after the numbers",
    explains: (_c, o, f) =>
      o.kind === "cron" && f.kind === "cron" && sortedLists(o.original!) === sortedLists(f.original!) && sameTimes(o, f),
  },
];

function ours(c: Case): Reading {
  try {
    const s = parseSchedule(c.schedule);
    const chain = (count: number, fromZone?: string): Times => {
      try {
        let t = c.from * 1000;
        return Array.from({ length: count }, () => (t = s.nextTime(t, { defaultZone: c.tz, fromZone })) / 1000);
      } catch (e) {
        if (e instanceof ScheduleRuntimeError) return `error: ${e.message}`;
        throw e;
      }
    };
    let previous: number | string;
    try {
      previous = s.previousTime(c.from * 1000, { defaultZone: c.tz }) / 1000;
    } catch (e) {
      if (!(e instanceof ScheduleRuntimeError)) throw e;
      previous = `error: ${e.message}`;
    }
    return {
      kind: "cron",
      original: s.original,
      zone: s.zone,
      next_local: chain(5),
      next_utc: chain(3, "Etc/UTC"),
      previous,
    };
  } catch (e) {
    if (e instanceof ScheduleError) return { kind: e.kind, message: e.message };
    if (e instanceof ScheduleCrash) return { kind: "crash", message: e.message };
    throw e;
  }
}

// Errors are compared by being errors; the texts differ in class-name prefixes.
function normalise(r: Reading): Reading {
  const times = (t: Times | undefined): Times | undefined => (typeof t === "string" ? "error" : t);
  const out: Reading = { kind: r.kind };
  if (r.kind === "cron") {
    Object.assign(out, {
      original: r.original,
      zone: r.zone,
      next_local: times(r.next_local),
      next_utc: times(r.next_utc),
      previous: typeof r.previous === "string" ? "error" : r.previous,
    });
  }
  if (r.kind === "multiple-crons" || r.kind === "unsupported" || r.kind === "crash") return out;
  if (r.kind === "argument") out.message = r.message;
  return out;
}

describe("differential against real Fugit", () => {
  it("lists every feature it leaves out, with a reason", () => {
    expect(OLD_FUGIT_EXCLUSIONS.length).toBeGreaterThan(10);
    for (const x of OLD_FUGIT_EXCLUSIONS) expect(x.reason).not.toBe("");
  });

  it.skipIf(missing !== null)("agrees on 320 generated schedules (cron string, next 5 from the zone, next 3 from UTC, previous)", () => {
    const cases = generateCases(20_260_301, 170, 150);
    const run = spawnSync("ruby", [ORACLE], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 64 << 20 });
    expect(run.status, run.stderr).toBe(0);
    const fugit = JSON.parse(run.stdout) as Reading[];
    expect(fugit).toHaveLength(cases.length);

    const mismatches: string[] = [];
    const kinds = new Map<string, number>();
    const explained = new Map<string, number>();
    cases.forEach((c, i) => {
      const theirs = fugit[i]!;
      kinds.set(theirs.kind, (kinds.get(theirs.kind) ?? 0) + 1);
      const a = normalise(ours(c));
      const b = normalise(theirs);
      if (JSON.stringify(a) === JSON.stringify(b)) return;
      const known = KNOWN_DIFFERENCES.find((k) => k.explains(c, a, b));
      if (known) explained.set(known.reason, (explained.get(known.reason) ?? 0) + 1);
      else mismatches.push(`${JSON.stringify(c)}\n  jobsim ${JSON.stringify(a)}\n  fugit  ${JSON.stringify(b)}`);
    });
    console.info(`[schedule] real Fugit outcomes ${JSON.stringify(Object.fromEntries(kinds))}; explained ${JSON.stringify(Object.fromEntries(explained))}`);
    expect(mismatches, mismatches.slice(0, 15).join("\n")).toEqual([]);
    // explained differences stay a minority
    expect([...explained.values()].reduce((x, y) => x + y, 0)).toBeLessThan(cases.length / 8);
    // the generator must exercise every outcome, not just one
    expect(kinds.get("cron")).toBeGreaterThan(200);
    expect(kinds.get("unsupported")).toBeGreaterThan(15);
    expect(kinds.get("multiple-crons")).toBeGreaterThan(2);
  });
});
