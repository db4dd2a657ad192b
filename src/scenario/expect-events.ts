// Evaluating `trace:` and `errors:` expectations (parse-expect-events.ts): counts of trace or
// instrumentation events, optionally those whose payload has the given fields, and counts of
// Rails.error reports.
import { describeReport, errorClassName, reportMatches, type ErrorReport } from "../engine/error-reporter.js";
import type { ExpectationResult } from "../report/types.js";
import type { Simulation } from "../sim/simulation.js";
import type { TraceEvent, TraceEvents, TraceType } from "../sim/trace.js";
import { countText, holds } from "./compare.js";
import { isInstrumentationName } from "./parse-expect-events.js";
import type { ExpectCheck } from "./spec.js";

type Outcome = Pick<ExpectationResult, "passed" | "message" | "measured">;

/** What a trace or instrumentation event offers to the filters. */
interface Seen {
  jobClass: string | undefined;
  queue: string | undefined;
  payload: Record<string, unknown>;
}

export function checkTrace(c: ExpectCheck & { kind: "trace" }, sim: Simulation, events: TraceEvents): Outcome {
  const what = `${c.type} events${c.job ? ` of ${c.job.value}` : ""}${c.queue ? ` on ${c.queue}` : ""}${c.payload ? ` with ${JSON.stringify(c.payload)}` : ""}`;
  const instrumentation = isInstrumentationName(c.type);
  if (!instrumentation && c.job === undefined && c.queue === undefined && c.payload === undefined) {
    // The trace's own count stays exact when `traceLimit` drops old events.
    const n = sim.trace.count(c.type as TraceType);
    return holds(c.count, n) ? { passed: true, measured: `${n} ${what}` } : { passed: false, message: `expected ${countText(c.count)} ${what}; found ${n}`, measured: `${n} ${what}` };
  }
  const seen: Seen[] = instrumentation
    ? sim.notifications.filter((n) => n.name === c.type).map((n) => ({ jobClass: jobOf(n.payload)?.className, queue: jobOf(n.payload)?.queueName, payload: n.payload }))
    : events.filter((e) => e.type === c.type).map((e) => ({ jobClass: e.jobClass, queue: e.queue, payload: traceFields(e) }));
  const n = seen.filter(
    (s) =>
      (c.job === undefined || s.jobClass === c.job.value) &&
      (c.queue === undefined || s.queue === c.queue) &&
      (c.payload === undefined || matchesValue(c.payload, s.payload)),
  ).length;
  if (holds(c.count, n)) return { passed: true, measured: `${n} ${what}` };
  const examples = c.payload === undefined ? [] : seen.slice(0, 3).map((s) => JSON.stringify(plain(s.payload)));
  return {
    passed: false,
    message: `expected ${countText(c.count)} ${what}; found ${n}${examples.length ? ` (of ${seen.length} ${c.type} events; payloads such as ${examples.join(", ")})` : ""}`,
    measured: `${n} ${what}`,
  };
}

export function checkErrors(c: ExpectCheck & { kind: "errors" }, reports: readonly ErrorReport[]): Outcome {
  const options = {
    ...(c.handled !== undefined ? { handled: c.handled } : {}),
    ...(c.severity !== undefined ? { severity: c.severity } : {}),
    ...(c.source !== undefined ? { source: c.source } : {}),
    ...(c.context !== undefined ? { context: c.context } : {}),
  };
  const n = reports.filter((r) => reportMatches(r, c.errorClass, options) && (c.message === undefined || r.message.includes(c.message))).length;
  const filters = [c.errorClass, ...Object.entries(options).map(([k, v]) => `${k}: ${JSON.stringify(v)}`), c.message !== undefined ? `message containing "${c.message}"` : undefined].filter(Boolean);
  const what = `error reports${filters.length ? ` (${filters.join(", ")})` : ""}`;
  if (holds(c.count, n)) return { passed: true, measured: `${n} ${what}` };
  const shown = reports.slice(0, 5).map(describeReport);
  return {
    passed: false,
    message: `expected ${countText(c.count)} ${what}; found ${n} of ${reports.length} reported${shown.length ? `: ${shown.join("; ")}${reports.length > 5 ? "; ..." : ""}` : ""}`,
    measured: `${n} ${what}`,
  };
}

/** A trace event's fields under the names the trace JSON uses, its data beside them. */
function traceFields(e: TraceEvent): Record<string, unknown> {
  const { t: _t, seq: _seq, type: _type, data, ...fields } = e;
  return { ...fields, ...data };
}

/** The Active Job in an instrumentation payload (`job:`), if any. */
function jobOf(payload: Record<string, unknown>): { className: string; queueName: string } | undefined {
  const job = payload.job as { className?: unknown; queueName?: unknown } | undefined;
  return job !== undefined && typeof job.className === "string" && typeof job.queueName === "string" ? { className: job.className, queueName: job.queueName } : undefined;
}

/**
 * Whether `actual` has what `want` says: a mapping matches an object having those keys (each
 * matching, snake_case keys also read as camelCase, so `job: { queue_name: low }` reads
 * `job.queueName`); a list matches an array element by element; a text matches an error by its
 * class name and an Active Job by its class name; anything else by equality.
 */
export function matchesValue(want: unknown, actual: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(actual) && actual.length === want.length && want.every((w, i) => matchesValue(w, actual[i]));
  if (want !== null && typeof want === "object") {
    if (actual === null || typeof actual !== "object") return false;
    const obj = actual as Record<string, unknown>;
    return Object.entries(want).every(([k, w]) => matchesValue(w, k in obj ? obj[k] : obj[camel(k)]));
  }
  if (typeof want === "string" && actual !== null && typeof actual === "object") {
    if (actual instanceof Error) return errorClassName(actual) === want;
    const cls = (actual as { className?: unknown }).className;
    return cls === want;
  }
  if (want === null) return actual === null || actual === undefined;
  return want === actual;
}

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A payload for a message: jobs and errors by name. */
function plain(v: unknown): unknown {
  if (v instanceof Error) return errorClassName(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") {
    const cls = (v as { className?: unknown }).className;
    if (typeof cls === "string") return cls;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}
