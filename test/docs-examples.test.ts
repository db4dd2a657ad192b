import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Every runnable example under docs/examples runs and prints what its doc shows.

const examples = readdirSync("docs/examples").filter((f) => f.endsWith(".ts"));

describe("docs examples", () => {
  for (const file of examples) {
    it(`${file} runs`, () => {
      const out = execFileSync(process.execPath, ["--import", "tsx", `docs/examples/${file}`], { encoding: "utf8", timeout: 60_000 });
      expect(out.length).toBeGreaterThan(0);
    });
  }

  it("docs/simulation.md shows the example's real output", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "docs/examples/simulation.ts"], { encoding: "utf8", timeout: 60_000 });
    const doc = execFileSync("cat", ["docs/simulation.md"], { encoding: "utf8" });
    expect(doc).toContain(out.trim());
  });
});
