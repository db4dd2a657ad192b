import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Every runnable example under docs/examples runs; the doc that shows an example's code shows
// its real output too.

const examples = readdirSync("docs/examples").filter((f) => f.endsWith(".ts"));
const docs = readdirSync("docs").filter((f) => f.endsWith(".md")).map((f) => readFileSync(`docs/${f}`, "utf8"));

describe("docs examples", () => {
  for (const file of examples) {
    it(`${file} runs and prints what its doc shows`, () => {
      const out = execFileSync(process.execPath, ["--import", "tsx", `docs/examples/${file}`], { encoding: "utf8", timeout: 60_000 });
      expect(out.length).toBeGreaterThan(0);
      const code = readFileSync(`docs/examples/${file}`, "utf8").trim();
      const doc = docs.find((d) => d.includes(code));
      if (doc !== undefined) expect(doc).toContain(`\`\`\`\n${out.trim()}\n\`\`\``);
    });
  }
});
