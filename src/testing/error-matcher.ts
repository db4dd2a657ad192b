import type { MatcherState } from "vitest";
import type { ErrorReport } from "../engine/error-reporter.js";

// toHaveReportedError: what was reported to the simulation's Rails.error (`sim.errors`), as
// Rails' assert_error_reported checks it: an error class (or its name), and optionally handled,
// severity, source, a message (text or RegExp) and context entries.

export interface ReportedErrorOptions {
  handled?: boolean;
  severity?: "error" | "warning" | "info";
  source?: string;
  message?: string | RegExp;
  /** Each key must be present in the report's context with an equal value (Dates by time). */
  context?: Record<string, unknown>;
}

type ErrorClassLike = string | (abstract new (...a: any[]) => Error);

export function reportMatches(r: ErrorReport, cls: ErrorClassLike | undefined, o: ReportedErrorOptions): boolean {
  if (cls !== undefined) {
    if (typeof cls === "string" ? r.errorClass !== cls : !(r.error instanceof cls)) return false;
  }
  if (o.handled !== undefined && r.handled !== o.handled) return false;
  if (o.severity !== undefined && r.severity !== o.severity) return false;
  if (o.source !== undefined && r.source !== o.source) return false;
  if (o.message !== undefined && (typeof o.message === "string" ? r.message !== o.message : !o.message.test(r.message))) return false;
  for (const [k, v] of Object.entries(o.context ?? {})) if (!sameValue(r.context[k], v)) return false;
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return toTime(a) === toTime(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function toTime(v: unknown): unknown {
  return v instanceof Date ? v.getTime() : typeof v === "string" ? Date.parse(v) : v;
}

export function describeReport(r: ErrorReport): string {
  return `${r.errorClass} ("${r.message}") handled: ${r.handled}, severity: ${r.severity}, source: ${r.source}${Object.keys(r.context).length ? `, context: ${JSON.stringify(r.context)}` : ""}`;
}

export function toHaveReportedError(this: MatcherState, received: unknown, cls?: ErrorClassLike | ReportedErrorOptions, options: ReportedErrorOptions = {}) {
  if (typeof received !== "object" || received === null || !Array.isArray((received as { errors?: unknown }).errors)) {
    throw new TypeError("toHaveReportedError expects a simulation (or anything with an `errors` list of reports)");
  }
  const reports = (received as { errors: ErrorReport[] }).errors;
  const [c, o] = typeof cls === "object" ? [undefined, cls] : [cls, options];
  const pass = reports.some((r) => reportMatches(r, c, o));
  const name = c === undefined ? "an error" : typeof c === "string" ? c : c.name;
  const wanted = [name, ...Object.entries(o).map(([k, v]) => `${k}: ${v instanceof RegExp ? String(v) : JSON.stringify(v)}`)].join(", ");
  const seen = reports.length === 0 ? "no error was reported" : `reported: ${reports.map(describeReport).join("; ")}`;
  return {
    pass,
    message: () => (pass ? `expected no report matching ${wanted}; ${seen}` : `expected a report matching ${wanted}; ${seen}`),
  };
}
