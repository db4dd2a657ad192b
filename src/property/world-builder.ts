// The one "world from spec" builder: a simulation from its options, then the app's setup SQL,
// fixture rows and scripted services. Scenarios (scenario/build.ts), property campaigns and
// `jobsim fuzz` (property/world.ts) all build their worlds here, so a scenario and the
// counterexample a campaign writes from it start from the same world. A problem in the setup is
// an InputError at the line that wrote it when the spec carries positions (a scenario file),
// unpositioned otherwise (a world given in code).
import type { SourcePos } from "../config/index.js";
import { InputError, issueAt } from "../config/issues.js";
import type { ServiceOutcome } from "../sim/services.js";
import { createSimulation, type Simulation, type SimulationOptions } from "../sim/simulation.js";
import { quoteIdentifier } from "../store/sql-identifier.js";
import type { ServiceScripts } from "./world-case.js";

export interface WorldSpec {
  /** Everything but the setup SQL, which runs after the simulation starts (so it can be positioned). */
  options: Omit<SimulationOptions, "setupSql">;
  setupSql?: SetupSql;
  rows?: readonly TableRows[];
  services?: readonly ServiceSetup[];
}

export interface SetupSql {
  sql: string;
  pos?: SourcePos;
  /** Where a statement of `sql` is written (the statement's first line), for its errors. */
  locate?: (statement: string) => SourcePos | undefined;
}

export interface TableRows {
  table: string;
  rows: readonly { values: Record<string, unknown>; pos?: SourcePos }[];
  pos?: SourcePos;
}

export interface ServiceSetup {
  service: string;
  method: string;
  /** A list is consumed call by call; a single outcome answers every call (after any list). */
  script?: ServiceOutcome[];
  otherwise?: ServiceOutcome;
}

/** The simulation of a spec; disposed again when its setup fails. */
export async function buildWorld(spec: WorldSpec): Promise<Simulation> {
  const sim = await createSimulation(spec.options);
  try {
    applySetup(sim, spec);
    applyServices(sim, spec.services);
  } catch (e) {
    sim.dispose();
    throw e;
  }
  return sim;
}

/** What a spec puts in the database: its setup SQL, then its fixture rows (a WorldTemplate's
 * setup, run once for many worlds: property/world.ts). */
export function applySetup(sim: Simulation, spec: Pick<WorldSpec, "setupSql" | "rows">): void {
  if (spec.setupSql !== undefined) runSetupSql(sim, spec.setupSql);
  for (const t of spec.rows ?? []) insertRows(sim, t);
}

/** The scripted services of a spec. */
export function applyServices(sim: Simulation, services: readonly ServiceSetup[] = []): void {
  for (const s of services) {
    const stub = sim.services.get(s.service);
    if (s.script !== undefined) stub.script(s.method, s.script);
    if (s.otherwise !== undefined) stub.otherwise(s.method, s.otherwise);
  }
}

/** Rows given as plain data ({ table: [row, ...] }), as property worlds give them. */
export function tableRows(rows: Record<string, Record<string, unknown>[]> | undefined): TableRows[] {
  return Object.entries(rows ?? {}).map(([table, list]) => ({ table, rows: list.map((values) => ({ values })) }));
}

/** Service scripts given as plain data ({ service: { method: outcome or [outcomes] } }). */
export function serviceSetups(scripts: ServiceScripts | undefined): ServiceSetup[] {
  const out: ServiceSetup[] = [];
  for (const [service, methods] of Object.entries(scripts ?? {})) {
    for (const [method, outcomes] of Object.entries(methods)) out.push(Array.isArray(outcomes) ? { service, method, script: outcomes } : { service, method, otherwise: outcomes });
  }
  return out;
}

/** Runs setup SQL statement by statement, so an error names the statement's own line. */
function runSetupSql(sim: Simulation, setup: SetupSql): void {
  const it = sim.db.raw.iterateStatements(setup.sql);
  const where = (statement: string) => setup.locate?.(statement) ?? setup.pos;
  try {
    for (const stmt of it) {
      const text = stmt.getSQL();
      try {
        sim.db.exec(text);
      } catch (e) {
        throw sqlProblem(e, where(text));
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    // A statement that does not even prepare: it starts where the unread text starts.
    throw sqlProblem(e, where(it.getRemainingSQL()));
  }
}

function sqlProblem(e: unknown, pos: SourcePos | undefined): InputError {
  const message = e instanceof Error ? e.message.replace(/^SQL error: /, "") : String(e);
  return new InputError(issueAt(pos, `setup.sql: ${e instanceof Error ? "SQL error: " : ""}${message}`));
}

function insertRows(sim: Simulation, t: TableRows): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.table)) throw new InputError(issueAt(t.pos, `setup.rows: ${JSON.stringify(t.table)} is not a table name (letters, digits, _)`));
  for (const row of t.rows) {
    const cols = Object.keys(row.values);
    const values = cols.map((c) => sqlValue(row.values[c]));
    const sql = `INSERT INTO ${quoteIdentifier(t.table)} (${cols.map(quoteIdentifier).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`;
    try {
      sim.db.run(sql, values);
    } catch (e) {
      throw new InputError(issueAt(row.pos, `setup.rows.${t.table}: ${(e as Error).message.replace(/ in: .*$/s, "")}`));
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
