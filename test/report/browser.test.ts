import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { writeReports } from "../../src/report/write-reports.js";
import { syntheticResult } from "./synthetic.js";

// The page in a real browser: Debian's Chromium, headless. Skipped (with a warning) without it.

const CALL_TIMEOUT_MS = 60_000;
const PWN = "<script>window.__pwned=1</script>";

function findChromium(): string | undefined {
  const onPath = (process.env.PATH ?? "").split(delimiter).flatMap((d) => ["chromium", "chromium-browser"].map((n) => join(d, n)));
  return ["/usr/bin/chromium", ...onPath].find((p) => existsSync(p));
}

const chromium = findChromium();
if (chromium === undefined) console.warn("test/report/browser.test.ts: Chromium not found (/usr/bin/chromium or `chromium` on PATH); skipping the headless browser checks. Install it with: apt-get install -y chromium");

function runChromium(args: string[]): { stdout: string; stderr: string } {
  const profile = mkdtempSync(join(tmpdir(), "jobsim-chromium-"));
  try {
    const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`];
    const r = spawnSync(chromium!, [...flags, ...args], { encoding: "utf8", timeout: CALL_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
    if (r.error !== undefined) throw new Error(`chromium ${args.join(" ")} failed: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`chromium exited with ${r.status ?? r.signal}: ${r.stderr.slice(-2000)}`);
    return { stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The synthetic run, plus (edgeCases) a crashed run with an empty trace and a zone the browser does not know. */
function writePage(jobs: number, extra: Parameters<typeof syntheticResult>[0] = { jobs }, edgeCases = false): { url: string; started: number; dir: string } {
  const r = syntheticResult({ ...extra, jobs });
  const dir = mkdtempSync(join(tmpdir(), "jobsim-html-"));
  const crashed = { ...r, name: "crashed run", passed: false, error: "Error: boom </script>", expectations: [], trace: [], jobs: [], timeZone: "Mars/Olympus_Mons" };
  writeReports(edgeCases ? [r, crashed] : [r], { dir, formats: ["html"] });
  return { url: pathToFileURL(join(dir, "index.html")).href, started: r.trace.filter((e) => e.type === "started").length, dir };
}

function consoleLines(stderr: string): string[] {
  return stderr.split("\n").filter((l) => /CONSOLE/.test(l));
}

describe.skipIf(chromium === undefined)("index.html in headless Chromium", () => {
  it("draws one .bar per execution, shows a hostile argument as text and hits no script error", { timeout: 3 * CALL_TIMEOUT_MS }, () => {
    const page = writePage(50, { jobs: 50, hostileArg: PWN }, true);
    try {
      expect(page.started).toBeGreaterThanOrEqual(50);
      const { stdout: dom, stderr } = runChromium(["--enable-logging=stderr", "--v=0", "--dump-dom", page.url]);
      expect(dom).toMatch(/<body data-errors="0"[^>]* data-ready="1"/);
      expect(dom.match(/class="bar"/g)).toHaveLength(page.started);
      expect(dom.match(/<div class="bar" data-job-id="\d+" data-outcome="[a-z]+" data-i="\d+"/g)).toHaveLength(page.started);
      // the argument is a text node (serialised escaped) and never became an element
      expect(dom).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
      expect(dom).not.toContain(PWN);
      expect(dom.match(/<script/g)).toHaveLength(3);
      expect(dom).toContain("No job was started in this run.");
      expect(dom).toContain("Mars/Olympus_Mons (unknown here; times shown in UTC)");
      expect(consoleLines(stderr)).toEqual([]);
    } finally {
      rmSync(page.dir, { recursive: true, force: true });
    }
  });

  it("draws bars on a canvas above 20,000 executions, still without errors", { timeout: 3 * CALL_TIMEOUT_MS }, () => {
    const page = writePage(21_000, { jobs: 21_000, threads: 16, minutes: 600 });
    try {
      expect(page.started).toBeGreaterThan(20_000);
      const { stdout: dom, stderr } = runChromium(["--enable-logging=stderr", "--v=0", "--dump-dom", page.url]);
      expect(dom).toMatch(/<body data-errors="0"[^>]* data-ready="1"/);
      expect(dom).not.toContain('class="bar"');
      expect(dom).toContain('<canvas class="tl-canvas"');
      expect(consoleLines(stderr)).toEqual([]);
    } finally {
      rmSync(page.dir, { recursive: true, force: true });
    }
  });

  it("takes a screenshot to reports/screenshot.png", { timeout: 3 * CALL_TIMEOUT_MS }, () => {
    const page = writePage(50, { jobs: 50, hostileArg: PWN });
    try {
      const out = resolve("reports", "screenshot.png");
      mkdirSync(resolve("reports"), { recursive: true });
      rmSync(out, { force: true });
      runChromium(["--hide-scrollbars", `--screenshot=${out}`, "--window-size=1400,900", page.url]);
      expect(readFileSync(out).subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(statSync(out).size).toBeGreaterThan(20_000);
    } finally {
      rmSync(page.dir, { recursive: true, force: true });
    }
  });
});
