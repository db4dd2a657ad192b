// The package entry `jobsim/scenario`: load, check and run scenario files (the same functions
// `jobsim run` uses), and `scenarioTests`, which turns scenario files into vitest tests (so this
// entry needs vitest installed, as jobsim/vitest does).
export * from "./index.js";
export { scenarioTests, type ScenarioTestOptions } from "./vitest.js";
export type { ScenarioResult, ExpectationResult, JobSummary, ProcessInfo } from "../report/types.js";
