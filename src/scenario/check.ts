// `jobsim check`: everything `run` would refuse before time moves, without running. It loads
// the file (YAML, keys, types, durations, times, job modules, job class names), builds a
// throwaway simulation (queue and recurring config with their schedules and classes, setup
// SQL and rows, services), then checks what needs the built world: process selectors of the
// steps exist at the start, and the SQL of `each_slice` and of the expectations prepares
// against the setup schema.
import type { SourcePos } from "../config/index.js";
import type { Simulation } from "../sim/simulation.js";
import { buildSimulation } from "./build.js";
import { Issues } from "./errors.js";
import type { LoadedScenario } from "./load.js";

/** Throws a ScenarioError listing every problem; returns the warnings (config, near-miss error names). */
export async function checkScenario(loaded: LoadedScenario): Promise<string[]> {
  const { sim, warnings } = await buildSimulation(loaded);
  try {
    const issues = new Issues();
    const { spec } = loaded;
    for (const step of spec.steps) {
      const a = step.action;
      if (a.kind === "process") {
        try {
          sim.process(a.selector);
        } catch (e) {
          issues.add(step.pos, `${step.label}.${step.key}: ${(e as Error).message}`);
        }
      }
      if (a.kind === "enqueue" && a.enqueue.eachSlice !== undefined) prepares(sim, a.enqueue.eachSlice.sql, a.enqueue.eachSlice.pos, `${step.label}.enqueue.each_slice.sql`, issues);
    }
    for (const e of spec.expectations) {
      const c = e.check;
      if (c.kind === "sql") prepares(sim, c.sql, e.pos, e.name, issues);
      if (c.kind === "table") prepares(sim, `SELECT * FROM "${c.table}"${c.where !== undefined ? ` WHERE ${c.where}` : ""}`, e.pos, e.name, issues);
    }
    issues.throwIfAny();
    return warnings;
  } finally {
    sim.dispose();
  }
}

function prepares(sim: Simulation, sql: string, pos: SourcePos, what: string, issues: Issues): void {
  try {
    sim.db.raw.prepare(sql).free();
  } catch (e) {
    issues.add(pos, `${what}: SQL error: ${(e as Error).message}`);
  }
}
