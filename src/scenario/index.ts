// YAML scenarios: load (positioned errors), check, run (ScenarioResult for the reports).
// The vitest integration is its own entry point: src/scenario/vitest.ts (it imports vitest).
export { ScenarioError, type ScenarioIssue } from "./errors.js";
export { loadScenario, type LoadedScenario } from "./load.js";
export { checkScenario } from "./check.js";
export { runScenario, runScenarioFile, type RunOptions, type RunProgress, type RunStats, type ScenarioRun } from "./run.js";
export { scenarioFiles } from "./files.js";
export { scenarioPropertyContext } from "./property-context.js";
export type { ScenarioSpec, StepSpec, ExpectSpec } from "./spec.js";
