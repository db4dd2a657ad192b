// Rails.error (ActiveSupport::ErrorReporter) as the queue's code uses it: `report(error,
// handled:, severity:, source:, context:)`. Defaults as Rails: handled true, severity :warning
// when handled and :error when not, source "application", context {}. An error object already
// reported is not reported again (Rails marks it), which is why a job that raises is reported
// once, by the executor that wraps it, though on_thread_error reports it too.

export type Severity = "error" | "warning" | "info";

export interface ErrorReport {
  /** Virtual time of the report, epoch ms. */
  t: number;
  /** The error's class name (`exception_class` as in the failed execution). */
  errorClass: string;
  message: string;
  handled: boolean;
  severity: Severity;
  source: string;
  context: Record<string, unknown>;
  /** The error itself (not serialised). */
  error: unknown;
}

export interface ReportOptions {
  handled?: boolean;
  severity?: Severity;
  source?: string;
  context?: Record<string, unknown>;
}

export class ErrorReporter {
  readonly reports: ErrorReport[] = [];
  private readonly seen = new WeakSet<object>();

  constructor(private readonly now: () => number) {}

  report(error: unknown, o: ReportOptions = {}): void {
    if (typeof error === "object" && error !== null) {
      if (this.seen.has(error)) return;
      this.seen.add(error);
    }
    const handled = o.handled ?? true;
    this.reports.push({
      t: this.now(),
      errorClass: errorClassName(error),
      message: error instanceof Error ? error.message : String(error),
      handled,
      severity: o.severity ?? (handled ? "warning" : "error"),
      source: o.source ?? "application",
      context: o.context ?? {},
      error,
    });
  }
}

export function errorClassName(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  return e.constructor?.name && e.constructor.name !== "Error" ? e.constructor.name : e.name;
}

// ---- matching reports: the vitest matcher (testing/error-matcher.ts) and the scenario's
// `errors:` expectation (scenario/expect-events.ts) ask the same question ----

export interface ReportedErrorOptions {
  handled?: boolean;
  severity?: "error" | "warning" | "info";
  source?: string;
  message?: string | RegExp;
  /** Each key must be present in the report's context with an equal value (Dates by time). */
  context?: Record<string, unknown>;
}

export type ErrorClassLike = string | (abstract new (...a: any[]) => Error);

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
