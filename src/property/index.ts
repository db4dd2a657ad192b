// Property testing and fuzzing: arbitraries, the built-in properties, campaigns, counterexample
// files, and the scenario runner's entry point.

export * from "./arbitraries.js";
export { assertProperty, checkProperty, PropertyFailedError, type AssertOptions } from "./assert.js";
export { runCampaign, describeFailure, PropertyViolation, type CampaignOptions, type CampaignResult, type RunFailure } from "./campaign.js";
export { writeCounterexample, counterexampleYaml, counterexampleFile } from "./counterexample.js";
export { idempotence, type IdempotenceOptions, type IdempotenceCase } from "./properties/idempotence.js";
export { retryOrdering, type RetryOrderingOptions, type RetryCase } from "./properties/retry-ordering.js";
export { queuePriorities } from "./properties/queue-priorities.js";
export { noJobLost } from "./properties/no-job-lost.js";
export { concurrencyLimits } from "./properties/concurrency-limits.js";
export { determinism } from "./properties/determinism.js";
export { serializable, type SerializableOptions, type SerializableCase } from "./properties/serializable.js";
export { probeArgs, type WorldPropertyOptions } from "./properties/world-options.js";
export { ProbeJob, LimitedProbeJob, PairLimitedProbeJob, RetryProbeJob, RetryElsewhereProbeJob, RetryForeverProbeJob, FlakyProbeJob, DiscardingProbeJob, ProbeError } from "./probe-jobs.js";
export { runScenarioProperties, parseScenarioProperties, type ScenarioPropertyContext, type ScenarioPropertyResult } from "./scenario.js";
export { PropertySpecError, PROPERTY_NAMES } from "./spec.js";
export { runSeed, parseShard, shardRuns, type Shard } from "./seeds.js";
export { runWorld, createWorld, type WorldBase, type WorldRun } from "./world.js";
export type { PropertyDefinition, Verdict, CounterexampleWorld } from "./property.js";
export type { WorldCase, Arrival, QueueConfigCase, WorkerCase, InterleavingCase, TimedAction, AwaitCrashCase, BuggifyCase, BuggifySite, ServiceScripts } from "./world-case.js";
