import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serializeTrace } from "../sim/trace.js";
import { renderHtml } from "./html-page.js";
import { renderJunit } from "./junit.js";
import { traceFileName, uniqueSlugs } from "./slug.js";
import type { ReportFormat, ScenarioResult } from "./types.js";

// Writes the requested reports into `dir` (created if missing) and returns the paths written:
// json -> <slug>.trace.json per scenario, junit -> junit.xml, html -> index.html.

export function writeReports(results: ScenarioResult[], opts: { dir: string; formats: ReportFormat[] }): string[] {
  const formats = new Set(opts.formats);
  for (const f of formats) if (f !== "json" && f !== "junit" && f !== "html") throw new Error(`unknown report format "${String(f)}" (expected json, junit or html)`);
  mkdirSync(opts.dir, { recursive: true });
  const slugs = uniqueSlugs(results.map((r) => r.name));
  const written: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(opts.dir, name);
    writeFileSync(path, text);
    written.push(path);
  };
  if (formats.has("json")) results.forEach((r, i) => write(traceFileName(slugs[i]!), serializeTrace(r.trace)));
  if (formats.has("junit")) write("junit.xml", renderJunit(results));
  if (formats.has("html")) write("index.html", renderHtml(results, slugs, { traceFiles: formats.has("json") }));
  return written;
}
