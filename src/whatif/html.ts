// The what-if page: one self-contained HTML file (no script, no external asset). For each
// queue, the runs on one axis: p95 wait per time bucket, one line per config, the same time
// and wait scales for all of them; then the side-by-side numbers of the terminal table.
// Everything taken from the user's files (names, queues) is escaped.
import { showMs } from "../scenario/compare.js";
import type { VariantRun } from "./run.js";
import { change, queueNames, showWait, statsOf } from "./table.js";

const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
const W = 760;
const H = 220;
const PAD = { left: 64, right: 16, top: 12, bottom: 28 };

export function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

export interface PageInput {
  title: string;
  runs: readonly VariantRun[];
  /** Lines shown under the title (the search, the expectations' outcomes). */
  notes?: string[];
  timeZone?: string;
}

export function whatIfPage(input: PageInput): string {
  const { runs } = input;
  const legend = runs.map((r, i) => `<li><span class="swatch" style="background:${colour(i)}"></span>${escapeHtml(r.variant.name)}${r.variant.detail !== undefined ? ` <small>${escapeHtml(r.variant.detail)}</small>` : ""}</li>`).join("");
  const charts = queueNames(runs).map((q) => queueSection(q, runs, input.timeZone ?? "UTC")).join("\n");
  const notes = (input.notes ?? []).map((n) => `<li>${escapeHtml(n)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
.swatch{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px}
ul.legend{list-style:none;padding:0}ul.legend li{margin:2px 0}
table{border-collapse:collapse;margin-top:6px}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}
td:first-child,th:first-child{text-align:left}
svg text{font-size:11px;fill:#444}svg .grid{stroke:#eee}svg .axis{stroke:#888}
</style></head><body>
<h1>${escapeHtml(input.title)}</h1>
<ul class="legend">${legend}</ul>
${notes !== "" ? `<ul class="notes">${notes}</ul>` : ""}
${charts}
</body></html>
`;
}

function colour(i: number): string {
  return COLOURS[i % COLOURS.length]!;
}

function queueSection(queue: string, runs: readonly VariantRun[], timeZone: string): string {
  const base = runs[0] === undefined ? undefined : statsOf(runs[0], queue);
  const rows = runs
    .map((r, i) => {
      const q = statsOf(r, queue);
      const w = q?.wait;
      const cells = [
        `<td><span class="swatch" style="background:${colour(i)}"></span>${escapeHtml(r.variant.name)}</td>`,
        `<td>${q?.executions ?? 0}</td>`,
        ...(["p50", "p95", "p99", "max"] as const).map((s) => `<td>${escapeHtml(showWait(w?.[s] ?? NaN))}</td>`),
        `<td>${i === 0 ? "" : escapeHtml(change(w?.p95 ?? NaN, base?.wait.p95 ?? NaN))}</td>`,
        `<td>${q?.peakDepth ?? 0}</td>`,
        `<td>${(q?.throughput ?? 0).toFixed(1)}</td>`,
        `<td>${q?.failed ?? 0}</td>`,
        `<td>${q?.retried ?? 0}</td>`,
      ];
      return `<tr data-run="${escapeHtml(r.variant.name)}">${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<section data-queue="${escapeHtml(queue)}">
<h2>${escapeHtml(queue)}</h2>
${chart(queue, runs, timeZone)}
<table><thead><tr><th>config</th><th>runs</th><th>wait p50</th><th>p95</th><th>p99</th><th>max</th><th>p95 vs first</th><th>peak depth</th><th>done/h</th><th>failed</th><th>retried</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

/** p95 wait per bucket, every run on the same axes. */
function chart(queue: string, runs: readonly VariantRun[], timeZone: string): string {
  const series = runs.map((r) => statsOf(r, queue)?.series ?? []);
  const start = Math.min(...runs.map((r) => r.stats.start));
  const end = Math.max(...runs.map((r) => r.stats.end), start + 1);
  const top = niceTop(Math.max(1, ...series.flatMap((s) => s.map((p) => p[1]))));
  const x = (t: number) => PAD.left + ((t - start) / (end - start)) * (W - PAD.left - PAD.right);
  const y = (ms: number) => H - PAD.bottom - (ms / top) * (H - PAD.top - PAD.bottom);
  const grid: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    grid.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(showMs(v))}</text>`);
  }
  for (let k = 0; k <= 6; k++) {
    const t = start + ((end - start) * k) / 6;
    grid.push(`<text x="${x(t).toFixed(1)}" y="${H - 8}" text-anchor="middle">${escapeHtml(clock(t, timeZone))}</text>`);
  }
  const lines = series
    .map((s, i) => {
      if (s.length === 0) return "";
      const pts = s.map(([t, ms]) => `${x(t).toFixed(1)},${y(ms).toFixed(1)}`).join(" ");
      return `<polyline data-run="${escapeHtml(runs[i]!.variant.name)}" fill="none" stroke="${colour(i)}" stroke-width="1.6" points="${pts}"/>`;
    })
    .join("\n");
  return `<svg role="img" aria-label="p95 wait over time on ${escapeHtml(queue)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
${grid.join("\n")}
<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}"/>
${lines}
</svg>`;
}

function niceTop(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function clock(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(t);
}
