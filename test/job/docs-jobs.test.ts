import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDocProgram } from "../helpers/doc-program.js";
import { tempDir } from "../helpers/temp.js";

// Every example in docs/jobs.md (a ts block followed by its output block) prints what the doc shows.

const doc = readFileSync("docs/jobs.md", "utf8");
const examples = [...doc.matchAll(/```ts\n([\s\S]*?)```\n\n```\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, output: m[2]! }));
// "jobsim" resolves to the sources through vitest.config.ts's alias.
const dir = tempDir("docs-jobs");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/jobs.md examples", () => {
  it("has its examples", () => {
    expect(examples.length).toBe(10);
  });

  it("prints exactly the output shown under each", async () => {
    const outputs: string[] = [];
    for (const [i, { code }] of examples.entries()) outputs.push(await runDocProgram(code, join(dir, `example-${i}.ts`)));
    expect(outputs).toEqual(examples.map((e) => e.output));
  });
});
