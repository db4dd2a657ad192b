// The timeline: each step is a mapping with one action and, optionally, `at:` (the world first
// runs up to that time). Values are checked here; names of job classes once modules are loaded.
import { parseDuration } from "../job/duration.js";
import type { Issues } from "./errors.js";
import { Fields, readDuration } from "../config/fields.js";
import { readServices } from "./parse-services.js";
import { parseReplay, type StepContext } from "./parse-replay.js";
import type { ArrivalsSpec, At, EnqueueSpec, ProcessAction, StepAction, StepSpec } from "./spec.js";
import { readTime, type TimeContext } from "./time.js";
import { describeNode, toPlain, type SNode } from "./yaml-source.js";

const PROCESS_ACTIONS = ["kill", "crash", "stop", "quit", "stop_heartbeats"] as const;
export const STEP_ACTIONS = [
  "enqueue",
  "arrivals",
  "advance",
  ...PROCESS_ACTIONS,
  "pause",
  "resume",
  "fail_sql",
  "crash_at_await",
  "jump_clock",
  "run_until",
  "run_until_idle",
  "sql",
  "replay",
  "services",
] as const;
/** A bound that keeps a typo (count: 1e9) from looking like a hang. */
export const MAX_JOBS_PER_STEP = 1_000_000;

export const ENQUEUE_KEYS = ["job", "args", "wait", "wait_until", "queue", "priority", "count", "each_slice"] as const;
export const EACH_SLICE_KEYS = ["sql", "size"] as const;
export const ARRIVALS_KEYS = ["job", "args", "rate", "count", "for", "spacing", "queue", "priority", "wait"] as const;
export const FAIL_SQL_KEYS = ["match", "nth", "times", "error", "message", "origin"] as const;
export const CRASH_AT_AWAIT_KEYS = ["job", "await", "how", "once"] as const;
export const RUN_UNTIL_IDLE_KEYS = ["horizon"] as const;

export function parseSteps(items: SNode[], ctx: StepContext, issues: Issues): StepSpec[] {
  const steps: StepSpec[] = [];
  items.forEach((node, i) => {
    const label = `steps[${i}]`;
    if (node.kind !== "map") {
      issues.add(node.pos, `${label} must be a mapping with one action (${STEP_ACTIONS.slice(0, 4).join(", ")}, ...), got ${describeNode(node)}`);
      return;
    }
    const f = Fields.of(node, label, issues, [...STEP_ACTIONS, "at"])!;
    const actions = f.keys().filter((k) => (STEP_ACTIONS as readonly string[]).includes(k));
    let at: number | undefined;
    const atNode = f.node("at");
    if (atNode !== undefined) at = readTime(atNode, `${label}.at`, ctx, issues);
    if (actions.length > 1) {
      issues.add(f.keyPos(actions[1]!), `${label} does one thing; it has ${actions.map((a) => `"${a}"`).join(" and ")}: split it into ${actions.length} steps`);
      return;
    }
    if (actions.length === 0) {
      if (atNode !== undefined) steps.push({ label, key: "at", ...(at !== undefined ? { at } : {}), pos: node.pos, action: { kind: "wait" } });
      else if (node.entries.length === 0) issues.add(node.pos, `${label} has no action; use one of ${STEP_ACTIONS.join(", ")}`);
      return;
    }
    const key = actions[0]!;
    const action = parseAction(key, f.node(key)!, `${label}.${key}`, ctx, issues);
    if (action !== undefined) steps.push({ label, key, ...(at !== undefined ? { at } : {}), pos: f.keyPos(key), action });
  });
  return steps;
}

function parseAction(key: string, n: SNode, where: string, ctx: StepContext, issues: Issues): StepAction | undefined {
  switch (key) {
    case "enqueue": {
      const enqueue = parseEnqueue(n, where, ctx, issues);
      return enqueue === undefined ? undefined : { kind: "enqueue", enqueue };
    }
    case "arrivals": {
      const arrivals = parseArrivals(n, where, issues);
      return arrivals === undefined ? undefined : { kind: "arrivals", arrivals };
    }
    case "advance": {
      const seconds = readDuration(n, where, issues);
      return seconds === undefined ? undefined : { kind: "advance", seconds };
    }
    case "jump_clock": {
      const seconds = readDuration(n, where, issues, true);
      return seconds === undefined ? undefined : { kind: "jump_clock", seconds };
    }
    case "pause":
    case "resume": {
      const queue = text(n, where, "a queue name", issues);
      return queue === undefined ? undefined : { kind: key, queue };
    }
    case "sql": {
      const sql = text(n, where, "SQL to run on the app's tables", issues);
      return sql === undefined ? undefined : { kind: "sql", sql };
    }
    case "run_until": {
      const time = readTime(n, where, ctx, issues);
      return time === undefined ? undefined : { kind: "run_until", time };
    }
    case "run_until_idle":
      return parseRunUntilIdle(n, where, issues);
    case "fail_sql":
      return parseFailSql(n, where, issues);
    case "crash_at_await":
      return parseCrashAtAwait(n, where, issues);
    case "replay":
      return parseReplay(n, where, ctx, issues, parseSteps);
    case "services":
      return { kind: "services", services: readServices(n, where, issues) };
    default: {
      const selector = text(n, where, 'a process: worker:0, dispatcher:0, scheduler:0, supervisor:0 (the n-th live one) or a process name', issues);
      return selector === undefined ? undefined : { kind: "process", action: key as ProcessAction, selector };
    }
  }
}

function text(n: SNode, where: string, what: string, issues: Issues): string | undefined {
  if (n.kind === "scalar" && typeof n.value === "string" && n.value.trim() !== "") return n.value.trim();
  issues.add(n.pos, `${where} must be ${what}, got ${describeNode(n)}`);
  return undefined;
}

function jobName(n: SNode | undefined, f: Fields, issues: Issues): At<string> | undefined {
  if (n === undefined) {
    issues.add(f.pos, `${f.where} needs "job" (a job class name)`);
    return undefined;
  }
  const name = text(n, f.label("job"), "a job class name", issues);
  return name === undefined ? undefined : { value: name, pos: n.pos };
}

function args(f: Fields): unknown[] {
  const n = f.node("args");
  if (n === undefined) return [];
  if (n.kind === "seq") return n.items.map(toPlain);
  f.bad("args", "a list of arguments, e.g. [1] or [{ id: 7 }]");
  return [];
}

function parseEnqueue(n: SNode, where: string, ctx: TimeContext, issues: Issues): EnqueueSpec | undefined {
  if (n.kind === "scalar") {
    const name = text(n, where, "a job class name or a mapping { job, args, wait, ... }", issues);
    return name === undefined ? undefined : { job: { value: name, pos: n.pos }, args: [], count: 1 };
  }
  const f = Fields.of(n, where, issues, ENQUEUE_KEYS);
  if (f === undefined) return undefined;
  const job = jobName(f.node("job"), f, issues);
  const spec: EnqueueSpec = { job: job ?? { value: "", pos: f.pos }, args: args(f), count: f.int("count", { min: 1, max: MAX_JOBS_PER_STEP }) ?? 1 };
  const wait = f.duration("wait");
  if (wait !== undefined) spec.wait = wait;
  const untilNode = f.node("wait_until");
  if (untilNode !== undefined) {
    const t = readTime(untilNode, `${where}.wait_until`, ctx, issues);
    if (t !== undefined) spec.waitUntil = t;
  }
  const queue = f.str("queue");
  if (queue !== undefined) spec.queue = queue;
  const priority = readPriority(f);
  if (priority !== undefined) spec.priority = priority;
  const sliceNode = f.node("each_slice");
  if (sliceNode !== undefined) {
    const s = Fields.of(sliceNode, `${where}.each_slice`, issues, EACH_SLICE_KEYS);
    const sql = s?.str("sql", { required: "a SELECT whose first column gives the ids" });
    const size = s?.int("size", { min: 1, required: "how many ids per job" });
    if (s !== undefined && sql !== undefined && size !== undefined) spec.eachSlice = { sql, size, pos: s.at("sql") };
    if (f.has("count")) issues.add(f.keyPos("count"), `${where}: use either count or each_slice, not both`);
  }
  return job === undefined ? undefined : spec;
}

function readPriority(f: Fields): number | undefined {
  const n = f.node("priority");
  if (n === undefined) return undefined;
  if (n.kind === "scalar" && typeof n.value === "number" && Number.isSafeInteger(n.value)) return n.value;
  return f.bad("priority", "a whole number (smaller runs first)");
}

const RATE = /^\s*(\d+(?:\.\d+)?)\s*(?:\/|per\s+)\s*(.+?)\s*$/;

/** Arrivals per second of "120/hour", "2/s", "10 per minute", "30/5m". */
export function parseRate(text: string): number | undefined {
  const m = RATE.exec(text);
  if (m === null) return undefined;
  const unit = /^[A-Za-z]/.test(m[2]!) ? `1${m[2]}` : m[2]!;
  try {
    const seconds = parseDuration(unit);
    return seconds > 0 ? Number(m[1]) / seconds : undefined;
  } catch {
    return undefined;
  }
}

function parseArrivals(n: SNode, where: string, issues: Issues): ArrivalsSpec | undefined {
  const f = Fields.of(n, where, issues, ARRIVALS_KEYS);
  if (f === undefined) return undefined;
  const job = jobName(f.node("job"), f, issues);
  const duration = f.duration("for", { required: "the period arrivals last, e.g. 8h" });
  let rate: number | undefined;
  const rateNode = f.node("rate");
  if (rateNode !== undefined) {
    rate = rateNode.kind === "scalar" && typeof rateNode.value === "string" ? parseRate(rateNode.value) : undefined;
    if (rate === undefined) issues.add(rateNode.pos, `${where}.rate: cannot read ${describeNode(rateNode)} as a rate; use "<number>/<unit>" such as "120/hour", "2/s", "30/5m", "10 per minute"`);
  }
  const count = f.int("count", { min: 0, max: MAX_JOBS_PER_STEP });
  if (rateNode === undefined && count === undefined && !f.has("count")) issues.add(f.pos, `${where} needs "rate" (e.g. 120/hour) or "count" (how many over the period)`);
  if (rateNode !== undefined && f.has("count")) issues.add(f.keyPos("count"), `${where}: give either rate or count, not both`);
  if (job === undefined || duration === undefined) return undefined;
  if (duration <= 0) {
    issues.add(f.at("for"), `${where}.for must be longer than 0s`);
    return undefined;
  }
  if (count !== undefined) rate = count / duration;
  if (rate === undefined) return undefined;
  if (rate * duration > MAX_JOBS_PER_STEP) {
    issues.add(rateNode?.pos ?? f.pos, `${where}: ${Math.round(rate * duration).toLocaleString("en-US")} arrivals over the period; a step enqueues at most ${MAX_JOBS_PER_STEP.toLocaleString("en-US")} jobs`);
    return undefined;
  }
  const spec: ArrivalsSpec = { job, args: args(f), rate, duration, spacing: f.oneOf("spacing", ["even", "poisson"] as const) ?? "even" };
  const queue = f.str("queue");
  if (queue !== undefined) spec.queue = queue;
  const priority = readPriority(f);
  if (priority !== undefined) spec.priority = priority;
  const wait = f.duration("wait");
  if (wait !== undefined) spec.wait = wait;
  return spec;
}

function parseRunUntilIdle(n: SNode, where: string, issues: Issues): StepAction | undefined {
  if (n.kind === "scalar" && (n.value === true || n.value === null)) return { kind: "run_until_idle" };
  const f = Fields.of(n, where, issues, RUN_UNTIL_IDLE_KEYS);
  if (f === undefined) return undefined;
  const horizon = f.duration("horizon");
  return horizon === undefined ? { kind: "run_until_idle" } : { kind: "run_until_idle", horizon };
}

function parseFailSql(n: SNode, where: string, issues: Issues): StepAction | undefined {
  const f = Fields.of(n, where, issues, FAIL_SQL_KEYS);
  if (f === undefined) return undefined;
  const match = f.str("match", { required: "text the SQL statement contains, e.g. INSERT INTO payments" });
  const error = f.str("error");
  const message = f.str("message");
  const action: StepAction = {
    kind: "fail_sql",
    match: match ?? "",
    nth: f.int("nth", { min: 1 }) ?? 1,
    times: f.int("times", { min: 1 }) ?? 1,
    origin: f.oneOf("origin", ["app", "engine", "any"] as const) ?? "app",
    ...(error !== undefined ? { error } : {}),
    ...(message !== undefined ? { message } : {}),
  };
  return match === undefined ? undefined : action;
}

function parseCrashAtAwait(n: SNode, where: string, issues: Issues): StepAction | undefined {
  const f = Fields.of(n, where, issues, CRASH_AT_AWAIT_KEYS);
  if (f === undefined) return undefined;
  const job = jobName(f.node("job"), f, issues);
  const at = f.int("await", { min: 1, required: "which scheduling point of the job (1 = its first await)" });
  const how = f.oneOf("how", ["kill", "crash"] as const) ?? "kill";
  const once = f.bool("once") ?? true;
  if (job === undefined || at === undefined) return undefined;
  return { kind: "crash_at_await", job, await: at, how, once };
}
