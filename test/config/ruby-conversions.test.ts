import { describe, expect, it } from "vitest";
import { rubyFloatToS, rubyStringToF, rubyStringToI } from "../../src/config/ruby-conversions.js";

describe("Ruby conversions used by the ERB subset", () => {
  it("String#to_i", () => {
    const cases: [string, number][] = [["12abc", 12], ["  7", 7], ["-3", -3], ["+4", 4], ["1_000", 1000], ["1__0", 1], ["abc", 0], ["", 0], ["0x1A", 0], ["3.9", 3]];
    for (const [s, n] of cases) expect(rubyStringToI(s)).toBe(n);
  });

  it("String#to_f", () => {
    const cases: [string, number][] = [["0.25s", 0.25], [".5", 0.5], ["1.", 1], ["1e3", 1000], ["-2.5e-1x", -0.25], ["abc", 0], ["1_0.5", 10.5], ["e5", 0]];
    for (const [s, n] of cases) expect(rubyStringToF(s)).toBe(n);
  });

  it("Float#to_s", () => {
    const cases: [number, string][] = [
      [1, "1.0"],
      [0.1, "0.1"],
      [-2.5, "-2.5"],
      [1e15, "1000000000000000.0"],
      [1e16, "1.0e+16"],
      [1.5e20, "1.5e+20"],
      [0.0001, "0.0001"],
      [0.00001, "1.0e-05"],
      [1.25e-7, "1.25e-07"],
      [0, "0.0"],
      [Infinity, "Infinity"],
    ];
    for (const [n, s] of cases) expect(rubyFloatToS(n)).toBe(s);
  });
});
