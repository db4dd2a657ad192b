import { checkClaimOrder } from "../checks/claim-order.js";
import { worlds } from "../arbitraries/world.js";
import { ProbeJob } from "../probe-jobs.js";
import type { PropertyDefinition } from "../property.js";
import type { WorldCase } from "../world-case.js";
import { worldBase, worldSpec } from "../world-options.js";
import { worldProperty } from "./world-property.js";
import { arbitraryOptions, probeArgs, workloadClasses, type WorldPropertyOptions } from "./world-options.js";

// Queue priorities (spec §2.4): no worker claims from a later queue in its list, or a lower
// priority within a queue, while an eligible, unpaused, ready job exists earlier at claim
// time; within equal priority, oldest first. Random configs (wildcards, prefixes), queues,
// priorities, arrival times, pauses.

export const PRIORITY_QUEUES = ["critical", "default", "low_a", "low_b", "mailers"] as const;

export function queuePriorities(opts: WorldPropertyOptions = {}): PropertyDefinition<WorldCase> {
  const workload = opts.workload ?? [{ job: ProbeJob, args: probeArgs(3000) }];
  return worldProperty({
    name: "queue_priorities",
    defaultRuns: opts.runs ?? 100,
    options: opts,
    base: worldBase(opts, workloadClasses(workload)),
    arbitrary: worlds({ queues: PRIORITY_QUEUES, priorities: [-2, 4], pauses: true, maxJobs: 12, window: 1000, ...arbitraryOptions(opts), jobs: workload }),
    check: checkClaimOrder,
    spec: () => worldSpec(opts),
  });
}
