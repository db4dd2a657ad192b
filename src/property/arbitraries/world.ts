import fc from "fast-check";
import { buggifyCases } from "../buggify.js";
import type { AwaitCrashCase, BuggifySite, QueueConfigCase, TimedAction, WorldCase } from "../world-case.js";
import { awaitCrashes, pauses, timedCrashes } from "./crashes.js";
import { interleavings, type InterleavingOptions } from "./interleaving.js";
import { queueConfigs, type QueueConfigOptions } from "./queue-config.js";
import { applySwarm, swarms, type SwarmFeature } from "./swarm.js";
import { workloads, type WorkloadJob } from "./workload.js";

// Whole worlds: a config, a workload, faults and an interleaving, composed from the smaller
// arbitraries. Faults are opt-in; with swarm testing on, each run also leaves some kinds out.

export interface WorldArbitraryOptions {
  jobs: readonly WorkloadJob[];
  /** Queue names arrivals may go to and worker lists draw from. */
  queues?: readonly string[];
  /** A fixed config, or how to generate one. */
  config?: QueueConfigCase | QueueConfigOptions;
  priorities?: readonly [number, number];
  minJobs?: number;
  maxJobs?: number;
  /** Arrival window, ms. Default 2000. */
  window?: number;
  /** Largest enqueue delay, seconds. Default 0. */
  maxWait?: number;
  /** Kill workers at awaits and at times; restart hosts. Default false. */
  crashes?: boolean;
  /** Pause and resume queues. Default false. */
  pauses?: boolean;
  /** BUGGIFY sites that may be switched on. Default none. */
  buggify?: boolean | readonly BuggifySite[];
  /** Leave kinds of operation out at random, per run. Default true when any fault is on. */
  swarm?: boolean;
  /** How threads interleave (choice lists and PCT by default); false: the seed decides. */
  interleaving?: InterleavingOptions | false;
  /** Virtual ms after the last arrival before the run stops. Default 15 minutes. */
  horizon?: number;
}

const isFixedConfig = (c: WorldArbitraryOptions["config"]): c is QueueConfigCase => c !== undefined && "workers" in c && "dispatchers" in c;

export function worlds(opts: WorldArbitraryOptions): fc.Arbitrary<WorldCase> {
  const queues = opts.queues ?? ["default"];
  const maxJobs = opts.maxJobs ?? 6;
  const window = opts.window ?? 2000;
  const config = isFixedConfig(opts.config) ? fc.constant(opts.config) : queueConfigs({ queues, ...(opts.config ?? {}) });
  const crashOpts = { arrivals: maxJobs, window: window + 1000 };
  const buggifySites = opts.buggify === true ? undefined : opts.buggify === false || opts.buggify === undefined ? null : opts.buggify;
  const features: SwarmFeature[] = ["delays", "priorities", "queues"];
  if (opts.crashes === true) features.push("awaitCrashes", "processFaults");
  if (opts.pauses === true) features.push("pauses");
  if (buggifySites !== null) features.push("buggify");
  const swarmOn = opts.swarm ?? (opts.crashes === true || opts.pauses === true || buggifySites !== null);
  return fc
    .record({
      seed: fc.nat({ max: 0xffff }),
      config,
      arrivals: workloads({
        jobs: opts.jobs,
        queues,
        maxJobs,
        window,
        ...(opts.minJobs !== undefined ? { minJobs: opts.minJobs } : {}),
        ...(opts.priorities !== undefined ? { priorities: opts.priorities } : {}),
        ...(opts.maxWait !== undefined ? { maxWait: opts.maxWait } : {}),
      }),
      awaitCrashes: opts.crashes === true ? awaitCrashes(crashOpts) : fc.constant<AwaitCrashCase[]>([]),
      crashes: opts.crashes === true ? timedCrashes(crashOpts) : fc.constant<TimedAction[]>([]),
      pauses: opts.pauses === true ? pauses(queues, window + 1000) : fc.constant<TimedAction[]>([]),
      interleaving: opts.interleaving === false ? fc.constant({ kind: "seeded" as const }) : interleavings(opts.interleaving ?? {}),
      buggify: buggifySites === null ? fc.constant(undefined) : buggifyCases(buggifySites),
      swarm: swarmOn ? swarms(features) : fc.constant(undefined),
    })
    .map((r) => {
      const c: WorldCase = {
        seed: r.seed,
        config: r.config,
        arrivals: r.arrivals,
        actions: [...r.crashes, ...r.pauses].sort((a, b) => a.at - b.at),
        awaitCrashes: r.awaitCrashes.filter((k) => k.arrival === undefined || k.arrival < r.arrivals.length),
        interleaving: r.interleaving,
        horizon: opts.horizon ?? 15 * 60_000,
      };
      if (r.buggify !== undefined) c.buggify = r.buggify;
      return r.swarm === undefined ? c : applySwarm(c, r.swarm);
    });
}
