import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The examples in docs/arguments.md written as a ts block followed by its output block print
// exactly that output (active-job.md §6).

const run = promisify(execFile);
const doc = readFileSync("docs/arguments.md", "utf8");
const examples = [...doc.matchAll(/```ts\n((?:(?!```)[\s\S])*?)```\n\n```\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, output: m[2]! }));
// Beside src/ so "./src/..." resolves, and under the package's "type": "module".
const dir = mkdtempSync(join(process.cwd(), ".docs-arguments-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/arguments.md examples with their output", () => {
  it("has them", () => {
    expect(examples.length).toBe(2);
  });

  it("prints exactly the output shown under each", async () => {
    const outputs = await Promise.all(
      examples.map(async ({ code }, i) => {
        const file = join(dir, `example-${i}.ts`);
        writeFileSync(file, code.replaceAll('"./src/', '"../src/'));
        const { stdout } = await run(process.execPath, ["--import", "tsx", file], { encoding: "utf8", timeout: 120_000 });
        return stdout;
      }),
    );
    expect(outputs).toEqual(examples.map((e) => e.output));
  }, 180_000);
});
