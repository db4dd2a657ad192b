import { describe, expect, it } from "vitest";
import "../../src/testing/vitest.js";

// toBeCloseToTime: rspec's a_value_within(n.seconds).of(t), as a matcher and an asymmetric matcher.

const T = Date.UTC(2026, 0, 1, 12);

describe("toBeCloseToTime", () => {
  it("passes within the window, both ends included", () => {
    expect(new Date(T + 5000)).toBeCloseToTime(T, 5);
    expect(new Date(T - 5000)).toBeCloseToTime(new Date(T), 5);
    expect(T + 1).toBeCloseToTime("2026-01-01T12:00:00Z", 0.001);
    expect(new Date(T + 5001)).not.toBeCloseToTime(T, 5);
  });

  it("works as an asymmetric matcher", () => {
    expect({ at: new Date(T + 2000) }).toEqual({ at: expect.toBeCloseToTime(T, 3) });
    expect({ at: new Date(T + 4000) }).not.toEqual({ at: expect.toBeCloseToTime(T, 3) });
    expect({ at: "soon" }).toEqual({ at: expect.not.toBeCloseToTime(T, 3) });
  });

  it("fails with a readable message", () => {
    expect(() => expect(new Date(T + 6500)).toBeCloseToTime(T, 5)).toThrowErrorMatchingInlineSnapshot(`[Error: expected 2026-01-01 12:00:06.5 UTC to be within 5 s of 2026-01-01 12:00:00 UTC]`);
    expect(() => expect(new Date(T)).not.toBeCloseToTime(T, 5)).toThrowErrorMatchingInlineSnapshot(`[Error: expected 2026-01-01 12:00:00 UTC not to be within 5 s of 2026-01-01 12:00:00 UTC]`);
    expect(() => expect(new Date(T)).toBeCloseToTime(T, -1)).toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toBeCloseToTime: withinSeconds must be a non-negative number]`);
  });
});
