import { createHash } from "node:crypto";
import type { RunComparison } from "./compare-runs.js";
import { buildPageScenario, DOM_BAR_LIMIT } from "./page-model.js";
import { MARK_COLORS, OUTCOME_COLORS, OUTCOME_LABELS } from "./palette.js";
import { PAGE_ERROR_HOOK, PAGE_SCRIPT_MAIN } from "./page-script-main.js";
import { PAGE_SCRIPT_BASE } from "./page-script-base.js";
import { PAGE_SCRIPT_CHARTS } from "./page-script-charts.js";
import { PAGE_SCRIPT_COMPARE } from "./page-script-compare.js";
import { EVENT_STRIDE, EXEC_STRIDE, PAGE_SCRIPT_DATA } from "./page-script-data.js";
import { PAGE_SCRIPT_FAILURES } from "./page-script-failures.js";
import { PAGE_SCRIPT_JOBS } from "./page-script-jobs.js";
import { PAGE_SCRIPT_TABLES } from "./page-script-tables.js";
import { PAGE_SCRIPT_TIMELINE } from "./page-script-timeline.js";
import { PAGE_SCRIPT_TIMELINE_DRAW } from "./page-script-timeline-draw.js";
import { PAGE_SCRIPT_TIMELINE_INPUT } from "./page-script-timeline-input.js";
import { PAGE_STYLE } from "./page-style.js";
import { DEPTH_STRIDE } from "./queue-depth.js";
import { scriptJson } from "./script-json.js";
import { traceFileName } from "./slug.js";
import type { ScenarioResult } from "./types.js";

// index.html: one self-contained page. The markup holds no user data at all; the script builds
// the page from the JSON block with textContent. A CSP allows only these exact inline scripts
// and style (by hash) and no network, so even a mistake in escaping could not run injected code.

const APP = `(function () {\n'use strict';\n${PAGE_SCRIPT_BASE}${PAGE_SCRIPT_DATA}${PAGE_SCRIPT_TIMELINE}${PAGE_SCRIPT_TIMELINE_DRAW}${PAGE_SCRIPT_TIMELINE_INPUT}${PAGE_SCRIPT_FAILURES}${PAGE_SCRIPT_TABLES}${PAGE_SCRIPT_JOBS}${PAGE_SCRIPT_CHARTS}${PAGE_SCRIPT_COMPARE}${PAGE_SCRIPT_MAIN}})();\n`;
const FONT = `system-ui, -apple-system, "Segoe UI", Lato, "DejaVu Sans", sans-serif`;

function hash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const CSP = `default-src 'none'; script-src ${hash(PAGE_ERROR_HOOK)} ${hash(APP)}; style-src ${hash(PAGE_STYLE)}; img-src data:; base-uri 'none'; form-action 'none'`;

/** `traceFiles`: the page names each scenario's <slug>.trace.json, written beside it. `compare`: other runs beside these (`--compare`). */
export function renderHtml(results: readonly ScenarioResult[], slugs: readonly string[], opts: { traceFiles?: boolean; compare?: readonly RunComparison[] } = {}): string {
  const data = {
    scenarios: results.map((r, i) => buildPageScenario(r, slugs[i]!, opts.traceFiles ? traceFileName(slugs[i]!) : undefined)),
    stride: { exec: EXEC_STRIDE, event: EVENT_STRIDE, depth: DEPTH_STRIDE },
    ...(opts.compare !== undefined && opts.compare.length > 0 ? { compare: opts.compare } : {}),
    palette: { outcomes: OUTCOME_COLORS, labels: OUTCOME_LABELS, marks: MARK_COLORS },
    font: FONT,
    domBarLimit: DOM_BAR_LIMIT,
  };
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    "<title>jobsim report</title>",
    `<script>${PAGE_ERROR_HOOK}</script>`,
    `<style>${PAGE_STYLE}</style>`,
    "</head>",
    '<body data-errors="0">',
    '<header class="top"><div class="brand">jobsim <span>report</span></div><div class="run" id="run"></div><nav class="nav" id="nav"></nav></header>',
    '<main id="scenarios"><noscript>This report draws its timeline with JavaScript; please enable it.</noscript></main>',
    `<script type="application/json" id="jobsim-data">${scriptJson(data)}</script>`,
    `<script>${APP}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
