import type { MatcherState } from "vitest";
import { describeReport, reportMatches, type ErrorClassLike, type ErrorReport, type ReportedErrorOptions } from "../engine/error-reporter.js";

export type { ReportedErrorOptions };

// toHaveReportedError: what was reported to the simulation's Rails.error (`sim.errors`), as
// Rails' assert_error_reported checks it: an error class (or its name), and optionally handled,
// severity, source, a message (text or RegExp) and context entries.

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
