import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunComparison } from "./compare-runs.js";
import { renderHtml } from "./html-page.js";
import { renderJunit } from "./junit.js";
import { traceFileName, uniqueSlugs } from "./slug.js";
import { writeTraceFile } from "./trace-file.js";
import type { ReportFormat, ScenarioResult } from "./types.js";

// Writes the requested reports into `dir` (created if missing) and returns the paths written:
// json -> <slug>.trace.json per scenario, junit -> junit.xml, html -> index.html.

const FORMATS: readonly ReportFormat[] = ["json", "junit", "html"];

/** `compare`: other runs to show beside these in index.html (`jobsim run --compare`). */
export function writeReports(results: ScenarioResult[], opts: { dir: string; formats: ReportFormat[]; compare?: readonly RunComparison[] }): string[] {
  for (const f of opts.formats) if (!FORMATS.includes(f)) throw new Error(`unknown report format "${String(f)}" (expected one of: ${FORMATS.join(", ")})`);
  const formats = new Set(opts.formats);
  mkdirSync(opts.dir, { recursive: true });
  const slugs = uniqueSlugs(results.map((r) => r.name));
  const written: string[] = [];
  if (formats.has("json")) {
    results.forEach((r, i) => {
      const path = join(opts.dir, traceFileName(slugs[i]!));
      writeTraceFile(path, r.trace);
      written.push(path);
    });
  }
  if (formats.has("junit")) {
    const path = join(opts.dir, "junit.xml");
    writeFileSync(path, renderJunit(results));
    written.push(path);
  }
  if (formats.has("html")) {
    const path = join(opts.dir, "index.html");
    writeFileSync(path, renderHtml(results, slugs, { traceFiles: formats.has("json"), ...(opts.compare !== undefined ? { compare: opts.compare } : {}) }));
    written.push(path);
  }
  return written;
}
