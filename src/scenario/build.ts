// The simulation a scenario describes: config files, seed, start, zone, settings, the app's
// schema and fixture rows, scripted services. The world itself is built by the shared builder
// (property/world-builder.ts); this file says where the scenario wrote each part, so bad config
// and bad SQL become ScenarioErrors pointing at the scenario (or the config file) line.
import { choiceStrategy, pctStrategy } from "../sim/strategy.js";
import { Random } from "../sim/random.js";
import { ConfigError, type SourcePos } from "../config/index.js";
import { InputError } from "../config/issues.js";
import type { Simulation, SimulationOptions } from "../sim/simulation.js";
import { isInstrumentationName } from "./parse-expect-events.js";
import { buildWorld, type WorldSpec } from "../property/world-builder.js";
import { configIssues, readQueueConfig, readRecurringConfig } from "../property/world-config.js";
import { ScenarioError } from "./errors.js";
import type { LoadedScenario } from "./load.js";
import type { ScenarioSpec } from "./spec.js";
import { errorNameHints } from "./error-name-hints.js";
import type { SourceText } from "./yaml-source.js";

export interface Built {
  sim: Simulation;
  /** Config warnings (Solid Queue would log them), positioned. */
  warnings: string[];
}

export async function buildSimulation(loaded: LoadedScenario, opts: { seed?: number; invariants?: boolean } = {}): Promise<Built> {
  const { spec, modules } = loaded;
  const warnings: string[] = [...modules.warnings];
  const queueConfig = spec.queueConfig === undefined ? undefined : scenarioInput(() => readQueueConfig(spec.queueConfig!, spec));
  const recurring = spec.recurringConfig === undefined ? undefined : scenarioInput(() => readRecurringConfig(spec.recurringConfig!, spec));
  if (queueConfig !== undefined) warnings.push(...queueConfig.warnings);
  if (recurring !== undefined) warnings.push(...recurring.warnings);
  warnings.push(...errorNameHints(spec, modules.jobs, modules.errors));
  const world: WorldSpec = {
    options: {
      jobs: modules.jobs,
      errors: modules.errors,
      models: modules.models,
      seed: opts.seed ?? spec.seed,
      start: spec.start,
      timeZone: spec.timeZone,
      ...(spec.tz !== undefined ? { tz: spec.tz } : {}),
      settings: spec.settings,
      supervisors: spec.supervisors,
      interleaving: strategyOf(spec.interleaving),
      invariants: opts.invariants ?? true,
      // A scenario keeps its whole trace for its expectations and reports: in columns.
      compactTrace: true,
      // Its database's memory is freed with the world, before the reports are written.
      ownSqlInstance: true,
      // Instrumentation events are kept only when an expectation counts them.
      instrumentation: spec.expectations.some((e) => e.check.kind === "trace" && isInstrumentationName(e.check.type)),
      ...(queueConfig !== undefined ? { queueConfig } : {}),
      ...(recurring !== undefined ? { recurring } : {}),
    },
    rows: spec.setupRows,
    services: spec.services,
  };
  const setup = spec.setupSql;
  if (setup !== undefined) world.setupSql = { sql: setup.value, pos: setup.pos, locate: (statement) => statementPos(loaded.source, setup, statement) };
  try {
    return { sim: await buildWorld(world), warnings };
  } catch (e) {
    if (e instanceof ConfigError) throw new ScenarioError(configIssues(e));
    if (e instanceof InputError) throw new ScenarioError(e.issues);
    throw ScenarioError.at(spec.recurringConfig?.pos ?? { file: spec.file, line: 1, col: 1 }, `cannot build the simulation: ${(e as Error).message}`);
  }
}

/** Bad input found by the shared readers, as the scenario's own kind of error. */
function scenarioInput<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError && !(e instanceof ScenarioError)) throw new ScenarioError(e.issues);
    throw e;
  }
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

/** The scenario's interleaving as the simulation's strategy option. */
function strategyOf(i: ScenarioSpec["interleaving"]): SimulationOptions["interleaving"] {
  if (typeof i === "string") return i;
  if ("choices" in i) return choiceStrategy(i.choices);
  return pctStrategy(new Random(i.pct.seed), i.pct.changePoints);
}
