import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDocProgram } from "../helpers/doc-program.js";
import { tempDir } from "../helpers/temp.js";

// The examples in docs/arguments.md written as a ts block followed by its output block print
// exactly that output (active-job.md §6).

const doc = readFileSync("docs/arguments.md", "utf8");
const examples = [...doc.matchAll(/```ts\n((?:(?!```)[\s\S])*?)```\n\n```\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, output: m[2]! }));
const dir = tempDir("docs-arguments");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/arguments.md examples with their output", () => {
  it("has them", () => {
    expect(examples.length).toBe(2);
  });

  it("prints exactly the output shown under each", async () => {
    const outputs: string[] = [];
    for (const [i, { code }] of examples.entries()) outputs.push(await runDocProgram(code, join(dir, `example-${i}.ts`)));
    expect(outputs).toEqual(examples.map((e) => e.output));
  });
});
