import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run.js";
import type { RunComparison } from "../../src/report/compare-runs.js";
import { tempDir } from "../helpers/temp.js";

// `jobsim run --compare`: another run's trace beside this one in index.html; bad input exits 2.

const FIXTURE = "test/report/fixtures/late-and-failing.yml";
const dirs: string[] = [];
const temp = () => {
  const d = tempDir("compare");
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false } };
}

describe("jobsim run --compare", () => {
  it("puts both runs' latency and outcomes in index.html, from a trace file or a folder of them", { timeout: 60_000 }, async () => {
    const before = temp();
    expect(await runCommand([FIXTURE, "--report", "json", "--out", before, "--seed", "4"], capture().io)).toBe(1);
    for (const other of [join(before, "late-and-failing.trace.json"), before]) {
      const out = temp();
      const c = capture();
      expect(await runCommand([FIXTURE, "--report", "html", "--out", out, "--compare", other], c.io)).toBe(1);
      expect(c.out.stderr).toBe("");
      const html = readFileSync(join(out, "index.html"), "utf8");
      const data = JSON.parse(/<script type="application\/json" id="jobsim-data">([^]*?)<\/script>/.exec(html)![1]!) as { compare: RunComparison[] };
      expect(data.compare).toHaveLength(1);
      const cmp = data.compare[0]!;
      expect(cmp.slug).toBe("late-and-failing");
      expect(cmp.b.label).toContain("late-and-failing.trace.json");
      expect(cmp.a.queues.map((q) => q.queue)).toEqual(["critical", "default", "low"]);
      expect(cmp.b.queues.find((q) => q.queue === "low")!.total.n).toBe(12);
      expect(cmp.a.counts.reduce((x, y) => x + y, 0)).toBe(cmp.a.executions);
    }
  });

  it("refuses a file that is not a trace, a folder without one, and a misspelt option", { timeout: 60_000 }, async () => {
    const dir = temp();
    const notTrace = join(dir, "notes.json");
    writeFileSync(notTrace, '{"hello": 1}\n');
    let c = capture();
    expect(await runCommand([FIXTURE, "--report", "html", "--out", dir, "--compare", notTrace], c.io)).toBe(2);
    expect(c.out.stderr).toContain(`--compare: ${notTrace}:1: not a jobsim trace`);
    c = capture();
    expect(await runCommand([FIXTURE, "--report", "html", "--out", dir, "--compare", temp()], c.io)).toBe(2);
    expect(c.out.stderr).toMatch(/holds no trace of the scenarios run \(looked for late-and-failing\.trace\.json\)/);
    c = capture();
    expect(await runCommand([FIXTURE, "--compar", "x"], c.io)).toBe(2);
    expect(c.out.stderr).toContain("unknown option --compar (did you mean --compare?)");
  });
});
