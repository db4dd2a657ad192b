import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { whatifCommand } from "../../src/cli/whatif.js";
import { parseDuration } from "../../src/job/duration.js";

// The must-show of issue 16: moving one queue (shop_fulfillment) to a worker of its own cuts its
// p95 wait by at least half, in the terminal and on the HTML page. The scenario replays an hour
// of the example app's exported day and a newsletter campaign on the shared worker.

const out = mkdtempSync(join(tmpdir(), "jobsim-whatif-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function capture() {
  const o = { stdout: "", stderr: "" };
  return { o, io: { stdout: (s: string) => void (o.stdout += s), stderr: (s: string) => void (o.stderr += s), isTTY: false } };
}

/** "4m 40.516s" / "979ms" as milliseconds. */
const ms = (text: string) => Math.round(parseDuration(text.replaceAll(" ", "")) * 1000);

/** The terminal table's rows of one queue: config name -> its cells. */
function rowsOf(table: string, queue: string): Map<string, string[]> {
  const lines = table.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`${queue} `));
  const rows = new Map<string, string[]>();
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > start && !l.startsWith(" ")) break;
    const cells = l.slice(18).trim().split(/\s{2,}/);
    rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

describe("jobsim whatif scenarios/rails-app/scenarios/whatif.yml", async () => {
  const { o, io } = capture();
  const code = await whatifCommand(["scenarios/rails-app/scenarios/whatif.yml", "--out", out], io);

  it("passes its compare: expectations", () => {
    expect(o.stderr).not.toMatch(/^jobsim whatif:/m);
    expect(code).toBe(0);
    expect(o.stdout).toMatch(/✓ compare: shop_fulfillment p95 wait under fulfillment apart <= 50% of shared worker's/);
  });

  it("prints each queue's runs side by side, and shop_fulfillment's p95 wait at most half of what it was", () => {
    const rows = rowsOf(o.stdout, "shop_fulfillment");
    expect([...rows.keys()]).toEqual(["shared worker", "fulfillment apart"]);
    const [runsA, , p95A] = rows.get("shared worker")!;
    const [runsB, , p95B, , , change] = rows.get("fulfillment apart")!;
    expect(runsB).toBe(runsA);
    expect(ms(p95B!)).toBeLessThanOrEqual(ms(p95A!) / 2);
    expect(Number(change!.replace("%", ""))).toBeLessThanOrEqual(-50);
    // The other queues of the shared worker are not what changed: shop_critical is as fast.
    const critical = rowsOf(o.stdout, "shop_critical");
    expect(critical.get("fulfillment apart")![2]).toBe(critical.get("shared worker")![2]);
  });

  it("draws both runs on one axis per queue in the HTML page, with the same numbers", () => {
    const html = readFileSync(join(out, "whatif-rails-app-what-if-fulfillment-apart.html"), "utf8");
    const section = html.slice(html.indexOf('<section data-queue="shop_fulfillment">'), html.indexOf("</section>", html.indexOf('<section data-queue="shop_fulfillment">')));
    expect(section.match(/<svg /g)).toHaveLength(1);
    expect(section).toContain('<polyline data-run="shared worker"');
    expect(section).toContain('<polyline data-run="fulfillment apart"');
    const rows = rowsOf(o.stdout, "shop_fulfillment");
    for (const [name, cells] of rows) expect(section).toMatch(new RegExp(`data-run="${name}">.*<td>${cells[2]!.replace(/[.]/g, "\\.")}</td>`));
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
