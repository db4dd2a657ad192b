import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/job/duration.js";
import { DurationError } from "../../src/job/errors.js";

const FORMS = 'use seconds (90), "90s", "5 minutes", "1.5h", "1.hour", "1h30m", "250ms"; units: ms, s, m, h, d, w, or their names (seconds, minutes, hours, days, weeks)';

function errorOf(run: () => unknown): DurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DurationError);
    return error as DurationError;
  }
  throw new Error("expected a DurationError");
}

describe("parseDuration", () => {
  it.each([
    [90, 90],
    [0, 0],
    [2.5, 2.5],
    ["90", 90],
    ["1.5", 1.5],
    [" 90s ", 90],
    ["90 s", 90],
    ["1.5h", 5400],
    ["5 minutes", 300],
    ["1 minute", 60],
    ["2 hours", 7200],
    ["1 day", 86400],
    ["3 weeks", 1814400],
    ["1.hour", 3600],
    ["5.minutes", 300],
    ["1.5.hours", 5400],
    ["30.seconds", 30],
    ["2.days", 172800],
    ["1.week", 604800],
    ["1h30m", 5400],
    ["1h 30m 15s", 5415],
    ["1 hour 30 minutes", 5400],
    ["250ms", 0.25],
    ["1s500ms", 1.5],
    ["10 seconds", 10],
    ["2d", 172800],
    ["1w", 604800],
    ["10 secs", 10],
    ["5 min", 300],
    ["2 hrs", 7200],
    ["5 Minutes", 300],
  ] as const)("reads %j as %d seconds", (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it.each(["5 parsecs", "", "   ", "abc", "1h30", "h", "1.h", "1.5.s", "1 month", "2 years", "1M", "1e3", "5 minutes ago", "1,5h", "+5s"])(
    "refuses %j, naming the accepted forms",
    (input) => {
      const error = errorOf(() => parseDuration(input, "wait"));
      expect(error.message).toBe(`bad duration ${JSON.stringify(input)} for wait: ${FORMS}`);
      expect(error.input).toBe(input);
      expect(error.what).toBe("wait");
      expect(error.name).toBe("DurationError");
    },
  );

  it("gives the exact message of the spec example", () => {
    expect(() => parseDuration("5 parsecs", "wait")).toThrow(
      'bad duration "5 parsecs" for wait: use seconds (90), "90s", "5 minutes", "1.5h", "1.hour", "1h30m"',
    );
  });

  it("leaves out the option name when none is given", () => {
    expect(() => parseDuration("soon")).toThrow(`bad duration "soon": ${FORMS}`);
  });

  it.each([NaN, Infinity, -Infinity])("refuses the number %d", (input) => {
    expect(errorOf(() => parseDuration(input, "wait")).message).toBe(`bad duration ${input} for wait: ${FORMS}`);
  });

  it("refuses values that are neither numbers nor strings", () => {
    expect(() => parseDuration({ seconds: 5 } as unknown as number, "wait")).toThrow(`bad duration { seconds: 5 } for wait: ${FORMS}`);
    expect(() => parseDuration(5n as unknown as number)).toThrow(`bad duration 5n: ${FORMS}`);
  });

  it("refuses negative durations unless allowNegative is set", () => {
    expect(() => parseDuration(-5, "wait")).toThrow("bad duration -5 for wait: must not be negative");
    expect(() => parseDuration("-1h30m", "wait")).toThrow('bad duration "-1h30m" for wait: must not be negative');
    expect(parseDuration(-5, "offset", { allowNegative: true })).toBe(-5);
    expect(parseDuration("-1h30m", "offset", { allowNegative: true })).toBe(-5400);
    expect(parseDuration("-90", undefined, { allowNegative: true })).toBe(-90);
    expect(() => parseDuration("-", undefined, { allowNegative: true })).toThrow(DurationError);
  });

  it("turns -0 into 0", () => {
    expect(Object.is(parseDuration(-0), 0)).toBe(true);
    expect(Object.is(parseDuration("-0s", undefined, { allowNegative: true }), 0)).toBe(true);
  });
});

describe("formatDuration", () => {
  it.each([
    [5400, "1h 30m"],
    [3, "3s"],
    [0.25, "250ms"],
    [0, "0s"],
    [90, "1m 30s"],
    [90.5, "1m 30.5s"],
    [3600, "1h"],
    [86400, "1d"],
    [2 * 86400 + 4 * 3600, "2d 4h"],
    [604800, "7d"],
    [0.0005, "0.5ms"],
    [1.2345, "1.235s"],
    [-90, "-1m 30s"],
    [Infinity, "Infinity"],
  ])("formats %d seconds as %j", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("writes what parseDuration reads back", () => {
    for (const seconds of [0.25, 3, 90, 5400, 5415.5, 183_600, 1_000_000]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
  });
});
