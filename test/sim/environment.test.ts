import { describe, expect, it } from "vitest";
import { currentEnvironment, hasEnvironment } from "../../src/job/environment.js";
import { world } from "../helpers/world.js";

// Worlds can be made and disposed in any order: the newest live one is current.

describe("job environments", () => {
  it("disposing an older simulation leaves a newer one current", async () => {
    const before = hasEnvironment();
    const a = await world();
    const b = await world();
    expect(currentEnvironment()).toBe(b.env);
    a.dispose();
    expect(currentEnvironment()).toBe(b.env);
    b.dispose();
    expect(hasEnvironment()).toBe(before);
  });
});
