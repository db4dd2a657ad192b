import { fileURLToPath } from "node:url";
import type { AnyJobClass } from "../job/registry.js";
import type { Simulation, SimulationOptions } from "../sim/simulation.js";
import type { TableOptions } from "./app-state.js";
import type { CounterexampleWorld } from "./property.js";
import type { WorldBase } from "./world.js";
import type { ServiceScripts } from "./world-case.js";

// What every built-in property takes to build its world: the job classes, the app's schema and
// fixtures, scripted services, and where the job classes live (so a counterexample file can
// import them again).

export type Setup = string | { sql?: string; rows?: Record<string, Record<string, unknown>[]> };

export interface WorldOptions {
  /** Job classes besides the one(s) under test (jobs they enqueue, say). */
  jobs?: readonly AnyJobClass[];
  /** The app's schema: SQL, or SQL plus fixture rows per table. */
  setup?: Setup;
  services?: ServiceScripts;
  /** Code run on each fresh simulation (cannot be written to a counterexample file). */
  prepare?: (sim: Simulation) => void | Promise<void>;
  /** Other simulation options: start, timeZone, settings, errors, models. */
  simulation?: WorldBase["options"];
  /** The module(s) exporting the job classes: a path or import.meta-style URL. Counterexample
   * files name them so `jobsim run` can load the classes. */
  module?: string | URL | readonly (string | URL)[];
  /** Which app tables / columns to compare or report. */
  tables?: TableOptions;
}

export function worldBase(opts: WorldOptions, classes: readonly AnyJobClass[]): WorldBase {
  const setup = typeof opts.setup === "string" ? { sql: opts.setup } : (opts.setup ?? {});
  const jobs = [...new Set([...classes, ...(opts.jobs ?? [])])];
  const base: WorldBase = { jobs };
  if (setup.sql !== undefined) base.setupSql = setup.sql;
  if (setup.rows !== undefined) base.rows = setup.rows;
  if (opts.services !== undefined) base.services = opts.services;
  if (opts.prepare !== undefined) base.prepare = opts.prepare;
  if (opts.simulation !== undefined) base.options = opts.simulation;
  if (opts.tables !== undefined) base.tables = opts.tables;
  return base;
}

export function modulePaths(module: WorldOptions["module"]): string[] {
  if (module === undefined) return [];
  const list = Array.isArray(module) ? module : [module];
  return list.map((m: string | URL) => (m instanceof URL ? fileURLToPath(m) : m.startsWith("file:") ? fileURLToPath(m) : m));
}

export function counterexampleWorld(opts: WorldOptions): CounterexampleWorld {
  const base = worldBase(opts, []);
  const w: CounterexampleWorld = { modules: modulePaths(opts.module) };
  if (base.setupSql !== undefined) w.setupSql = base.setupSql;
  if (base.rows !== undefined) w.rows = base.rows;
  if (base.services !== undefined) w.services = base.services;
  const missing: string[] = [];
  if (opts.prepare !== undefined) missing.push("the prepare hook");
  const { start, timeZone, settings, supervisors, errors: _e, models: _m, ...others } = opts.simulation ?? {};
  if (typeof start === "number") w.start = start;
  else if (start instanceof Date) w.start = start.getTime();
  else if (typeof start === "string") missing.push(`start ${JSON.stringify(start)} (write it as start:)`);
  if (typeof timeZone === "string") w.timeZone = timeZone;
  else if (timeZone === null) missing.push("timeZone: null (write time_zone: and tz: in the scenario)");
  if (supervisors !== undefined) w.supervisors = supervisors;
  if (settings !== undefined) w.settings = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
  const extra = Object.keys(others).filter((k) => (others as Record<string, unknown>)[k] !== undefined);
  if (extra.length > 0) missing.push(`simulation options given in code (${extra.join(", ")})`);
  if (w.modules.length === 0) missing.push("the job module (pass module: import.meta.url of the file exporting the jobs)");
  if (missing.length > 0) w.missing = missing;
  return w;
}

/** Spec options shared by the world: setup and services as the scenario file writes them. */
export function worldSpec(opts: WorldOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if ((opts.jobs ?? []).length > 0) out.jobs = opts.jobs!.map((j) => j.jobClassName);
  if (opts.tables?.tables !== undefined) out.tables = [...opts.tables.tables];
  if (opts.tables?.ignoreColumns !== undefined) out.ignore_columns = [...opts.tables.ignoreColumns];
  return out;
}
