// The arbitraries, in one place: workloads, queue configs, failure scripts, crash points,
// interleavings, swarm masks, BUGGIFY sites, and whole worlds composed of them.

export { arrivals, workloads, sortArrivals, type WorkloadJob, type WorkloadOptions } from "./arbitraries/workload.js";
export { queueConfigs, queueLists, workerConfigs, prefixesOf, cover, toQueueConfig, singleWorker, type QueueConfigOptions } from "./arbitraries/queue-config.js";
export { failureScripts, type FailureScript, type FailureScriptOptions } from "./arbitraries/failures.js";
export { awaitCrashes, timedCrashes, pauses, type CrashOptions } from "./arbitraries/crashes.js";
export { interleavings, choiceLists, pctSchedules, strategyFor, trimDefaults, type InterleavingOptions } from "./arbitraries/interleaving.js";
export { swarms, applySwarm, SWARM_FEATURES, type Swarm, type SwarmFeature } from "./arbitraries/swarm.js";
export { buggifyCases, Buggify } from "./buggify.js";
export { worlds, type WorldArbitraryOptions } from "./arbitraries/world.js";
