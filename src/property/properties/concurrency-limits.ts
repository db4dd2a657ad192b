import fc from "fast-check";
import { checkConcurrency } from "../checks/concurrency.js";
import { worlds } from "../arbitraries/world.js";
import { LimitedProbeJob, PairLimitedProbeJob } from "../probe-jobs.js";
import type { PropertyDefinition } from "../property.js";
import type { WorldCase } from "../world-case.js";
import { worldBase, worldSpec } from "../world-options.js";
import { worldProperty } from "./world-property.js";
import { arbitraryOptions, workloadClasses, type WorldPropertyOptions } from "./world-options.js";

// Concurrency limits (spec §3): never more than `to` executions per concurrency key at once,
// counted from the trace, except the two documented ways past the limit (a semaphore that
// expired under a long holder; a job released at shutdown that keeps its slot).

const keyed = fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 60 }).map((k) => k * 100));

export function concurrencyLimits(opts: WorldPropertyOptions = {}): PropertyDefinition<WorldCase> {
  const workload = opts.workload ?? [
    { job: LimitedProbeJob, args: keyed },
    { job: PairLimitedProbeJob, args: keyed },
  ];
  return worldProperty({
    name: "concurrency_limits",
    defaultRuns: opts.runs ?? 100,
    options: opts,
    base: worldBase(opts, workloadClasses(workload)),
    arbitrary: worlds({ config: { maxThreads: 4, maxWorkers: 2, maxProcesses: 2 }, maxJobs: 8, crashes: true, ...arbitraryOptions(opts), jobs: workload }),
    check: checkConcurrency,
    spec: () => worldSpec(opts),
  });
}
