// Evaluating expectations after the timeline ran. Each gives passed + a message saying what was
// expected and what happened. They read the trace, the tables and the recorded side effects
// (deliveries, logs, service calls); never engine internals.
import type { ExpectationResult } from "../report/types.js";
import type { JobOutline } from "../sim/job-views.js";
import type { JobTable } from "./job-table.js";
import type { Simulation } from "../sim/simulation.js";
import type { TraceEvent, TraceEvents } from "../sim/trace.js";
import { countText, holds, showMs } from "./compare.js";
import { ScenarioError } from "./errors.js";
import { checkErrors, checkTrace } from "./expect-events.js";
import { executionWaits, statistic } from "./latency.js";
import type { ExpectCheck, ExpectSpec } from "./spec.js";
import { showOffset, showTime } from "./time.js";

export interface EvalContext {
  sim: Simulation;
  /** Every job row with its status, read once after the run. */
  jobs: JobTable;
  events: TraceEvents;
  timeZone: string;
  /** The invariant violation, if one was found while running or at the end. */
  invariantError?: string;
}

/** measured / focus: what the reports show beside the verdict (report/types.ts ExpectationResult). */
type Outcome = Pick<ExpectationResult, "passed" | "message" | "measured" | "focus">;

export function evaluate(e: ExpectSpec, ctx: EvalContext): ExpectationResult {
  let outcome: Outcome;
  try {
    outcome = check(e.check, ctx);
  } catch (err) {
    // SQL in an expectation that does not run is bad input, as setup SQL is.
    throw ScenarioError.at(e.pos, `${e.name}: ${(err as Error).message}`);
  }
  return { ...outcome, name: e.name };
}

const ok: Outcome = { passed: true };
const fail = (message: string): Outcome => ({ passed: false, message });

function check(c: ExpectCheck, ctx: EvalContext): Outcome {
  switch (c.kind) {
    case "job":
      return checkJob(c, ctx);
    case "order":
      return checkOrder(c.classes.map((x) => x.value), ctx);
    case "table": {
      const where = c.where !== undefined ? ` WHERE ${c.where}` : "";
      const problems: string[] = [];
      let measured: string | undefined;
      if (c.count !== undefined) {
        const n = Number(ctx.sim.db.value(`SELECT COUNT(*) FROM "${c.table}"${where}`));
        measured = `${n} rows in ${c.table}${where}`;
        if (!holds(c.count, n)) problems.push(`expected ${countText(c.count)} rows in ${c.table}${where}; found ${n}`);
      }
      if (c.rows !== undefined) {
        const p = compareRows(c.rows, ctx.sim.db.all(`SELECT * FROM "${c.table}"${where} ORDER BY rowid`));
        if (p !== undefined) problems.push(`${c.table}${where}: ${p}`);
      }
      return { ...(problems.length === 0 ? ok : fail(problems.join("; "))), ...(measured !== undefined ? { measured } : {}) };
    }
    case "sql": {
      const rows = ctx.sim.db.all(c.sql);
      const problems: string[] = [];
      if (c.count !== undefined && !holds(c.count, rows.length)) problems.push(`expected ${countText(c.count)} rows; the query returned ${rows.length}`);
      if (c.rows !== undefined) {
        const p = compareRows(c.rows, rows);
        if (p !== undefined) problems.push(p);
      }
      if (c.hasValue) {
        const first = rows[0] === undefined ? undefined : Object.values(rows[0])[0];
        if (first === undefined) problems.push(`expected the value ${show(c.value)}; the query returned no rows`);
        else if (!sameValue(c.value, first)) problems.push(`expected the value ${show(c.value)}; got ${show(first)}`);
      }
      return problems.length === 0 ? ok : fail(problems.join("; "));
    }
    case "latency":
      return checkLatency(c, ctx);
    case "no_failed_jobs": {
      const failed = ctx.jobs.all.filter((j) => j.status === "failed");
      if (failed.length === 0) return { passed: true, measured: "0 failed jobs" };
      const list = failed.slice(0, 5).map((j) => `job ${j.id} ${j.className}${j.error ? ` (${j.error.exceptionClass}: ${j.error.message})` : ""}`);
      return { ...fail(`expected no failed jobs; ${failed.length} failed: ${list.join(", ")}${failed.length > 5 ? ", ..." : ""}`), focus: { failed: true } };
    }
    case "deliveries": {
      const all = ctx.sim.deliveries;
      const match = all.filter(
        (d) =>
          (c.to === undefined || (Array.isArray(d.to) ? d.to.includes(c.to) : d.to === c.to)) &&
          (c.subject === undefined || d.subject.includes(c.subject)) &&
          (c.mailer === undefined || d.mailer === c.mailer) &&
          (c.action === undefined || d.action === c.action),
      );
      if (holds(c.count, match.length)) return ok;
      const filters = [c.to && `to ${c.to}`, c.subject && `subject containing "${c.subject}"`, c.mailer && `from ${c.mailer}`, c.action && `action ${c.action}`].filter(Boolean).join(", ");
      const seen = all.slice(0, 5).map((d) => `${d.mailer}#${d.action} to ${String(d.to)} "${d.subject}"`);
      return fail(`expected ${countText(c.count)} deliveries${filters ? ` (${filters})` : ""}; found ${match.length} of ${all.length} delivered${seen.length ? `: ${seen.join("; ")}` : ""}`);
    }
    case "trace":
      return checkTrace(c, ctx.sim, ctx.events);
    case "errors":
      return checkErrors(c, ctx.sim.errors);
    case "logs": {
      const match = ctx.sim.logs.filter(
        (l) =>
          (c.job === undefined || l.jobClass === c.job.value) &&
          (c.contains === undefined || l.message.includes(c.contains)) &&
          (c.matches === undefined || c.matches.test(l.message)),
      );
      if (holds(c.count, match.length)) return ok;
      const pattern = c.contains !== undefined ? `containing "${c.contains}"` : `matching /${c.matches!.source}/`;
      const recent = ctx.sim.logs.slice(-5).map((l) => JSON.stringify(l.message));
      return fail(`expected ${countText(c.count)} log lines ${pattern}${c.job ? ` from ${c.job.value}` : ""}; found ${match.length} (of ${ctx.sim.logs.length}${recent.length ? `; last: ${recent.join(", ")}` : ""})`);
    }
    case "calls": {
      const calls = ctx.sim.services.calls().filter((x) => x.service === c.service && (c.method === undefined || x.method === c.method));
      const what = `${c.service}${c.method !== undefined ? `.${c.method}` : ""}`;
      return holds(c.count, calls.length) ? ok : fail(`expected ${countText(c.count)} calls to ${what}; found ${calls.length}`);
    }
    case "invariants":
      return ctx.invariantError === undefined ? ok : fail(ctx.invariantError);
  }
}

// ---- jobs ----

function checkJob(c: ExpectCheck & { kind: "job" }, ctx: EvalContext): Outcome {
  const { sim, events } = ctx;
  let rows: JobOutline[];
  let label: string;
  let inSelection: (e: TraceEvent) => boolean;
  if (c.className !== undefined) {
    const name = c.className.value;
    rows = ctx.jobs.all.filter((j) => j.className === name);
    label = name;
    inSelection = (e) => e.jobClass === name;
  } else {
    const row = ctx.jobs.get(c.id!);
    if (row === undefined) return fail(`no job with id ${c.id} (${ctx.jobs.all.length} job rows exist)`);
    rows = ctx.jobs.all.filter((j) => j.activeJobId === row.activeJobId);
    label = `job ${c.id} (${row.className})`;
    inSelection = (e) => e.activeJobId === row.activeJobId;
  }
  const problems: string[] = [];
  // Start times only: the events themselves would be 100,000 objects held for a count.
  const starts: number[] = [];
  for (const e of events) if (e.type === "started" && inSelection(e)) starts.push(e.t);
  const logical = groupByActiveJob(rows);

  if (c.count !== undefined && !holds(c.count, logical.size)) problems.push(`expected ${countText(c.count)} ${label} jobs enqueued; found ${logical.size}`);
  if (c.performed !== undefined && !holds(c.performed, starts.length)) {
    problems.push(`expected ${countText(c.performed)} executions of ${label}; ${starts.length} started${starts.length ? ` (at ${starts.map((t) => showTime(t, ctx.timeZone)).join(", ")})` : ""}`);
  }
  if (c.attemptsAt !== undefined) {
    const first = events.find((e) => e.type === "enqueued" && inSelection(e));
    const base = first?.t ?? sim.now();
    const actual = starts;
    const expected = c.attemptsAt.times.map((t, i) => (c.attemptsAt!.relative[i] ? base + t : t));
    const close = actual.length === expected.length && actual.every((t, i) => Math.abs(t - expected[i]!) <= c.tolerance);
    if (!close) {
      const fmt = (ts: number[]) => (ts.length === 0 ? "none" : ts.map((t) => showOffset(t - base)).join(", "));
      problems.push(`expected ${label} executions to start at ${fmt(expected)} (±${showMs(c.tolerance)}, from its first enqueue at ${showTime(base, ctx.timeZone)}); they started at ${fmt(actual)}`);
    }
  }
  if (c.final !== undefined || c.error !== undefined) {
    if (logical.size === 0) problems.push(`no ${label} job was enqueued`);
    const bad: string[] = [];
    const discards = discardsByRow(events);
    for (const jobRows of logical.values()) {
      const last = jobRows[jobRows.length - 1]!;
      const discard = discards.get(last.id);
      const status = last.status === "finished" && discard !== undefined ? "discarded" : last.status;
      const error = last.error?.exceptionClass ?? discard;
      const wrongStatus = c.final !== undefined && status !== c.final;
      const wrongError = c.error !== undefined && error !== c.error;
      if (wrongStatus || wrongError) bad.push(`job ${last.id} is ${status}${error !== undefined ? ` (${error}${last.error ? `: ${last.error.message}` : ""})` : ""}`);
    }
    if (bad.length > 0) {
      const want = [c.final, c.error !== undefined ? `with ${c.error}` : undefined].filter(Boolean).join(" ");
      problems.push(`expected every ${label} to end ${want}; ${bad.slice(0, 5).join(", ")}${bad.length > 5 ? `, ... (${bad.length} in all)` : ""}`);
    }
  }
  if (c.queue !== undefined) {
    const other = rows.filter((r) => r.queueName !== c.queue);
    if (rows.length === 0) problems.push(`no ${label} job was enqueued, so none on ${c.queue}`);
    else if (other.length > 0) problems.push(`expected ${label} on queue ${c.queue}; ${other.length} of ${rows.length} rows are on ${[...new Set(other.map((r) => r.queueName))].join(", ")}`);
  }
  if (c.priority !== undefined) {
    const other = rows.filter((r) => r.priority !== c.priority);
    if (rows.length === 0) problems.push(`no ${label} job was enqueued`);
    else if (other.length > 0) problems.push(`expected ${label} with priority ${c.priority}; ${other.length} of ${rows.length} rows have ${[...new Set(other.map((r) => r.priority))].join(", ")}`);
  }
  if (c.args !== undefined) {
    const firsts = [...logical.values()].map((r) => stripAj(r[0]!.args));
    if (!firsts.some((a) => deepEqual(a, c.args))) {
      problems.push(`expected a ${label} enqueued with arguments ${JSON.stringify(c.args)}; got ${firsts.slice(0, 5).map((a) => JSON.stringify(a)).join(", ") || "no jobs"}`);
    }
  }
  const measured = `${logical.size} ${label} job${logical.size === 1 ? "" : "s"}, ${starts.length} execution${starts.length === 1 ? "" : "s"}`;
  const focus = c.className !== undefined ? { jobClass: c.className.value } : { jobId: c.id! };
  return problems.length === 0 ? { passed: true, measured, focus } : { ...fail(problems.join("; ")), measured, focus };
}

function groupByActiveJob(rows: readonly JobOutline[]): Map<string, JobOutline[]> {
  const out = new Map<string, JobOutline[]>();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const list = out.get(r.activeJobId);
    if (list === undefined) out.set(r.activeJobId, [r]);
    else list.push(r);
  }
  return out;
}

/** The error each discarded row was discarded for (discard_on finishes the row: "discarded" to a person). */
function discardsByRow(events: TraceEvents): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of events) if (e.type === "discarded" && e.jobId !== undefined) out.set(e.jobId, String(e.data?.error ?? "discarded"));
  return out;
}

/** Stored arguments without Active Job's markers (_aj_symbol_keys, ...), to compare with YAML. */
function stripAj(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripAj);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!k.startsWith("_aj_")) out[k] = stripAj(x);
    return out;
  }
  return v;
}

function checkOrder(classes: string[], ctx: EvalContext): Outcome {
  const first = new Map<string, TraceEvent>();
  for (const e of ctx.events) if (e.type === "started" && e.jobClass !== undefined && !first.has(e.jobClass)) first.set(e.jobClass, e);
  const missing = classes.filter((c) => !first.has(c));
  if (missing.length > 0) return fail(`expected ${classes.join(" → ")}; ${missing.join(", ")} never started`);
  const actual = [...classes].sort((a, b) => first.get(a)!.seq - first.get(b)!.seq);
  if (actual.every((c, i) => c === classes[i])) return ok;
  return fail(`expected first executions in the order ${classes.join(" → ")}; they started ${actual.map((c) => `${c} at ${showTime(first.get(c)!.t, ctx.timeZone)}`).join(" → ")}`);
}

function checkLatency(c: ExpectCheck & { kind: "latency" }, ctx: EvalContext): Outcome {
  const waits = executionWaits(ctx.events, (jobClass, queue) => (c.queue === undefined || queue === c.queue) && (c.job === undefined || jobClass === c.job.value));
  const where = [c.queue !== undefined ? `on ${c.queue}` : "on all queues", c.job !== undefined ? `for ${c.job.value}` : ""].filter(Boolean).join(" ");
  const focus = {
    ...(c.queue !== undefined ? { queue: c.queue } : {}),
    ...(c.job !== undefined ? { jobClass: c.job.value } : {}),
    latency: c.bounds.map(({ stat, bound }) => ({ stat, op: bound.op, ms: bound.value })),
  };
  if (waits.length === 0) return { ...fail(`no executions started ${where}, so no latency to measure`), focus };
  const sorted = waits.map((w) => w.ms).sort((a, b) => a - b);
  const problems: string[] = [];
  for (const { stat, bound } of c.bounds) {
    const v = statistic(sorted, stat);
    if (!holds(bound, v)) problems.push(`expected ${stat} wait ${where} ${bound.text}; it is ${showMs(v)}`);
  }
  // The measured values beside their bounds, pass or fail: a latency creeping up shows early.
  const measured = `${c.bounds.map(({ stat, bound }) => `${stat} ${showMs(statistic(sorted, stat))} (${bound.text})`).join(", ")} over ${sorted.length} executions ${where}`;
  if (problems.length === 0) return { passed: true, measured, focus };
  const summary = `${sorted.length} executions: p50 ${showMs(statistic(sorted, "p50"))}, p95 ${showMs(statistic(sorted, "p95"))}, p99 ${showMs(statistic(sorted, "p99"))}, max ${showMs(statistic(sorted, "max"))}`;
  return { ...fail(`${problems.join("; ")} (${summary})`), measured, focus };
}

// ---- rows ----

/** Each expected row is compared on its own columns, in order; undefined when they match. */
function compareRows(expected: readonly Record<string, unknown>[], actual: readonly Record<string, unknown>[]): string | undefined {
  const pick = (row: Record<string, unknown>, like: Record<string, unknown>) => Object.fromEntries(Object.keys(like).map((k) => [k, row[k]]));
  const mismatch =
    expected.length !== actual.length ||
    expected.some((want, i) => Object.keys(want).some((k) => !(k in actual[i]!) || !sameValue(want[k], actual[i]![k])));
  if (!mismatch) return undefined;
  const like = expected[0] ?? {};
  const shown = actual.slice(0, 10).map((r) => JSON.stringify(pick(r, like)));
  return `expected rows ${JSON.stringify(expected)}; got ${actual.length} row${actual.length === 1 ? "" : "s"}${shown.length ? ` ${shown.join(", ")}${actual.length > 10 ? ", ..." : ""}` : ""}`;
}

function sameValue(want: unknown, got: unknown): boolean {
  if (typeof want === "boolean") return got === (want ? 1 : 0) || got === want;
  if (want !== null && typeof want === "object") {
    if (typeof got !== "string") return false;
    try {
      return deepEqual(JSON.parse(got), want);
    } catch {
      return false;
    }
  }
  if (want === undefined) return got === null || got === undefined;
  return want === got;
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
