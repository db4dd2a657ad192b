import { describe, expect, it } from "vitest";
import { currentEnvironment, hasEnvironment } from "../../src/job/environment.js";
import { createSimulation } from "../../src/sim/simulation.js";

// Worlds can be made and disposed in any order: the newest live one is current.

describe("job environments", () => {
  it("disposing an older simulation leaves a newer one current", async () => {
    const before = hasEnvironment();
    const a = await createSimulation();
    const b = await createSimulation();
    expect(currentEnvironment()).toBe(b.env);
    a.dispose();
    expect(currentEnvironment()).toBe(b.env);
    b.dispose();
    expect(hasEnvironment()).toBe(before);
  });
});
