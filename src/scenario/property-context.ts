import { readQueueConfig } from "../property/world-config.js";
import type { ScenarioPropertyContext } from "../property/scenario.js";
import type { ServiceScripts } from "../property/world-case.js";
import type { LoadedScenario } from "./load.js";

// The property context of a loaded scenario file: its job classes and modules, its queue
// config, setup and services as plain data. `jobsim run` (replayed counterexamples) and
// `jobsim fuzz <scenario>` use it. The queue config is read by the same positioned reader the
// scenario's own world uses (property/world-config.ts), so both commands report a bad one alike.
// It lives in scenario/, the integrator: property/ never imports scenario/.

export function scenarioPropertyContext(loaded: LoadedScenario, extra: Partial<ScenarioPropertyContext> = {}): ScenarioPropertyContext {
  const { spec, modules } = loaded;
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const t of spec.setupRows) rows[t.table] = [...(rows[t.table] ?? []), ...t.rows.map((r) => r.values)];
  const services: ServiceScripts = {};
  for (const s of spec.services) {
    const methods = (services[s.service] ??= {});
    if (s.script !== undefined) methods[s.method] = s.script;
    else if (s.otherwise !== undefined) methods[s.method] = s.otherwise;
  }
  const queueConfig = spec.queueConfig === undefined ? undefined : readQueueConfig(spec.queueConfig, spec);
  const ctx: ScenarioPropertyContext = {
    file: spec.file,
    jobs: modules.jobs,
    modules: spec.jobModules.map((m) => m.value),
    options: {
      start: spec.start,
      timeZone: spec.timeZone,
      settings: spec.settings,
      supervisors: spec.supervisors,
      errors: modules.errors,
      models: modules.models,
      ...(queueConfig !== undefined ? { queueConfig } : {}),
    },
    seed: spec.seed,
    ...extra,
  };
  if (spec.setupSql !== undefined) ctx.setupSql = spec.setupSql.value;
  if (Object.keys(rows).length > 0) ctx.rows = rows;
  if (Object.keys(services).length > 0) ctx.services = services;
  return ctx;
}
