import { describe, expect, it } from "vitest";
import { parseWaitFormula, waitFromFormula } from "../../src/model/wait-formula.js";

// retry_on wait: lambdas kept as arithmetic in n, evaluated as Ruby would.

describe("wait formulas", () => {
  it("evaluates with Ruby's precedence and Integer semantics", () => {
    expect(waitFromFormula("n * 30", 3)).toBe(90);
    expect(waitFromFormula("n ** 2 * 60", 3)).toBe(540);
    expect(waitFromFormula("2 ** n + 1", 4)).toBe(17);
    expect(waitFromFormula("-2 ** 2", 1)).toBe(-4); // Ruby: -(2 ** 2)
    expect(waitFromFormula("7 / 2", 1)).toBe(3); // Integer division floors
    expect(waitFromFormula("-7 / 2", 1)).toBe(-4);
    expect(waitFromFormula("7.0 / 2", 1)).toBe(3.5);
    expect(waitFromFormula("-7 % 3", 1)).toBe(2);
    expect(waitFromFormula("(n + 1) * (1 * 60)", 2)).toBe(180);
    expect(waitFromFormula("2 ** -1", 1)).toBe(0.5);
  });

  it("refuses what is not arithmetic in n", () => {
    expect(() => parseWaitFormula("n ^ 2")).toThrow('cannot read "^ 2" in the formula "n ^ 2"');
    expect(() => parseWaitFormula("(n + 1")).toThrow('a "(" is not closed');
    expect(() => parseWaitFormula("n n")).toThrow('unexpected "n"');
    expect(() => waitFromFormula("n / 0", 1)).toThrow("divided by 0");
  });
});
