// The simulation a scenario describes: config files, seed, start, zone, settings, the app's
// schema and fixture rows, scripted services. Bad config and bad SQL become ScenarioErrors
// pointing at the scenario (or the config file) line that caused them.
import { choiceStrategy, pctStrategy } from "../sim/strategy.js";
import { Random } from "../sim/random.js";
import { existsSync, statSync } from "node:fs";
import { relative } from "node:path";
import { ConfigError, formatPos, loadQueueConfig, loadRecurringConfig, type QueueConfig, type RecurringConfig } from "../config/index.js";
import type { SourcePos } from "../config/index.js";
import { createSimulation, type Simulation, type SimulationOptions } from "../sim/simulation.js";
import { SqlError } from "../store/database.js";
import { issueAt, ScenarioError, type ScenarioIssue } from "./errors.js";
import type { LoadedScenario } from "./load.js";
import type { ConfigRef, ScenarioSpec } from "./spec.js";
import type { SourceText } from "./yaml-source.js";

export interface Built {
  sim: Simulation;
  /** Config warnings (Solid Queue would log them), positioned. */
  warnings: string[];
}

export async function buildSimulation(loaded: LoadedScenario, opts: { seed?: number; invariants?: boolean } = {}): Promise<Built> {
  const { spec, modules } = loaded;
  const warnings: string[] = [];
  const queueConfig = spec.queueConfig === undefined ? undefined : readQueueConfig(spec, spec.queueConfig);
  const recurring = spec.recurringConfig === undefined ? undefined : readRecurringConfig(spec, spec.recurringConfig);
  if (queueConfig !== undefined) warnings.push(...queueConfig.warnings);
  if (recurring !== undefined) warnings.push(...recurring.warnings);
  const options: SimulationOptions = {
    jobs: modules.jobs,
    errors: modules.errors,
    models: modules.models,
    seed: opts.seed ?? spec.seed,
    start: spec.start,
    timeZone: spec.timeZone,
    settings: spec.settings,
    supervisors: spec.supervisors,
    interleaving: strategyOf(spec.interleaving),
    invariants: opts.invariants ?? true,
    ...(queueConfig !== undefined ? { queueConfig } : {}),
    ...(recurring !== undefined ? { recurring } : {}),
  };
  let sim: Simulation;
  try {
    sim = await createSimulation(options);
  } catch (e) {
    if (e instanceof ConfigError) throw new ScenarioError(configIssues(e));
    throw ScenarioError.at(spec.recurringConfig?.pos ?? { file: spec.file, line: 1, col: 1 }, `cannot build the simulation: ${(e as Error).message}`);
  }
  try {
    if (spec.setupSql !== undefined) runSetupSql(sim, spec.setupSql, loaded.source);
    insertRows(sim, spec);
    scriptServices(sim, spec);
  } catch (e) {
    sim.dispose();
    throw e;
  }
  return { sim, warnings };
}

/** A config loader's issues; a heading line ("Invalid recurring tasks:") gets its position too. */
function configIssues(e: ConfigError): ScenarioIssue[] {
  return e.issues.map((i) => {
    if (i.pos === undefined) return { message: i.message };
    const prefix = `${formatPos(i.pos)}: `;
    return { message: i.message.startsWith(prefix) ? i.message : prefix + i.message, pos: i.pos };
  });
}

function checkPath(ref: ConfigRef & { kind: "path" }, key: string): void {
  const shown = relative(process.cwd(), ref.path) || ref.path;
  if (!existsSync(ref.path)) throw ScenarioError.at(ref.pos, `config.${key}: file not found: ${shown} (paths are relative to the scenario file)`);
  if (statSync(ref.path).isDirectory()) throw ScenarioError.at(ref.pos, `config.${key}: ${shown} is a folder, not a YAML file`);
}

function configError(e: unknown, ref: ConfigRef, key: string): never {
  if (!(e instanceof ConfigError)) throw e;
  const issues = configIssues(e);
  if (ref.kind === "path") issues.push(issueAt(ref.pos, `(config.${key} loads ${ref.written} from here)`));
  throw new ScenarioError(issues);
}

function readQueueConfig(spec: ScenarioSpec, ref: ConfigRef): QueueConfig {
  const common = { env: spec.env, vars: spec.vars };
  try {
    if (ref.kind === "path") {
      checkPath(ref, "queue");
      return loadQueueConfig({ ...common, path: ref.path });
    }
    return loadQueueConfig({ ...common, text: ref.text, path: spec.file, lineOffset: ref.lineOffset, colOffset: ref.colOffset });
  } catch (e) {
    return configError(e, ref, "queue");
  }
}

function readRecurringConfig(spec: ScenarioSpec, ref: ConfigRef): RecurringConfig {
  const common = { env: spec.env, vars: spec.vars };
  try {
    if (ref.kind === "path") {
      checkPath(ref, "recurring");
      return loadRecurringConfig({ ...common, path: ref.path });
    }
    return loadRecurringConfig({ ...common, text: ref.text, path: spec.file, lineOffset: ref.lineOffset, colOffset: ref.colOffset });
  } catch (e) {
    return configError(e, ref, "recurring");
  }
}

/** Runs setup SQL statement by statement, so an error names the statement's own line. */
function runSetupSql(sim: Simulation, setup: NonNullable<ScenarioSpec["setupSql"]>, source: SourceText): void {
  const sql = setup.value;
  const it = sim.db.raw.iterateStatements(sql);
  try {
    for (const stmt of it) {
      const text = stmt.getSQL();
      try {
        sim.db.exec(text);
      } catch (e) {
        throw sqlProblem(e, statementPos(source, setup, text));
      }
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    // A statement that does not even prepare: it starts where the unread text starts.
    const remaining = it.getRemainingSQL();
    throw sqlProblem(e, statementPos(source, setup, remaining));
  }
}

function sqlProblem(e: unknown, pos: SourcePos): ScenarioError {
  const message = e instanceof Error ? e.message.replace(/^SQL error: /, "") : String(e);
  return ScenarioError.at(pos, `setup.sql: ${e instanceof SqlError || e instanceof Error ? "SQL error: " : ""}${message}`);
}

/** Where a statement of the setup SQL is written in the scenario file. */
function statementPos(source: SourceText, setup: NonNullable<ScenarioSpec["setupSql"]>, statement: string): SourcePos {
  const firstLine = statement.trimStart().split("\n")[0]!.trimEnd();
  if (firstLine !== "") {
    const found = source.text.indexOf(firstLine, setup.start);
    if (found >= 0 && found < setup.end) return source.pos(found);
  }
  return setup.pos;
}

function insertRows(sim: Simulation, spec: ScenarioSpec): void {
  for (const t of spec.setupRows) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.table)) throw ScenarioError.at(t.pos, `setup.rows: ${JSON.stringify(t.table)} is not a table name (letters, digits, _)`);
    for (const row of t.rows) {
      const cols = Object.keys(row.values);
      const values = cols.map((c) => sqlValue(row.values[c]));
      const sql = `INSERT INTO "${t.table}" (${cols.map((c) => `"${c.replaceAll('"', '""')}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`;
      try {
        sim.db.run(sql, values);
      } catch (e) {
        throw ScenarioError.at(row.pos, `setup.rows.${t.table}: ${(e as Error).message.replace(/ in: .*$/s, "")}`);
      }
    }
  }
}

/** Objects and lists are stored as JSON text (a JSON column); booleans as 1 / 0, as SQLite does. */
function sqlValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number" || typeof v === "string") return v;
  return JSON.stringify(v);
}

function scriptServices(sim: Simulation, spec: ScenarioSpec): void {
  for (const s of spec.services) {
    const stub = sim.services.get(s.service);
    if (s.script !== undefined) stub.script(s.method, s.script);
    if (s.otherwise !== undefined) stub.otherwise(s.method, s.otherwise);
  }
}

/** The scenario's interleaving as the simulation's strategy option. */
function strategyOf(i: ScenarioSpec["interleaving"]): SimulationOptions["interleaving"] {
  if (typeof i === "string") return i;
  if ("choices" in i) return choiceStrategy(i.choices);
  return pctStrategy(new Random(i.pct.seed), i.pct.changePoints);
}
