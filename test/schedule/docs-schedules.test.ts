// The examples of docs/schedules.md that show their output: each `jobsim schedule` command
// (an sh block followed by a text block) prints exactly that, and the TypeScript example
// prints what follows it.

import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSchedule } from "../../src/cli/schedule.js";
import { runDocProgram } from "../helpers/doc-program.js";
import { tempDir } from "../helpers/temp.js";

const doc = readFileSync("docs/schedules.md", "utf8");
const PREFIX = "npx tsx src/cli/main.ts schedule ";

const commands = [...doc.matchAll(/```sh\n([^\n]*)\n```\n\n```text\n([\s\S]*?)```/g)].map((m) => ({ line: m[1]!, output: m[2]! }));
const tsExamples = [...doc.matchAll(/```ts\n(import [\s\S]*?)```\n\n```text\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, output: m[2]! }));

/** Splits a shell line on blanks, keeping "double-quoted" words whole. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe("docs/schedules.md examples", () => {
  it("has its examples", () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
    expect(tsExamples.length).toBe(1);
  });

  for (const { line, output } of commands) {
    it(line.slice(PREFIX.length), () => {
      expect(line.startsWith(PREFIX)).toBe(true);
      let printed = "";
      runSchedule(shellWords(line.slice(PREFIX.length)), { stdout: (s) => (printed += s), stderr: (s) => (printed += s) }, 0);
      expect(printed).toBe(output);
    });
  }

  const dir = tempDir("docs-schedules");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the TypeScript example prints what the page shows", async () => {
    const { code, output } = tsExamples[0]!;
    expect(await runDocProgram(code, join(dir, "example.ts"))).toBe(output);
  });
});
