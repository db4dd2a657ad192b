import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/temp.js";

// Every example in docs/jobs.md (a ts block followed by its output block) prints what the doc shows.

const run = promisify(execFile);
const doc = readFileSync("docs/jobs.md", "utf8");
const examples = [...doc.matchAll(/```ts\n([\s\S]*?)```\n\n```\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, output: m[2]! }));
// "jobsim" resolves through tsconfig.json's paths (tsx reads them from the working folder).
const dir = tempDir("docs-jobs");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/jobs.md examples", () => {
  it("has its examples", () => {
    expect(examples.length).toBe(10);
  });

  it("prints exactly the output shown under each", { timeout: 300_000 }, async () => {
    const outputs = await Promise.all(
      examples.map(async ({ code }, i) => {
        const file = join(dir, `example-${i}.mts`); // an ES module outside any package.json
        writeFileSync(file, code);
        const { stdout } = await run(process.execPath, ["--import", "tsx", file], { encoding: "utf8", timeout: 150_000 });
        return stdout;
      }),
    );
    expect(outputs).toEqual(examples.map((e) => e.output));
  });
});
