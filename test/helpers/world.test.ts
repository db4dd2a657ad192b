import { describe, expect, it } from "vitest";
import { hasEnvironment } from "../../src/job/environment.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { START, world } from "./world.js";

// The test helper's promise: a world lives exactly as long as its test, passed or failed.
// Tests in this file run in order; the later ones look at what the earlier ones left.

let passed: Simulation | undefined;
let failed: Simulation | undefined;

describe("world()", () => {
  it("starts at START and takes the job environment while the test runs", async () => {
    passed = await world();
    expect(passed.now()).toBe(START);
    expect(hasEnvironment()).toBe(true);
  });

  it.fails("a failing test's world", async () => {
    failed = await world();
    expect("the test fails").toBe("here");
  });

  it("is disposed once its test ends, whether the test passed or failed", async () => {
    await expect(passed!.advance(1)).rejects.toThrow("disposed");
    await expect(failed!.advance(1)).rejects.toThrow("disposed");
    expect(hasEnvironment()).toBe(false);
  });

  it("may be disposed early by the test itself", async () => {
    const sim = await world();
    sim.dispose();
    expect(hasEnvironment()).toBe(false);
  });
});

describe("world() outside a test", () => {
  // Called while the file's tests are collected, when no test runs.
  const outside = world().then(
    (sim) => sim,
    (error: unknown) => error as Error,
  );

  it("refuses before making anything, so no world can outlive its test", async () => {
    const result = await outside;
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/can only be called inside a test/);
    expect(hasEnvironment()).toBe(false);
  });
});
