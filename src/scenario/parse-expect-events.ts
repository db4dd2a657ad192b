// The expectations that read what the run emitted rather than the tables: `trace:` (a trace event
// or one of Solid Queue's / Active Job's instrumentation events, optionally with payload fields)
// and `errors:` (what reached Rails.error).
import { INSTRUMENTATION_NAMES } from "../engine/instrumentation.js";
import { TRACE_TYPES } from "../sim/trace.js";
import { suggest } from "../config/index.js";
import type { Fields } from "../config/fields.js";
import type { Issues } from "./errors.js";
import { countField } from "./compare.js";
import type { At, ExpectCheck } from "./spec.js";
import { describeNode, toPlain } from "./yaml-source.js";

export const TRACE_KEYS = ["type", "job", "queue", "count", "payload"] as const;
export const ERRORS_KEYS = ["class", "message", "handled", "severity", "source", "context", "count"] as const;

/** Every name a `trace:` expectation may count: the trace's own types, then the instrumentation's. */
const EVENT_NAMES: readonly string[] = [...TRACE_TYPES, ...INSTRUMENTATION_NAMES];

/** Whether a trace expectation counts instrumentation events (`claim.solid_queue`), which a
 * scenario keeps only when some expectation asks for them. */
export function isInstrumentationName(type: string): boolean {
  return INSTRUMENTATION_NAMES.includes(type);
}

export function parseTrace(f: Fields, w: string, job: At<string> | undefined, issues: Issues): ExpectCheck | undefined {
  const type = f.str("type", { required: "an event type such as retried, failed, started, or an instrumentation event such as claim.solid_queue" });
  if (type !== undefined && !EVENT_NAMES.includes(type)) {
    const near = suggest(type, EVENT_NAMES);
    issues.add(
      f.at("type"),
      `${w}.type: unknown trace event type ${JSON.stringify(type)}${near !== undefined ? `; did you mean "${near}"?` : ""} (trace types: ${TRACE_TYPES.join(", ")}; instrumentation events: ${INSTRUMENTATION_NAMES.join(", ")})`,
    );
    return undefined;
  }
  const c = countField(f);
  if (c === undefined && !f.has("count")) issues.add(f.pos, `${w} needs "count" (4, ">= 1")`);
  const queue = f.str("queue");
  const payload = mapping(f, "payload", "a mapping of payload fields to match, such as { size: 0 }");
  if (type === undefined || c === undefined) return undefined;
  return {
    kind: "trace",
    type,
    count: c,
    ...(job !== undefined ? { job } : {}),
    ...(queue !== undefined ? { queue } : {}),
    ...(payload !== undefined ? { payload } : {}),
  };
}

export function parseErrors(f: Fields): ExpectCheck {
  const errorClass = f.str("class");
  const message = f.str("message");
  const handled = f.bool("handled");
  const severity = f.oneOf("severity", ["error", "warning", "info"] as const);
  const source = f.str("source");
  const context = mapping(f, "context", "a mapping of context entries, such as { task: nightly }");
  return {
    kind: "errors",
    count: countField(f) ?? { op: ">=", value: 1, text: ">= 1" },
    ...(errorClass !== undefined ? { errorClass } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(handled !== undefined ? { handled } : {}),
    ...(severity !== undefined ? { severity } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(context !== undefined ? { context } : {}),
  };
}

function mapping(f: Fields, key: string, what: string): Record<string, unknown> | undefined {
  const n = f.node(key);
  if (n === undefined) return undefined;
  if (n.kind === "map") return toPlain(n) as Record<string, unknown>;
  f.issues.add(n.pos, `${f.label(key)} must be ${what}, got ${describeNode(n)}`);
  return undefined;
}
