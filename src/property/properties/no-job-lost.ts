import { checkNoLoss } from "../checks/no-loss.js";
import { worlds } from "../arbitraries/world.js";
import { DiscardingProbeJob, FlakyProbeJob, LimitedProbeJob, ProbeJob } from "../probe-jobs.js";
import fc from "fast-check";
import type { PropertyDefinition } from "../property.js";
import type { WorldCase } from "../world-case.js";
import { worldBase, worldSpec } from "../world-options.js";
import { worldProperty } from "./world-property.js";
import { arbitraryOptions, probeArgs, workloadClasses, type WorldPropertyOptions } from "./world-options.js";

// No job lost, at least once: under random crashes (at awaits and at times), stopped
// heartbeats, host restarts and BUGGIFY faults, every enqueued job ends in exactly one terminal
// state or is still pending at the horizon, and a job runs twice only after a crash.

export function noJobLost(opts: WorldPropertyOptions = {}): PropertyDefinition<WorldCase> {
  const workload = opts.workload ?? [
    { job: ProbeJob, args: probeArgs(1500, 12_000), weight: 3 },
    { job: LimitedProbeJob, args: fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 80 }).map((k) => k * 100)) },
    { job: FlakyProbeJob, args: fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 20 }).map((k) => k * 100)) },
    { job: DiscardingProbeJob, args: fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 20 }).map((k) => k * 100)) },
  ];
  return worldProperty({
    name: "no_job_lost",
    defaultRuns: opts.runs ?? 100,
    options: opts,
    base: worldBase(opts, workloadClasses(workload)),
    arbitrary: worlds({ queues: ["default", "low"], crashes: true, buggify: true, maxWait: 3, ...arbitraryOptions(opts), jobs: workload }),
    check: checkNoLoss,
    spec: () => worldSpec(opts),
  });
}
