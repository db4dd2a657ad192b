// Every case of the spec's case file (a copy of spec/fugit-nat-public.json kept beside
// this test): schedules parse to the same cron string (or are refused the same way),
// evaluations give the same time.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCron, parseIso, parseSchedule, ScheduleError } from "../../src/schedule/index.js";

interface ScheduleCase {
  input: string;
  cron?: string;
  tz?: string | null;
  error?: boolean;
  reject?: "multiple crons" | "unsupported";
}
interface EvalCase {
  cron: string;
  from: string;
  next?: string;
  previous?: string;
  tz: string | null;
}

const cases = JSON.parse(readFileSync(new URL("./fugit-nat-public.json", import.meta.url), "utf8")) as (ScheduleCase | EvalCase)[];
const scheduleCases = cases.filter((c): c is ScheduleCase => "input" in c);
const evalCases = cases.filter((c): c is EvalCase => "from" in c);

function outcome(input: string): string {
  try {
    const s = parseSchedule(input);
    return `cron ${s.original} | zone ${s.zone}`;
  } catch (e) {
    if (e instanceof ScheduleError) return `error ${e.kind}`;
    throw e;
  }
}

describe("fugit-nat-public.json", () => {
  it("has the 66 schedule and 77 evaluation cases the spec describes", () => {
    expect(scheduleCases).toHaveLength(66);
    expect(evalCases).toHaveLength(77);
  });

  it.each(scheduleCases.map((c) => [c.input, c] as const))("schedule %j", (_input, c) => {
    const expected = c.error
      ? `error ${c.reject === "multiple crons" ? "multiple-crons" : "unsupported"}`
      : `cron ${c.cron} | zone ${c.tz}`;
    expect(outcome(c.input)).toBe(expected);
  });

  // tz null: the spec ran in the process-local zone; the values hold in UTC
  it.each(evalCases.map((c) => [`${c.cron} from ${c.from} in ${c.tz ?? "local"}`, c] as const))("%s", (_label, c) => {
    const zone = c.tz ?? "Etc/UTC";
    const schedule = parseCron(c.cron);
    expect(schedule).not.toBeNull();
    const from = parseIso(c.from, zone)!;
    const opts = { defaultZone: zone, fromZone: zone }; // `from` is placed in tz (spec §6)
    const got = c.next !== undefined ? schedule!.nextTime(from, opts) : schedule!.previousTime(from, opts);
    expect(got).toBe(parseIso(c.next ?? c.previous!, zone));
  });
});
