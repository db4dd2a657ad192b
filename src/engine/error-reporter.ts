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
