import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { writeReports } from "../../src/report/write-reports.js";
import { runScenarioFile } from "../../src/scenario/run.js";
import { Chromium, findChromium } from "./chromium.js";
import { syntheticResult } from "./synthetic.js";
import { tempDir } from "../helpers/temp.js";

// The page in a real browser: Debian's Chromium, headless. Skipped (with a warning) without it.

const CALL_TIMEOUT_MS = 60_000;
const PWN = "<script>window.__pwned=1</script>";

const chromium = findChromium();
if (chromium === undefined) console.warn("test/report/browser.test.ts: Chromium not found (/usr/bin/chromium or `chromium` on PATH); skipping the headless browser checks. Install it with: apt-get install -y chromium");

function runChromium(args: string[]): { stdout: string; stderr: string } {
  const profile = tempDir("chromium");
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
  const dir = tempDir("html");
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

});

/** fmtDur's text ("0 ms", "51 s", "1m 00s", "2h 05m") back to ms, to check an order as shown. */
function shownMs(text: string): number {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^([\d.]+) ms$/.exec(t))) return Number(m[1]);
  if ((m = /^([\d.]+) s$/.exec(t))) return Number(m[1]) * 1000;
  if ((m = /^(\d+)m (\d+)s$/.exec(t))) return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  if ((m = /^(\d+)h (\d+)m$/.exec(t))) return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  throw new Error(`not a duration as the page shows one: ${JSON.stringify(text)}`);
}

const FAILING = "test/report/fixtures/late-and-failing.yml";
const API_ERROR = "ApiError: 503 Service Unavailable from payments.example";

describe.skipIf(chromium === undefined)("the report of a failing scenario, in headless Chromium over the DevTools protocol", () => {
  it("puts the failure first, links its failed attempt, sorts jobs by wait, names workers worker:N, keeps markup as text", { timeout: 3 * CALL_TIMEOUT_MS }, async () => {
    const run = await runScenarioFile(FAILING);
    expect(run.result.passed).toBe(false);
    const dir = tempDir("report-browser");
    const browser = Chromium.launch(chromium!);
    try {
      writeReports([run.result], { dir, formats: ["json", "junit", "html"] });
      const tab = await browser.open(pathToFileURL(join(dir, "index.html")).href, CALL_TIMEOUT_MS);

      // What failed comes first: right after the scenario's summary, the first failed expectation.
      const first = await tab.evaluate<{ card: string; name: string; firstRow: string }>(`({
        card: document.querySelector('section.scenario > .card:nth-child(2)').className,
        name: document.querySelector('.failures .failed-expectation .fe-name').textContent,
        firstRow: document.querySelector('table.expectations tbody tr').className })`);
      expect(first).toEqual({ card: "card failures", name: "job FlakyJob: final finished", firstRow: "fail" });

      // ...with a link to the failed attempt, whose error is shown there and in the jobs table.
      const link = await tab.evaluate<{ text: string; error: string }>(`(function () {
        var li = document.querySelector('.failures li.evidence[data-outcome=failed]');
        return { text: li.querySelector('a.ev-link').textContent, error: li.querySelector('.errmsg').textContent };
      })()`);
      expect(link.text).toMatch(/^FlakyJob job #\d+ · attempt 3 of 3$/);
      expect(link.error).toBe(API_ERROR);
      const opened = await tab.evaluate<{ open: boolean; errors: string[]; where: string[]; visible: boolean }>(`(function () {
        document.querySelector('.failures li.evidence[data-outcome=failed] a.ev-link').click();
        var row = document.querySelector('tr.job.open'), attempts = row.nextElementSibling;
        var errs = [].map.call(attempts.querySelectorAll('tr.attempt td.errmsg'), function (td) { return td.textContent; });
        var where = [].map.call(attempts.querySelectorAll('tr.attempt td.mono:first-of-type'), function (td) { return td.textContent; });
        return { open: row.querySelector('td[data-col=class]').textContent === 'FlakyJob', errors: errs, where: where, visible: attempts.getBoundingClientRect().height > 0 };
      })()`);
      expect(opened.open).toBe(true);
      expect(opened.visible).toBe(true);
      for (const w of opened.where) expect(w).toMatch(/^worker:0 #[01]$/); // critical runs on the first worker
      expect(opened.errors).toEqual([`retry in 3s after ${API_ERROR}`, `retry in 3s after ${API_ERROR}`, API_ERROR]);

      // The jobs table sorts by wait: longest first, then shortest first.
      const waits = async () => (await tab.evaluate<string[]>("[].map.call(document.querySelectorAll('tr.job td[data-col=wait]'), function (td) { return td.textContent; }).filter(Boolean)")).map(shownMs);
      await tab.evaluate("document.querySelector('th[data-col=wait]').click()");
      const desc = await waits();
      expect(await tab.evaluate("document.querySelector('th[data-col=wait]').getAttribute('data-sort')")).toBe("desc");
      expect(desc.length).toBeGreaterThan(20);
      expect(desc[0]).toBeGreaterThan(60_000); // the low queue's backlog
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      await tab.evaluate("document.querySelector('th[data-col=wait]').click()");
      const asc = await waits();
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
      // "wait over" keeps only the late ones
      const late = await tab.evaluate<number>("(function () { var i = document.querySelector('input[aria-label=\"wait over\"]'); i.value = '1m'; i.dispatchEvent(new Event('input')); return document.querySelectorAll('tr.job').length; })()");
      const due = new Map<number, number>();
      const longest = new Map<string, number>();
      for (const e of run.result.trace) {
        if (e.type === "enqueued" && !due.has(e.jobId!)) due.set(e.jobId!, typeof e.data?.scheduledAt === "number" ? e.data.scheduledAt : e.t);
        if (e.type === "started") longest.set(e.activeJobId!, Math.max(longest.get(e.activeJobId!) ?? 0, e.t - due.get(e.jobId!)!));
      }
      expect(late).toBe([...longest.values()].filter((w) => w > 60_000).length);
      expect(late).toBeGreaterThan(3);

      // Workers as the scenario names them, the real name on hover.
      const lanes = await tab.evaluate<{ text: string; title: string }[]>("[].map.call(document.querySelectorAll('.lane .tl-label .pname:not(.cont)'), function (e) { return { text: e.textContent, title: e.parentNode.title }; })");
      expect(lanes.map((l) => l.text)).toEqual(["worker:0", "worker:1", "worker:1 (2nd)"]);
      for (const l of lanes) expect(l.title).toMatch(/^worker-[0-9a-f]{20} · thread \d/);

      // A <script> argument is text, not markup; nothing ran.
      const arg = await tab.evaluate<{ shown: boolean; pwned: boolean; scripts: number }>(`(function () {
        var i = document.querySelector('input[aria-label="wait over"]'); i.value = ''; i.dispatchEvent(new Event('input'));
        var tds = [].filter.call(document.querySelectorAll('td[data-col=args]'), function (td) { return td.textContent.indexOf('<script>window.__pwned=1</script>') >= 0; });
        return { shown: tds.length === 1 && tds[0].children.length === 0, pwned: window.__pwned !== undefined, scripts: document.querySelectorAll('script').length };
      })()`);
      expect(arg.shown).toBe(true);
      expect(arg.pwned).toBe(false);
      expect(arg.scripts).toBe(3);

      // Passing expectations show what they measured, in the page and in junit.xml.
      const measured = await tab.evaluate<string>("[].filter.call(document.querySelectorAll('table.expectations tr.pass'), function (tr) { return /default/.test(tr.textContent); })[0].querySelector('td.measured').textContent");
      expect(measured).toMatch(/^p95 \S+ \(< 5s\), max \S+ \(< 10s\) over 31 executions on default$/);
      expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain(`<system-out>measured: ${measured.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</system-out>`);

      // The latency chart of the low queue draws its bound.
      expect(await tab.evaluate("[].map.call(document.querySelectorAll('.chart-box[data-queue=low] .bound-label'), function (t) { return t.textContent; })")).toEqual(["p95 < 30 s"]);

      expect(await tab.evaluate("document.body.getAttribute('data-errors')")).toBe("0");
      expect(tab.problems.console).toEqual([]);

      // Screenshots: the top of the page and the latency chart, kept in JOBSIM_SCREENSHOTS (a
      // folder) when it is set, otherwise removed with the run's folder.
      const shots = process.env.JOBSIM_SCREENSHOTS ?? dir;
      const top = join(shots, "jobsim-report-top.png");
      const chart = join(shots, "jobsim-report-latency.png");
      writeFileSync(top, await tab.screenshot({ x: 0, y: 0, width: 1400, height: 900 }));
      const box = await tab.evaluate<{ x: number; y: number; width: number; height: number }>("(function () { var r = document.querySelector('.card.load').getBoundingClientRect(); return { x: r.x, y: r.y + scrollY, width: r.width, height: r.height }; })()");
      writeFileSync(chart, await tab.screenshot(box));
      for (const p of [top, chart]) {
        expect(readFileSync(p).subarray(1, 4).toString("latin1")).toBe("PNG");
        expect(statSync(p).size).toBeGreaterThan(20_000);
      }
      if (shots !== dir) console.log(`screenshots: ${top} (top of the page), ${chart} (latency and load chart)`);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
