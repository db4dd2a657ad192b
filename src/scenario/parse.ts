// The scenario file's top level: identity, time, modules, config, settings, setup, services.
// Steps and expectations have their own modules. Everything is checked in one pass so a user
// sees every problem of a file at once.
import { dirname, resolve } from "node:path";
import { effectiveTimeZone, zoneSettingName } from "../schedule/zone-setting.js";
import type { ServiceOutcome } from "../sim/services.js";
import { Issues, ScenarioError } from "./errors.js";
import { Fields, readDuration } from "../config/fields.js";
import { parseExpectations } from "./parse-expect.js";
import { parseCompare } from "./parse-compare.js";
import { readServices } from "./parse-services.js";
export { OUTCOME_KEYS } from "./parse-services.js";
import { parseSteps } from "./parse-steps.js";
import type { ConfigRef, RowsSpec, ScenarioSpec, ServiceScript, SettingsSpec, At } from "./spec.js";
import { resolveTimeText } from "./time.js";
import { describeNode, parseScenarioYaml, toPlain, type SNode, type SourceText } from "./yaml-source.js";

export const TOP_KEYS = [
  "name",
  "description",
  "seed",
  "start",
  "time_zone",
  "tz",
  "jobs",
  "env",
  "config",
  "settings",
  "supervisors",
  "interleaving",
  "setup",
  "services",
  "steps",
  "expect",
  "properties",
  "compare",
] as const;
export const CONFIG_KEYS = ["queue", "recurring", "vars", "cpu_count"] as const;
export const SETUP_KEYS = ["sql", "rows"] as const;
export const SETTINGS_KEYS: Record<string, { prop: keyof SettingsSpec; type: "duration" | "bool" | "mode" }> = {
  process_heartbeat_interval: { prop: "processHeartbeatInterval", type: "duration" },
  process_alive_threshold: { prop: "processAliveThreshold", type: "duration" },
  shutdown_timeout: { prop: "shutdownTimeout", type: "duration" },
  clear_finished_jobs_after: { prop: "clearFinishedJobsAfter", type: "duration" },
  default_concurrency_control_period: { prop: "defaultConcurrencyControlPeriod", type: "duration" },
  preserve_finished_jobs: { prop: "preserveFinishedJobs", type: "bool" },
  supervisor_mode: { prop: "supervisorMode", type: "mode" },
};

export const DEFAULT_START = "2026-01-01 09:00";

/** Parses and validates a scenario's text (modules are not loaded yet). */
export function parseScenario(file: string, text: string): { spec: ScenarioSpec; source: SourceText } {
  const { source, root } = parseScenarioYaml(file, text);
  const issues = new Issues();
  if (root === undefined) throw ScenarioError.at({ file, line: 1, col: 1 }, "the scenario file is empty; it needs at least a name and steps");
  const top = Fields.of(root, "", issues, TOP_KEYS);
  if (top === undefined) issues.throwIfAny();
  const f = top!;

  const name = f.str("name", { required: "a title; report files are named after it" }) ?? "";
  const description = f.str("description");
  const seed = f.has("seed") ? readSeed(f) : 1;

  const { timeZone, tz } = readZones(f, issues);
  let start = resolveTimeText(DEFAULT_START, { start: 0, timeZone })!;
  const startNode = f.node("start");
  if (startNode !== undefined) {
    const text = startNode.kind === "scalar" && typeof startNode.value === "string" ? startNode.value.trim() : undefined;
    const ms = text !== undefined && !text.startsWith("+") && !/^\d{1,2}:\d{2}/.test(text) ? resolveTimeText(text, { start: 0, timeZone }) : undefined;
    if (ms === undefined) {
      issues.add(startNode.pos, `start: cannot read ${describeNode(startNode)} as a start time; use a local date-time "2026-03-02 09:00" (read in ${timeZone}) or an instant "2026-03-02T08:00:00Z"`);
    } else start = ms;
  }
  const ctx = { start, timeZone };

  const spec: ScenarioSpec = {
    file,
    name,
    ...(description !== undefined ? { description } : {}),
    seed,
    start,
    timeZone,
    ...(tz !== undefined ? { tz } : {}),
    jobModules: readModules(f, file),
    env: f.str("env") ?? "development",
    vars: {},
    settings: {},
    supervisors: f.int("supervisors", { min: 0 }) ?? 1,
    interleaving: readInterleaving(f, issues),
    setupRows: [],
    services: [],
    steps: [],
    expectations: [],
    properties: [],
  };
  readConfig(f, source, spec, issues);
  readSettings(f, spec, issues);
  readSetup(f, spec, issues);
  const services = f.node("services");
  if (services !== undefined) spec.services = readServices(services, "services", issues);
  const steps = f.list("steps");
  const props = f.list("properties");
  if (steps !== undefined) spec.steps = parseSteps(steps, { ...ctx, file }, issues);
  else if (!f.has("steps") && props === undefined) issues.add(f.pos, `the scenario needs "steps" (the timeline: enqueue, advance, run_until_idle, ...) or "properties"`);
  const expect = f.list("expect");
  if (expect !== undefined) spec.expectations = parseExpectations(expect, ctx, issues);
  const compare = f.node("compare");
  if (compare !== undefined) {
    const c = parseCompare(compare, source, issues);
    if (c !== undefined) spec.compare = c;
  }
  if (props !== undefined) spec.properties = props;
  issues.throwIfAny();
  return { spec, source };
}

const INTERLEAVINGS = ["seeded", "fifo"] as const;

/** `interleaving: seeded | fifo | { choices: [...] } | { pct: { seed, change_points } }`. */
function readInterleaving(f: Fields, issues: Issues): ScenarioSpec["interleaving"] {
  const n = f.node("interleaving");
  if (n === undefined) return "seeded";
  if (n.kind !== "map") return f.oneOf("interleaving", INTERLEAVINGS) ?? "seeded";
  const g = Fields.of(n, "interleaving", issues, ["choices", "pct"]);
  if (g === undefined) return "seeded";
  const whole = (x: SNode) => x.kind === "scalar" && typeof x.value === "number" && Number.isSafeInteger(x.value) && x.value >= 0;
  const numbers = (list: SNode[] | undefined, label: string): number[] | undefined => {
    if (list === undefined) return undefined;
    const bad = list.find((x) => !whole(x));
    if (bad !== undefined) {
      issues.add(bad.pos, `${label} must be whole numbers (0 or more), got ${describeNode(bad)}`);
      return undefined;
    }
    return list.map((x) => (x as { value: number }).value);
  };
  if (g.has("choices") && g.has("pct")) issues.add(g.pos, "interleaving: give choices or pct, not both");
  const choices = numbers(g.list("choices"), "interleaving.choices");
  if (choices !== undefined) return { choices };
  const pctNode = g.node("pct");
  if (pctNode === undefined) {
    if (!g.has("choices")) issues.add(g.pos, 'interleaving: a mapping needs "choices" (a list) or "pct" ({ seed, change_points })');
    return "seeded";
  }
  const p = Fields.of(pctNode, "interleaving.pct", issues, ["seed", "change_points"]);
  if (p === undefined) return "seeded";
  return { pct: { seed: p.int("seed", { min: 0 }) ?? 1, changePoints: numbers(p.list("change_points"), "interleaving.pct.change_points") ?? [] } };
}

function readSeed(f: Fields): number {
  const n = f.node("seed")!;
  if (n.kind === "scalar" && typeof n.value === "number" && Number.isSafeInteger(n.value)) return n.value;
  f.bad("seed", "a whole number");
  return 1;
}

function readModules(f: Fields, file: string): At<string>[] {
  const n = f.node("jobs");
  if (n === undefined) return [];
  const items = n.kind === "seq" ? n.items : [n];
  const out: At<string>[] = [];
  for (const item of items) {
    if (item.kind === "scalar" && typeof item.value === "string" && item.value.trim() !== "") {
      out.push({ value: resolve(dirname(file), item.value.trim()), pos: item.pos });
    } else f.issues.add(item.pos, `jobs must be a module path (relative to the scenario) or a list of them, got ${describeNode(item)}`);
  }
  return out;
}

function readConfig(top: Fields, source: SourceText, spec: ScenarioSpec, issues: Issues): void {
  const node = top.node("config");
  if (node === undefined) return;
  const f = Fields.of(node, "config", issues, CONFIG_KEYS);
  if (f === undefined) return;
  for (const key of ["queue", "recurring"] as const) {
    const n = f.node(key);
    if (n === undefined) continue;
    const ref = configRef(n, `config.${key}`, `${key}.yml`, source, issues);
    if (ref === undefined) continue;
    if (key === "queue") spec.queueConfig = ref;
    else spec.recurringConfig = ref;
  }
  const cpuCount = f.int("cpu_count", { min: 1 });
  if (cpuCount !== undefined) spec.cpuCount = cpuCount;
  const vars = f.node("vars");
  if (vars !== undefined) {
    const v = Fields.of(vars, "config.vars", issues, vars.kind === "map" ? vars.entries.map((e) => e.key) : []);
    for (const e of v?.map.entries ?? []) {
      if (e.value.kind === "scalar" && e.value.value !== null && typeof e.value.value !== "boolean") spec.vars[e.key] = String(e.value.value);
      else issues.add(e.value.pos, `config.vars.${e.key} must be a text or a number (ENV values are strings), got ${describeNode(e.value)}`);
    }
  }
}

export function configRef(n: SNode, label: string, fileName: string, source: SourceText, issues: Issues): ConfigRef | undefined {
  if (n.kind === "scalar" && typeof n.value === "string" && n.value.trim() !== "") {
    return { kind: "path", path: resolve(dirname(source.file), n.value.trim()), written: n.value.trim(), pos: n.pos };
  }
  if (n.kind === "map") {
    // The file's content written inline: hand its own text to the config loader, with offsets
    // so its messages point into the scenario file.
    if (n.flow) return { kind: "inline", text: source.text.slice(n.start, n.end), lineOffset: n.pos.line - 1, colOffset: n.pos.col - 1, pos: n.pos };
    const from = source.lineStart(n.start);
    return { kind: "inline", text: source.text.slice(from, n.end), lineOffset: n.pos.line - 1, colOffset: 0, pos: n.pos };
  }
  issues.add(n.pos, `${label} must be a path to the ${fileName} file (relative to the scenario) or its content as a mapping, got ${describeNode(n)}`);
  return undefined;
}

function readSettings(top: Fields, spec: ScenarioSpec, issues: Issues): void {
  const node = top.node("settings");
  if (node === undefined) return;
  const f = Fields.of(node, "settings", issues, Object.keys(SETTINGS_KEYS));
  if (f === undefined) return;
  const out = spec.settings as Record<string, unknown>;
  for (const [key, { prop, type }] of Object.entries(SETTINGS_KEYS)) {
    if (!f.has(key)) continue;
    const v = type === "duration" ? f.duration(key) : type === "bool" ? f.bool(key) : f.oneOf(key, ["fork", "async"] as const);
    if (v !== undefined) out[prop] = v;
  }
}

function readSetup(top: Fields, spec: ScenarioSpec, issues: Issues): void {
  const node = top.node("setup");
  if (node === undefined) return;
  const f = Fields.of(node, "setup", issues, SETUP_KEYS);
  if (f === undefined) return;
  const sql = f.str("sql");
  const sqlNode = f.node("sql");
  if (sql !== undefined && sqlNode !== undefined) spec.setupSql = { value: sql, pos: sqlNode.pos, start: sqlNode.start, end: sqlNode.end };
  const rows = f.node("rows");
  if (rows === undefined) return;
  if (rows.kind !== "map") {
    issues.add(rows.pos, `setup.rows must map table names to lists of rows (users: [{ id: 1, email: ada@example.com }]), got ${describeNode(rows)}`);
    return;
  }
  for (const e of rows.entries) {
    const table: RowsSpec = { table: e.key, rows: [], pos: e.keyPos };
    const list = e.value.kind === "seq" ? e.value.items : undefined;
    if (list === undefined) {
      issues.add(e.value.pos, `setup.rows.${e.key} must be a list of rows (mappings of column: value), got ${describeNode(e.value)}`);
      continue;
    }
    list.forEach((item, i) => {
      if (item.kind !== "map" || item.entries.length === 0) {
        issues.add(item.pos, `setup.rows.${e.key}[${i}] must be a mapping of column: value, got ${describeNode(item)}`);
        return;
      }
      table.rows.push({ values: toPlain(item) as Record<string, unknown>, pos: item.pos });
    });
    spec.setupRows.push(table);
  }
}

/**
 * `time_zone` (Solid Queue's, as Rails names zones; null = the process-local zone) and
 * `tz` (the simulated process's TZ). The effective zone reads local times in this file.
 */
function readZones(f: Fields, issues: Issues): { timeZone: string; tz?: string } {
  const zone = (key: string): string | undefined => {
    const text = f.str(key);
    if (text === undefined) return undefined;
    try {
      return zoneSettingName(text);
    } catch (e) {
      issues.add(f.at(key), `${key}: ${(e as Error).message}`);
      return undefined;
    }
  };
  const node = f.node("time_zone");
  const isNull = node?.kind === "scalar" && node.value === null;
  const tz = zone("tz");
  const timeZone = isNull ? null : zone("time_zone");
  return { timeZone: effectiveTimeZone(timeZone, tz), ...(tz !== undefined ? { tz } : {}) };
}
