import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run.js";
import { tempDir } from "../helpers/temp.js";

// docs/reports.md's examples run as written (the output folder moved under the temp folder),
// and print what the doc shows.

const doc = readFileSync("docs/reports.md", "utf8");

/** The `./bin/jobsim.js run ...` lines of the first ```sh block after `heading`, as argv lists. */
function commands(heading: string): string[][] {
  const at = doc.indexOf(heading);
  const block = /```sh\n([^]*?)```/.exec(doc.slice(at))![1]!;
  return block
    .trim()
    .split("\n")
    .map((line) => {
      const argv = line.trim().split(/\s+/);
      expect(argv.slice(0, 2)).toEqual(["./bin/jobsim.js", "run"]);
      return argv.slice(2);
    });
}

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false } };
}

describe("docs/reports.md", () => {
  it("runs the example and prints what the doc shows", { timeout: 60_000 }, async () => {
    const [argv] = commands("### Example");
    const dir = tempDir("docs-reports");
    try {
      const c = capture();
      const code = await runCommand(argv!.map((a) => (a === "/tmp/late-report" ? dir : a)), c.io);
      expect(code).toBe(1);
      const shown = /It prints \(wall time aside\):\n\n```text\n([^]*?)```/.exec(doc)![1]!;
      expect(c.out.stdout.startsWith(shown)).toBe(true);
      for (const f of ["index.html", "junit.xml", "late-and-failing.trace.json"]) expect(existsSync(join(dir, f))).toBe(true);
      expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain("<system-out>measured: p95 102ms (&lt; 5s), max 102ms (&lt; 10s) over 31 executions on default</system-out>");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs the comparison example", { timeout: 60_000 }, async () => {
    const dir = tempDir("docs-compare");
    try {
      for (const argv of commands("### Comparing two runs")) {
        const c = capture();
        expect(await runCommand(argv.map((a) => a.replace(/^\/tmp\//, `${dir}/`)), c.io)).toBe(1);
        expect(c.out.stderr).toBe("");
      }
      expect(readFileSync(join(dir, "after", "index.html"), "utf8")).toContain('"compare":[{"slug":"late-and-failing"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
