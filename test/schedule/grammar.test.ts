// The statements of spec/schedules.md §1-§3 and §7, one table row each: what Solid
// Queue gets for a schedule (the cron it displays, or how it is refused).

import { describe, expect, it } from "vitest";
import {
  parseCron,
  parseSchedule,
  ScheduleCrash,
  ScheduleError,
  ScheduleRuntimeError,
} from "../../src/schedule/index.js";

function outcome(input: unknown): string {
  try {
    return parseSchedule(input).original;
  } catch (e) {
    if (e instanceof ScheduleError) return `!${e.kind}`;
    if (e instanceof ScheduleCrash) return "!crash";
    throw e;
  }
}

const check = (rows: readonly (readonly [string, string])[]): void => {
  for (const [input, expected] of rows) expect(outcome(input), JSON.stringify(input)).toBe(expected);
};

describe("readers in Fugit.parse order (§1)", () => {
  it("durations, points in time and nothing at all are not supported", () => {
    check([
      ["1h", "!unsupported"],
      ["5 minutes", "!unsupported"],
      ["2 weeks", "!unsupported"],
      ["", "!unsupported"],
      ["5", "!unsupported"], // a duration before it is a phrase
      ["P1D", "!unsupported"],
      ["2026-01-01 12:00", "!unsupported"],
      ["now", "!unsupported"],
      ["tomorrow", "!unsupported"],
      ["every 100 minutes", "!unsupported"],
      ["every day at 16:15 nada 18:30", "!unsupported"],
      ["0 9 * * * Mars/Olympus", "!unsupported"],
    ]);
    expect(outcome(null)).toBe("!unsupported");
    expect(outcome(undefined)).toBe("!unsupported");
  });

  it("the messages are Solid Queue's", () => {
    const message = (input: string): string => {
      try {
        parseSchedule(input);
        return "accepted";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message("1h")).toBe("is not a supported recurring schedule");
    expect(message("every day at 00:40 and 15:20")).toBe(
      "generates multiple cron schedules. Please use separate recurring tasks for each schedule, " +
        "or use explicit cron syntax (e.g., '40 0,15 * * *' for multiple times with the same minutes)",
    );
    expect(message("every day from 9am to 5:30pm")).toBe("cannot deal with 9am to 5:30pm, minutes diverge");
    expect(message("0 0 L-3 * *")).toBe("both start and end must be negative in {min: 1, max: 31, sta: -1, edn: 3, sla: 1}");
    expect(message("0 0 * * mon#2,mon%2")).toBe("comparison of Array with Array failed");
  });

  it("what makes Fugit raise something Solid Queue does not rescue is a ScheduleCrash", () => {
    check([
      ["every 5 minutes at 10", "!crash"], // NoMethodError (§7)
      ["every minute at 9am", "!crash"],
      ["every day at Five pm", "!crash"], // nil hour compared with 12
      ["0 9 * * * UTC+5", "!crash"], // TZInfo::InvalidTimezoneIdentifier
    ]);
  });

  it("displays the input of a literal cron and the generated cron of a phrase (§1.6)", () => {
    check([
      ["40 0 * * *", "40 0 * * *"],
      ["every Thursday at 1 AM", "0 1 * * 4"],
      ["@daily", "@daily"],
      [" 0 9 * * * ", " 0 9 * * * "],
    ]);
    expect(parseSchedule("every day at 9am Europe/Madrid").zone).toBe("Europe/Madrid");
    expect(parseSchedule("0 9 * * *").zone).toBeNull();
  });
});

describe("natural language (§2)", () => {
  it("input handling (§2.1)", () => {
    check([
      ["every day at  noon", "0 12 * * *"],
      [" \n every day at five \n", "0 5 * * *"],
      ["every day nada", "!unsupported"],
      ["Every 2nd of the month", "0 0 2 * *"],
      ["EVERY DAY AT NOON", "!unsupported"], // interval units are lower case
      ["Every day At noon", "0 12 * * *"],
      ["every day at NOON", "!unsupported"], // the word matches in any case, its value is looked up as written
      ["every Day", "!unsupported"],
      ["every 5 Minutes", "!unsupported"],
      ["every Week", "!unsupported"],
      ["every day at 5 Am", "!unsupported"],
      [`every day at noon${" ".repeat(240)}x`, "!unsupported"],
      [`every day at${" ".repeat(250)}noon`, "!unsupported"], // 257 characters
      [`every day at${" ".repeat(240)}noon`, "0 12 * * *"],
    ]);
  });

  it("clauses in any order, blanks or a comma between (§2.2)", () => {
    check([
      ["at 5am every day", "0 5 * * *"],
      ["Europe/Paris every day at 9", "0 9 * * * Europe/Paris"],
      ["every day, at 9", "0 9 * * *"],
      ["every day ,at 9", "!unsupported"],
      ["every day and at 9", "!unsupported"],
      ["mon-fri at 9", "0 9 * * 1-5"],
      ["UTC", "* * * * * UTC"],
    ]);
  });

  it("every: weekdays, ordinals, intervals (§2.3)", () => {
    check([
      ["every Mon, Tue, and Wed", "0 0 * * 1,2,3"],
      ["every friday and thursday", "0 0 * * 4,5"],
      ["every wed or Monday", "0 0 * * 1,3"],
      ["every Mon to Thu", "0 0 * * 1-4"],
      ["every Monday through Friday", "0 0 * * 1-5"],
      ["every Fri-Sun", "0 0 * * 5-0"],
      ["every sat-mon", "0 0 * * 6-1"],
      ["every weekday", "0 0 * * 1-5"],
      ["every weekdays", "!unsupported"],
      ["every weekend", "!unsupported"],
      ["every week day", "!unsupported"],
      ["every first of the month", "0 0 1 * *"],
      ["every last of the month", "0 0 L * *"],
      ["every 21th of the month", "0 0 21 * *"],
      ["every twenty-first of the month", "0 0 21 * *"],
      ["every 5 minutes", "*/5 * * * *"],
      ["every 3h", "0 */3 * * *"],
      ["every minute", "* * * * *"],
      ["every hour", "0 * * * *"],
      ["every day", "0 0 * * *"],
      ["every week", "0 0 * * 0"],
      ["every 1 week", "0 0 * * 0"],
      ["every year", "0 0 1 1 *"],
      ["every month", "0 0 1 * *"],
      ["every 6 mins", "!unsupported"],
      ["every 60 minutes", "*/60 * * * *"],
      ["every 90 minutes", "*/90 * * * *"],
      ["every 0 minutes", "!unsupported"],
      ["every 01 minutes", "*/01 * * * *"],
      ["every other day", "!unsupported"],
      ["every 15 minutes starting at minute 1", "1/15 * * * *"],
      ["every hour starting at hour 8", "0 8/1 * * *"],
      ["every month starting at month 6", "0 0 1 6/1 *"],
      ["every 2 hours from minute 5", "0 5/2 * * *"],
    ]);
  });

  it("at: times of day (§2.4)", () => {
    check([
      ["at 08:30", "30 8 * * *"],
      ["at 0:00", "0 0 * * *"],
      ["at 24:00", "0 24 * * *"],
      ["at 9:5", "!unsupported"],
      ["at 9.30", "!unsupported"],
      ["at 9h", "!unsupported"],
      ["at 5:00:00", "!unsupported"],
      ["every day at 09", "!unsupported"],
      ["every day at 25:00", "!unsupported"],
      ["at zero dark twenty", "20 0 * * *"],
      ["at oh dark forty", "40 0 * * *"],
      ["at one dark fifty", "50 1 * * *"],
      ["at nine thirty pm", "30 21 * * *"],
      ["at five o'clock", "0 5 * * *"],
      ["every day at six forty-five", "!unsupported"],
      ["at 12am", "0 0 * * *"],
      ["at 12pm", "0 12 * * *"],
      ["at 12:15am", "15 0 * * *"],
      ["at 12 midnight", "0 24 * * *"],
      ["at 12:15 midnight", "15 24 * * *"],
      ["at twelve am", "0 0 * * *"],
      ["at midnight pm", "0 12 * * *"],
      ["at noon am", "0 0 * * *"],
      ["at 13 pm", "0 13 * * *"],
      ["every hour at minute 12", "12 * * * *"],
      ["every minute at secs 10 and 40", "10,40 * * * * *"],
      ["every 2 minutes at second 30", "30 */2 * * * *"],
    ]);
  });

  it("from: ranges (§2.5)", () => {
    check([
      ["from the 25th to the last", "0 0 25-L * *"],
      ["every day from 8:30 to 17:30", "0 8-17 * * *"],
      ["every minute from 8am to 5pm", "* 8-16 * * *"],
      ["every hour, 8am to 5pm", "0 8-17 * * *"],
      ["every weekday 8am to 5pm", "0 8-17 * * 1-5"],
      ["from the 1st through the 7th", "!unsupported"],
    ]);
  });

  it("on (§2.6)", () => {
    check([
      ["every month on days 1,15 at 10:00", "0 10 1,15 * *"],
      ["every week on monday 18:23", "23 18 * * 1"],
      ["at noon on monday", "0 12 * * 1"],
      ["at noon on Monday", "!unsupported"], // "on Monday" reads as a zone named Monday
      ["every month on the 1st and the last", "0 0 1,L * *"],
      ["at noon on mondays", "!unsupported"],
    ]);
  });

  it("zones (§2.7)", () => {
    check([
      ["every day at 5pm UTC", "0 17 * * * UTC"],
      ["every day at 5pm +05:30", "0 17 * * * +05:30"],
      ["every day at 5pm -0500", "0 17 * * * -0500"],
      ["every day at 5pm +11:30", "0 17 * * * +11:30"],
      ["every day at 5pm in America/Argentina/Buenos_Aires", "0 17 * * * America/Argentina/Buenos_Aires"],
      ["every day at 5pm Z", "!unsupported"],
      ["every day at 5pm +09", "!unsupported"],
      ["every day at 5pm +12:00", "!unsupported"],
      ["every day at 5pm utc", "!unsupported"],
      ["every day at 5pm Tokyo", "!unsupported"],
      ["every day at 5pm Mars/Olympus", "!unsupported"],
      ["every day at 5pm UTC Europe/Paris", "!unsupported"],
    ]);
  });

  it("assembling one cron, or refusing several (§2.8)", () => {
    check([
      ["every 12 hours at minute 50", "50 */12 * * *"],
      ["every day at 18:00 and 20:00", "0 18,20 * * *"],
      ["every day at 18:00, 18:15, 20:00, and 20:15", "0,15 18,20 * * *"],
      ["every day at 00:40 and 15:40", "40 0,15 * * *"],
      ["every day at 18:15 and 20:45", "!multiple-crons"],
      ["every day at 8:00, 8:30 and 9:00", "!multiple-crons"],
      ["every 17 hours", "0 */17 * * *"],
    ]);
  });

  it("not accepted (§2.9)", () => {
    for (const input of [
      "nada",
      "daily",
      "hourly",
      "each day",
      "every 2 years",
      "every 1.minute",
      "once a year",
      "every tuesday at 5pm and every friday at 6pm",
    ]) {
      expect(outcome(input), input).toBe("!unsupported");
    }
  });

  it("surprises kept (§7)", () => {
    check([
      ["every weekday and saturday", "0 0 * * 1-5"],
      ["every 15th and 30th of the month", "0 0 15 * *"],
      ["every 1st and 15th of the month at 9am", "0 9 1 * *"],
      ["every 2 hours from 8am to 6pm", "0 8-18 * * *"],
      ["every 30 minutes on the hour", "*/30 0 * * *"],
      ["every monday from the 1st to the 7th", "0 0 1-7 * 1"],
      ["every day at hour 5", "0 0 * * *"],
    ]);
  });
});

describe("cron strings (§3)", () => {
  it("fields, shortcuts, zones", () => {
    check([
      ["0 9 * * *", "0 9 * * *"],
      ["0\t9   * * *", "0\t9   * * *"],
      ["15 0 9 * * *", "15 0 9 * * *"],
      ["0 0 9 * * * *", "!unsupported"],
      ["@yearly Asia/Kuala_Lumpur", "@yearly Asia/Kuala_Lumpur"],
      ["@reboot", "!unsupported"],
      ["@Daily", "!unsupported"],
      ["0 9 * * * Europe/Rome", "0 9 * * * Europe/Rome"],
      ["0 9 * * * EST", "0 9 * * * EST"],
      ["0 9 * * * utc", "!unsupported"],
      ["0 9 * * * Z", "!unsupported"],
      ["0 9 * * * +09", "!unsupported"],
      ["0 9 * * * +12:00", "!unsupported"],
      ["0 9 * * * America/SaoPaulo", "!unsupported"],
      ["0 9 * * * America/Los Angeles", "!unsupported"],
      ["0 9 * * * Europe/Parisx", "0 9 * * * Europe/Parisx"], // et-orbi strips trailing characters
    ]);
  });

  it("values and refusals", () => {
    check([
      ["* * L * *", "* * L * *"],
      ["* * last * *", "* * last * *"],
      ["* * -31 * *", "* * -31 * *"],
      ["0 0 * * mon#2,fri#-1,tue#L", "0 0 * * mon#2,fri#-1,tue#L"],
      ["0 0 * * mon#0", "!unsupported"],
      ["0 0 * * mon#6", "!unsupported"],
      ["* 25 * * *", "!unsupported"],
      ["60 * * * *", "!unsupported"],
      ["* * -32 * *", "!unsupported"],
      ["* * 0 * *", "!unsupported"],
      ["* * * 0 *", "!unsupported"],
      ["* * * 1-13 *", "!unsupported"],
      ["* * ? * *", "!unsupported"],
      ["* * W * *", "!unsupported"],
      ["* * LW * *", "!unsupported"],
      ["* * 5L * *", "!unsupported"],
      ["* * * january *", "!unsupported"],
      ["* * * * monday", "!unsupported"],
      ["*/0 * * * *", "!unsupported"],
      ["*/-1 * * * *", "!unsupported"],
      ["0 0 30 2 *", "!unsupported"],
      ["0 0 31 4 *", "!unsupported"],
      ["0 0 31 2,4 *", "!unsupported"],
      ["0 0 32 1 *", "!unsupported"],
      ["0 9,,19 * * *", "0 9,,19 * * *"],
      [",,10,,20, * * * *", ",,10,,20, * * * *"],
    ]);
  });
});

describe("normalised form (Fugit's to_cron_s, what Solid Queue appends its time_zone to)", () => {
  it.each([
    ["0 23 * * 6-1", "0 23 * * 0,1,6"],
    ["58-2/2 * * * 5-1/2", "0,2,58 * * * 0,5"],
    ["0 0 * * 3/2", "0 0 * * 3"],
    ["15-40/30 * * * *", "15 * * * *"],
    ["0 7/5 * * * Asia/Kabul", "0 7,12,17,22 * * * Asia/Kabul"],
    ["* 22-24 * * *", "* 0,22,23 * * *"],
    ["0 23 30-3 * *", "0 23 1,2,3,30,31 * *"],
    ["* * -1--27 * *", "* * -31,-30,-29,-28,-27,-1 * *"],
    ["0 0 30,31 2,3 *", "0 0 30,31 3 *"],
    ["0 0 * * mon#L,tue", "0 0 * * 1#-1,2"],
    ["0 12 * * 0%2+1,3%2+1", "0 12 * * 0%2+1,3%2+1"],
    ["59 6 1-7& * 2", "59 6 1,2,3,4,5,6,7 * 2&"],
    ["1 */1 * * *", "1 * * * *"],
    ["/15 * * * * *", "0,15,30,45 * * * * *"],
    ["@yearly Asia/Kuala_Lumpur", "0 0 1 1 * Asia/Kuala_Lumpur"],
    ["0 9 * * * Europe/Parisx", "0 9 * * * Europe/Paris"],
  ])("%s -> %s", (input, expected) => {
    expect(parseCron(input)!.toCronString()).toBe(expected);
  });

  it("expands a phrase's ranges while the displayed cron keeps them (spec §2.8)", () => {
    const s = parseSchedule("every Fri-Sun at 18:00 UTC");
    expect([s.original, s.toCronString()]).toEqual(["0 18 * * 5-0 UTC", "0 18 * * 0,5,6 UTC"]);
  });

  it("`~` with a random source (Fugit's spec uses n/2)", () => {
    const half = { random: (n: number) => Math.floor(n / 2) };
    expect(parseCron("~ ~ ~ ~ ~", half)!.toCronString()).toBe("30 12 16 7 3");
    expect(parseCron("~30/10 * * * ~4/2", half)!.toCronString()).toBe("5,15,25 * * * 1,3");
    expect(parseCron("* * * 11~4/2 *", half)!.toCronString()).toBe("* * * 2,4,12 *");
    expect(parseCron("~ ~ ~ ~ ~")!.toCronString()).toBe("0 0 1 1 0");
  });
});

describe("cron semantics (§3, §4)", () => {
  const next = (cron: string, from: string, zone = "Etc/UTC"): string =>
    new Date(parseCron(cron)!.nextTime(Date.parse(from), { defaultZone: zone })).toISOString().slice(0, 19);
  const values = (cron: string, from: string, n: number): string[] => {
    const s = parseCron(cron)!;
    let t = Date.parse(from);
    return Array.from({ length: n }, () => new Date((t = s.nextTime(t))).toISOString().slice(11, 19));
  };

  it("steps, wraps, hour 24, lists", () => {
    expect(values("15/30 * * * *", "2024-01-01T00:00:00Z", 3)).toEqual(["00:15:00", "00:45:00", "01:15:00"]);
    expect(values("0 8/4 * * *", "2024-01-01T00:00:00Z", 4)).toEqual(["08:00:00", "12:00:00", "16:00:00", "20:00:00"]);
    expect(values("*/90 * * * *", "2024-01-01T00:00:00Z", 2)).toEqual(["01:00:00", "02:00:00"]);
    expect(values("0 */23 * * *", "2024-01-01T00:30:00Z", 2)).toEqual(["23:00:00", "00:00:00"]);
    expect(values("55-5 * * * *", "2024-01-01T00:03:00Z", 4)).toEqual(["00:04:00", "00:05:00", "00:55:00", "00:56:00"]);
    expect(values("0 23-04 * * *", "2024-01-01T05:00:00Z", 3)).toEqual(["23:00:00", "00:00:00", "01:00:00"]);
    expect(values("0 0-24 * * *", "2024-01-01T05:30:00Z", 2)).toEqual(["06:00:00", "07:00:00"]);
    expect(values("0 9,,19 * * *", "2024-01-01T10:00:00Z", 2)).toEqual(["19:00:00", "09:00:00"]);
    expect(values("/20 * * * *", "2024-01-01T00:00:00Z", 2)).toEqual(["00:20:00", "00:40:00"]);
  });

  it("weekday ranges wrap, stepped ones too; `*` in a weekday list adds nothing", () => {
    expect(next("0 0 * * fri-sun", "2024-01-01T00:00:00Z")).toBe("2024-01-05T00:00:00"); // Friday
    expect(next("0 0 * * 5-1/2", "2024-01-06T00:00:00Z")).toBe("2024-01-07T00:00:00"); // 5,0: Sunday
    expect(next("0 0 * * *,mon", "2024-01-02T00:00:00Z")).toBe("2024-01-08T00:00:00");
    expect(next("0 0 * * 7", "2024-01-02T00:00:00Z")).toBe("2024-01-07T00:00:00");
    expect(next("0 0 * * 5/2", "2024-01-01T00:00:00Z")).toBe("2024-01-05T00:00:00"); // Friday only
    expect(next("0 0 * * 5/2", "2024-01-05T00:00:00Z")).toBe("2024-01-12T00:00:00");
  });

  it("monthday OR weekday, `&` for AND (§4.2)", () => {
    expect(next("59 6 1-7 * 2", "2020-03-15T00:00:00Z")).toBe("2020-03-17T06:59:00");
    expect(next("59 6 1-7 * 2&", "2020-03-15T00:00:00Z")).toBe("2020-04-07T06:59:00");
    expect(next("0 8 L * mon-thu", "2018-06-28T16:00:00Z", "Europe/Berlin")).toBe("2018-06-30T06:00:00");
    expect(next("30 18 * * 2#5 Europe/Paris", "2022-03-08T00:00:00Z")).toBe("2022-03-29T16:30:00");
    expect(next("0 0 29 2 1&", "2017-01-01T00:00:00Z")).toBe("2044-02-29T00:00:00");
  });

  it("negative monthdays and month/day pairs (§3)", () => {
    expect(next("0 0 -7--1 * *", "2024-02-10T00:00:00Z")).toBe("2024-02-23T00:00:00");
    expect(next("0 0 -7-L * *", "2024-02-10T00:00:00Z")).toBe("2024-02-23T00:00:00");
    expect(next("0 0 30,31 2,3 *", "2024-01-01T00:00:00Z")).toBe("2024-03-30T00:00:00");
  });

  it("the week modulo depends on the evaluation zone (§4.4)", () => {
    expect(next("0 8 * * 1%2", "2021-04-21T07:00:00Z")).toBe("2021-05-03T08:00:00");
    expect(next("0 8 * * 1%2", "2021-04-20T22:00:00Z", "Asia/Tokyo")).toBe("2021-05-02T23:00:00");
    expect(next("0 8 * * 1%2", "2021-04-21T11:00:00Z", "America/New_York")).toBe("2021-04-26T12:00:00");
  });

  it("`~` takes the lowest candidate unless given a random source", () => {
    expect(values("~ * * * *", "2024-01-01T00:00:00Z", 1)).toEqual(["01:00:00"]);
    expect(values("10~20 * * * *", "2024-01-01T00:00:00Z", 1)).toEqual(["00:10:00"]);
    expect(values("~/15 * * * *", "2024-01-01T00:01:00Z", 1)).toEqual(["00:15:00"]);
    const last = parseSchedule("10~20 * * * *", { random: (n) => n - 1 });
    expect(new Date(last.nextTime(Date.parse("2024-01-01T00:00:00Z"))).toISOString()).toBe("2024-01-01T00:20:00.000Z");
  });

  it("a fraction of a second is dropped before searching (§4.1)", () => {
    const every = parseCron("* * * * *")!;
    expect(every.nextTime(Date.parse("2026-03-12T01:28:00.300Z"))).toBe(Date.parse("2026-03-12T01:29:00Z"));
    expect(every.nextTime(Date.parse("2026-03-12T01:27:59.999Z"))).toBe(Date.parse("2026-03-12T01:28:00Z"));
    expect(every.previousTime(Date.parse("2026-03-12T01:28:00.300Z"))).toBe(Date.parse("2026-03-12T01:27:00Z"));
  });

  it("gives up after 2048 steps, and on a %0 modulo, as Fugit does at run time", () => {
    const far = parseCron("0 0 * * 1%1000")!;
    expect(() => far.nextTime(Date.parse("2024-01-02T00:00:00Z"))).toThrow(ScheduleRuntimeError);
    expect(() => far.nextTime(Date.parse("2024-01-02T00:00:00Z"))).toThrow(/too many loops for "0 0 \* \* 1%1000" #next_time/);
    expect(() => parseCron("0 0 * * 1%0")!.nextTime(Date.parse("2024-01-02T00:00:00Z"))).toThrow(/divided by 0/);
  });
});
