import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html-page.js";
import { unpacked, type Column } from "../../src/report/columns.js";
import { TRACE_ROW_LIMIT } from "../../src/report/page-columns.js";
import { buildPageScenario, DOM_BAR_LIMIT, type PageScenario } from "../../src/report/page-model.js";
import type { ScenarioResult } from "../../src/report/types.js";
import { job, result, TraceBuilder } from "./build-trace.js";
import { syntheticResult } from "./synthetic.js";

const ATTACK = "<script>alert(1)</script>";

/** The running sums of a delta-coded column (page-columns.ts), as the page decodes it. */
function undelta(c: Column): number[] {
  let v = 0;
  return unpacked(c).map((d) => (v += d));
}

function pageData(html: string): { scenarios: PageScenario[] } {
  const m = /<script type="application\/json" id="jobsim-data">([^]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as { scenarios: PageScenario[] };
}

function hostile(): ScenarioResult {
  const cls = "<b>Cls</b>";
  const queue = "q<1>&";
  const trace = new TraceBuilder()
    .add(0, "ready", job(1, "aj</script>", cls, queue))
    .add(0, "started", { ...job(1, "aj</script>", cls, queue), process: "w<x>", thread: 0 })
    .add(5, "failed", { ...job(1, "aj</script>", cls, queue), process: "w<x>", thread: 0, data: { error: "E", message: "<img src=x onerror=alert(2)>" } }).events;
  return result({
    name: "</script><img src=x onerror=alert(3)>",
    description: "<!-- comment -->",
    passed: false,
    error: "</script>\u2028<svg onload=alert(4)>",
    expectations: [{ name: "<u>x</u>", passed: false, message: "<iframe>" }],
    trace,
    jobs: [{ id: 1, className: cls, queue, priority: 0, activeJobId: "aj</script>", status: "failed", args: [ATTACK, { "<k>": "</SCRIPT >" }] }],
  });
}

describe("index.html", () => {
  it("carries user data only as escaped JSON: no markup from it survives", () => {
    const html = renderHtml([hostile()], ["x"]);
    for (const bad of [ATTACK, "<img", "<svg", "<iframe", "<b>Cls", "<u>", "<!-- comment", "</SCRIPT", "w<x>", "q<1>"]) expect(html).not.toContain(bad);
    expect(html.match(/<script/g)).toHaveLength(3); // error hook, data, app
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    const data = pageData(html);
    const sc = data.scenarios[0]!;
    expect(sc.name).toBe("</script><img src=x onerror=alert(3)>");
    expect(sc.error).toBe("</script>\u2028<svg onload=alert(4)>");
    expect(sc.jobs.args[0]).toBe(`${JSON.stringify(ATTACK)}, ${JSON.stringify({ "<k>": "</SCRIPT >" })}`);
    expect(sc.str).toContain("<b>Cls</b>");
  });

  it("builds the DOM with textContent only and allows only its own inline code (CSP hashes)", () => {
    const html = renderHtml([syntheticResult({ jobs: 5 })], ["s"]);
    const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => m[1]!);
    const style = /<style>([^]*?)<\/style>/.exec(html)![1]!;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    const sha = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    expect(scripts).toHaveLength(2);
    expect(csp).toContain(`script-src ${sha(scripts[0]!)} ${sha(scripts[1]!)};`);
    expect(csp).toContain(`style-src ${sha(style)};`);
    expect(csp).toContain("default-src 'none'");
    for (const s of scripts) expect(s).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('<body data-errors="0">');
    expect(html).not.toContain('class="bar"'); // bars exist only once the script ran: a DOM count is exact
  });

  it("has one bar per started event, with the job id", () => {
    const r = syntheticResult({ jobs: 50 });
    const sc = pageData(renderHtml([r], ["s"])).scenarios[0]!;
    const started = r.trace.filter((e) => e.type === "started");
    expect(sc.bars).toBe("dom");
    expect(unpacked(sc.x.lane)).toHaveLength(started.length);
    expect(undelta(sc.x.job)).toEqual(started.map((e) => e.jobId));
    expect(undelta(sc.x.start).map((t) => t + sc.t0)).toEqual(started.map((e) => e.t));
    expect(sc.counts.reduce((a, b) => a + b, 0)).toBe(started.length);
  });

  it("links the executions of one Active Job: one group, in order, across rows and threads", () => {
    const b = new TraceBuilder();
    for (let attempt = 0; attempt < 3; attempt++) {
      const f = { ...job(attempt + 1, "aj-retry"), process: "w", thread: attempt % 2 };
      b.add(attempt * 1000, "started", f);
      if (attempt < 2) b.add(attempt * 1000 + 10, "retried", { ...job(attempt + 1, "aj-retry"), data: { wait: 1 } });
      b.add(attempt * 1000 + 10, "succeeded", f);
    }
    b.add(50, "started", { ...job(9, "aj-other"), process: "w", thread: 1 }).add(60, "succeeded", { ...job(9, "aj-other"), process: "w", thread: 1 });
    const sc = buildPageScenario(result({ trace: b.events }), "s");
    const jobs = undelta(sc.x.job);
    const groups = undelta(sc.x.group);
    const outcomes = unpacked(sc.x.outcome);
    const rows = jobs.map((job, i) => ({ job, group: groups[i], outcome: sc.outcomes[outcomes[i]!] }));
    expect(rows).toEqual([
      { job: 1, group: 0, outcome: "retried" },
      { job: 2, group: 0, outcome: "retried" },
      { job: 3, group: 0, outcome: "succeeded" },
      { job: 9, group: 1, outcome: "succeeded" },
    ]);
    expect(unpacked(sc.jobs.cls)).toHaveLength(2); // one row per Active Job
    expect(undelta(sc.jobs.id)).toEqual([1, 9]);
    expect(sc.lanes.length / 4).toBe(2);
  });

  it("switches to canvas bars above the DOM bar limit and caps the embedded trace rows", () => {
    const b = new TraceBuilder();
    for (let i = 0; i <= DOM_BAR_LIMIT; i++) b.add(i, "started", { ...job(i + 1, `aj-${i}`), process: "w", thread: 0 });
    expect(buildPageScenario(result({ trace: b.events }), "s").bars).toBe("canvas");
    const logs = new TraceBuilder();
    for (let i = 0; i < TRACE_ROW_LIMIT + 5; i++) logs.add(i, "log", { data: { message: "m" } });
    const sc = buildPageScenario(result({ trace: logs.events }), "s");
    expect(sc.events.total).toBe(TRACE_ROW_LIMIT + 5);
    expect(unpacked(sc.events.type)).toHaveLength(TRACE_ROW_LIMIT);
    expect(undelta(sc.events.t).slice(-1)[0]! + sc.t0).toBe(TRACE_ROW_LIMIT - 1);
  });

  it("renders a run with no scenario and a scenario with an empty trace", () => {
    expect(pageData(renderHtml([], [])).scenarios).toEqual([]);
    const sc = buildPageScenario(result({ trace: [], start: 1000 }), "s");
    expect(sc).toMatchObject({ span: [1000, 1010], lanes: [], x: { lane: [] }, jobs: { args: [] }, depth: [], bars: "dom" });
  });

  it("marks scheduled and recurring arrivals, process deaths and queue depth", () => {
    const sc = buildPageScenario(syntheticResult({ jobs: 60 }), "s");
    expect(sc.scheduled.length).toBeGreaterThan(0);
    expect(sc.recurring.length / 2).toBe(6);
    expect(sc.life.filter((_v, i) => i % 4 === 3 && sc.life[i] === 2)).toHaveLength(1);
    expect(sc.depth.map((d) => sc.str[d.q])).toEqual(["default", "mailers", "payments"]);
  });
});
