// Expectations: each is a mapping whose first key says what it looks at (job, order, table,
// sql, latency, ...). Each becomes one named testcase (JUnit, vitest); the name is given by
// `name:` or built from what is written.
import { durationMs } from "../job/duration.js";
import { suggest } from "../config/index.js";
import type { Issues } from "./errors.js";
import { countField, readDurationBound, type Comparison } from "./compare.js";
import { Fields } from "../config/fields.js";
import type { At, ExpectCheck, ExpectSpec, JobStatusName, LatencyStat } from "./spec.js";
import { readTime, type TimeContext } from "./time.js";
import { describeNode, toPlain, type SNode } from "./yaml-source.js";
import { ERRORS_KEYS, parseErrors, parseTrace, TRACE_KEYS } from "./parse-expect-events.js";

export const EXPECT_SUBJECTS = ["job", "id", "order", "table", "sql", "latency", "no_failed_jobs", "deliveries", "trace", "errors", "logs", "calls", "invariants"] as const;
export const JOB_KEYS = ["job", "id", "performed", "attempts_at", "tolerance", "final", "queue", "priority", "count", "error", "args", "name"] as const;
export const TABLE_KEYS = ["table", "where", "count", "rows", "name"] as const;
export const SQL_KEYS = ["sql", "rows", "count", "value", "name"] as const;
export const LATENCY_KEYS = ["queue", "job", "p50", "p90", "p95", "p99", "max", "mean"] as const;
export const DELIVERIES_KEYS = ["count", "to", "subject", "mailer", "action"] as const;
export const LOGS_KEYS = ["contains", "matches", "job", "count"] as const;
export const CALLS_KEYS = ["service", "method", "count"] as const;
export const FINAL_STATUSES: readonly JobStatusName[] = ["finished", "failed", "discarded", "scheduled", "ready", "blocked", "claimed"];

const DEFAULT_TOLERANCE_MS = 1000;

export function parseExpectations(items: SNode[], ctx: TimeContext, issues: Issues): ExpectSpec[] {
  const out: ExpectSpec[] = [];
  const names = new Map<string, number>();
  items.forEach((node, i) => {
    const where = `expect[${i}]`;
    if (node.kind !== "map" || node.entries.length === 0) {
      issues.add(node.pos, `${where} must be a mapping such as { job: MyJob, performed: 1 } or { no_failed_jobs: true }, got ${describeNode(node)}`);
      return;
    }
    const subject = node.entries.find((e) => (EXPECT_SUBJECTS as readonly string[]).includes(e.key));
    if (subject === undefined) {
      const first = node.entries.find((e) => e.key !== "name") ?? node.entries[0]!;
      const near = suggest(first.key, EXPECT_SUBJECTS);
      issues.add(first.keyPos, `${where}: unknown expectation "${first.key}"${near !== undefined ? `; did you mean "${near}"?` : ""} (one of ${EXPECT_SUBJECTS.join(", ")})`);
      return;
    }
    const check = parseCheck(subject.key, node, where, ctx, issues);
    if (check === undefined) return;
    const given = node.entries.find((e) => e.key === "name");
    let name = given !== undefined && given.value.kind === "scalar" && given.value.value !== null ? String(given.value.value) : autoName(node);
    const seen = names.get(name) ?? 0;
    names.set(name, seen + 1);
    if (seen > 0) name = `${name} (${seen + 1})`;
    out.push({ name, pos: subject.keyPos, check });
  });
  return out;
}

/** "job ProcessWebhookJob: performed 5, final finished" from what is written. */
function autoName(node: SNode & { kind: "map" }): string {
  const parts = node.entries.filter((e) => e.key !== "name").map((e) => `${e.key} ${show(e.value)}`.trim());
  const [head, ...rest] = parts;
  const name = rest.length === 0 ? head! : `${head}: ${rest.join(", ")}`;
  return name.length > 120 ? `${name.slice(0, 117)}...` : name;
}

function show(n: SNode): string {
  if (n.kind === "scalar") return n.value === true ? "" : String(n.value);
  if (n.kind === "seq") return inline(n);
  return n.entries.map((e) => `${e.key} ${show(e.value)}`.trim()).join(", ");
}

/** A value as one line: [a, b], { k: v }. */
function inline(n: SNode): string {
  if (n.kind === "scalar") return typeof n.value === "string" && /^\s|\s$|^$|[,[\]{}]/.test(n.value) ? JSON.stringify(n.value) : String(n.value);
  if (n.kind === "seq") return `[${n.items.map((i) => inline(i)).join(", ")}]`;
  return `{ ${n.entries.map((e) => `${e.key}: ${inline(e.value)}`).join(", ")} }`;
}

function parseCheck(subject: string, node: SNode & { kind: "map" }, where: string, ctx: TimeContext, issues: Issues): ExpectCheck | undefined {
  switch (subject) {
    case "job":
    case "id":
      return parseJob(node, where, ctx, issues);
    case "order": {
      Fields.of(node, where, issues, ["order", "name"]);
      const list = node.entries.find((e) => e.key === "order")!.value;
      if (list.kind !== "seq" || list.items.length < 2) {
        issues.add(list.pos, `${where}.order must list at least two job classes in the order their first executions start, got ${describeNode(list)}`);
        return undefined;
      }
      const classes = list.items.map((item) => className(item, `${where}.order`, issues)).filter((c): c is At<string> => c !== undefined);
      return classes.length === list.items.length ? { kind: "order", classes } : undefined;
    }
    case "table":
      return parseTable(node, where, issues);
    case "sql":
      return parseSql(node, where, issues);
    case "no_failed_jobs":
    case "invariants": {
      const f = Fields.of(node, where, issues, [subject, "name"])!;
      if (f.bool(subject) === false) issues.add(f.at(subject), `${where}.${subject}: write "${subject}: true" (false checks nothing)`);
      return { kind: subject };
    }
    default:
      return parseNested(subject, node, where, issues);
  }
}

function className(n: SNode, where: string, issues: Issues): At<string> | undefined {
  if (n.kind === "scalar" && typeof n.value === "string" && n.value.trim() !== "") return { value: n.value.trim(), pos: n.pos };
  issues.add(n.pos, `${where} must be a job class name, got ${describeNode(n)}`);
  return undefined;
}

function rowsOf(f: Fields, key: string): Record<string, unknown>[] | undefined {
  const list = f.list(key);
  if (list === undefined) return undefined;
  const rows: Record<string, unknown>[] = [];
  for (const item of list) {
    if (item.kind !== "map") f.issues.add(item.pos, `${f.label(key)} must be a list of rows (mappings of column: value), got ${describeNode(item)}`);
    else rows.push(toPlain(item) as Record<string, unknown>);
  }
  return rows;
}

function parseJob(node: SNode, where: string, ctx: TimeContext, issues: Issues): ExpectCheck | undefined {
  const f = Fields.of(node, where, issues, JOB_KEYS)!;
  if (f.has("job") && f.has("id")) issues.add(f.keyPos("id"), `${where}: use either job (a class) or id (one job row), not both`);
  const cls = f.node("job");
  const check: ExpectCheck & { kind: "job" } = { kind: "job", tolerance: DEFAULT_TOLERANCE_MS };
  if (cls !== undefined) {
    const c = className(cls, `${where}.job`, issues);
    if (c === undefined) return undefined;
    check.className = c;
  } else {
    const id = f.int("id", { min: 1 });
    if (id === undefined) return undefined;
    check.id = id;
  }
  const performed = countField(f, "performed");
  if (performed !== undefined) check.performed = performed;
  const tolerance = f.duration("tolerance");
  if (tolerance !== undefined) check.tolerance = durationMs(tolerance);
  const attempts = f.list("attempts_at");
  if (attempts !== undefined) {
    const times: number[] = [];
    const relative: boolean[] = [];
    attempts.forEach((item, i) => {
      const w = `${where}.attempts_at[${i}]`;
      const text = item.kind === "scalar" && typeof item.value === "string" ? item.value.trim() : undefined;
      const offset = text !== undefined ? relativeMs(text) : undefined;
      if (offset !== undefined) {
        times.push(offset);
        relative.push(true);
        return;
      }
      const t = readTime(item, `${w} (an offset from the job's first enqueue such as "+3s", or a time)`, ctx, issues);
      if (t !== undefined) {
        times.push(t);
        relative.push(false);
      }
    });
    check.attemptsAt = { times, relative };
  }
  const final = f.oneOf("final", FINAL_STATUSES);
  if (final !== undefined) check.final = final;
  const queue = f.str("queue");
  if (queue !== undefined) check.queue = queue;
  const priority = f.node("priority");
  if (priority !== undefined) {
    if (priority.kind === "scalar" && typeof priority.value === "number" && Number.isSafeInteger(priority.value)) check.priority = priority.value;
    else f.bad("priority", "a whole number");
  }
  const c = countField(f);
  if (c !== undefined) check.count = c;
  const error = f.str("error");
  if (error !== undefined) check.error = error;
  const args = f.list("args");
  if (args !== undefined) check.args = args.map(toPlain);
  if (f.keys().filter((k) => k !== "job" && k !== "id" && k !== "name" && k !== "tolerance").length === 0) {
    issues.add(f.pos, `${where}: say what to check about the job: performed, attempts_at, final, queue, priority, count, error or args`);
  }
  return check;
}

/** "+3s" or "3s": milliseconds from the job's first enqueue. */
function relativeMs(text: string): number | undefined {
  const body = text.startsWith("+") ? text.slice(1) : text;
  if (!text.startsWith("+") && !/^[\d.]+\s*[a-z]*$/i.test(text)) return undefined;
  try {
    return durationMs(body);
  } catch {
    return undefined;
  }
}

function parseTable(node: SNode, where: string, issues: Issues): ExpectCheck | undefined {
  const f = Fields.of(node, where, issues, TABLE_KEYS)!;
  const table = f.str("table");
  if (table === undefined) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) {
    issues.add(f.at("table"), `${where}.table must be a table name (letters, digits, _), got ${JSON.stringify(table)}`);
    return undefined;
  }
  const check: ExpectCheck & { kind: "table" } = { kind: "table", table };
  const w = f.str("where");
  if (w !== undefined) check.where = w;
  const c = countField(f);
  if (c !== undefined) check.count = c;
  const rows = rowsOf(f, "rows");
  if (rows !== undefined) check.rows = rows;
  if (c === undefined && rows === undefined) issues.add(f.pos, `${where}: give count (3, ">= 1") or rows ([{ column: value }]) for table ${table}`);
  return check;
}

function parseSql(node: SNode, where: string, issues: Issues): ExpectCheck | undefined {
  const f = Fields.of(node, where, issues, SQL_KEYS)!;
  const sql = f.str("sql");
  if (sql === undefined) return undefined;
  const check: ExpectCheck & { kind: "sql" } = { kind: "sql", sql, hasValue: f.has("value") };
  const rows = rowsOf(f, "rows");
  if (rows !== undefined) check.rows = rows;
  const c = countField(f);
  if (c !== undefined) check.count = c;
  if (check.hasValue) check.value = toPlain(f.node("value")!);
  if (rows === undefined && c === undefined && !check.hasValue) issues.add(f.pos, `${where}: give rows, count or value for the query`);
  return check;
}

function parseNested(subject: string, node: SNode & { kind: "map" }, where: string, issues: Issues): ExpectCheck | undefined {
  Fields.of(node, where, issues, [subject, "name"]);
  const value = node.entries.find((e) => e.key === subject)!.value;
  const w = `${where}.${subject}`;
  const keys = { latency: LATENCY_KEYS, deliveries: DELIVERIES_KEYS, trace: TRACE_KEYS, errors: ERRORS_KEYS, logs: LOGS_KEYS, calls: CALLS_KEYS }[subject as "latency"];
  const f = Fields.of(value, w, issues, keys);
  if (f === undefined) return undefined;
  const job = f.node("job") === undefined ? undefined : className(f.node("job")!, `${w}.job`, issues);
  const withJob = job !== undefined ? { job } : {};
  switch (subject) {
    case "latency": {
      const bounds: { stat: LatencyStat; bound: Comparison }[] = [];
      for (const stat of ["p50", "p90", "p95", "p99", "max", "mean"] as const) {
        const n = f.node(stat);
        if (n === undefined) continue;
        const bound = readDurationBound(n, `${w}.${stat}`, issues);
        if (bound !== undefined) bounds.push({ stat, bound });
      }
      if (!["p50", "p90", "p95", "p99", "max", "mean"].some((s) => f.has(s))) issues.add(f.pos, `${w} needs a bound: p50, p90, p95, p99, max or mean, e.g. p95: "< 5s"`);
      const queue = f.str("queue");
      return { kind: "latency", bounds, ...withJob, ...(queue !== undefined ? { queue } : {}) };
    }
    case "deliveries": {
      const opt = (k: string) => f.str(k);
      const [to, subj, mailer, action] = [opt("to"), opt("subject"), opt("mailer"), opt("action")];
      return {
        kind: "deliveries",
        count: countField(f) ?? { op: ">=", value: 1, text: ">= 1" },
        ...(to !== undefined ? { to } : {}),
        ...(subj !== undefined ? { subject: subj } : {}),
        ...(mailer !== undefined ? { mailer } : {}),
        ...(action !== undefined ? { action } : {}),
      };
    }
    case "trace":
      return parseTrace(f, w, job, issues);
    case "errors":
      return parseErrors(f);
    case "logs": {
      const contains = f.str("contains");
      const matchesText = f.str("matches");
      let matches: RegExp | undefined;
      if (matchesText !== undefined) {
        try {
          matches = new RegExp(matchesText);
        } catch (e) {
          issues.add(f.at("matches"), `${w}.matches is not a regular expression: ${(e as Error).message}`);
        }
      }
      if (contains === undefined && matchesText === undefined) issues.add(f.pos, `${w} needs "contains" (a text) or "matches" (a regular expression)`);
      return {
        kind: "logs",
        count: countField(f) ?? { op: ">=", value: 1, text: ">= 1" },
        ...withJob,
        ...(contains !== undefined ? { contains } : {}),
        ...(matches !== undefined ? { matches } : {}),
      };
    }
    default: {
      const service = f.str("service", { required: "the service name, as in services:" });
      const method = f.str("method");
      const c = countField(f);
      if (c === undefined && !f.has("count")) issues.add(f.pos, `${w} needs "count"`);
      if (service === undefined || c === undefined) return undefined;
      return { kind: "calls", service, count: c, ...(method !== undefined ? { method } : {}) };
    }
  }
}
