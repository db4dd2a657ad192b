import { describeDivergence, firstDivergence } from "../checks/trace-diff.js";
import { worlds } from "../arbitraries/world.js";
import { ProbeJob } from "../probe-jobs.js";
import { fail, pass, type PropertyDefinition } from "../property.js";
import { runWorld } from "../world.js";
import type { WorldCase } from "../world-case.js";
import { counterexampleWorld, worldBase, worldSpec } from "../world-options.js";
import { arbitraryOptions, probeArgs, workloadClasses, type WorldPropertyOptions } from "./world-options.js";

// Determinism: the same case (seed, config, workload, faults, interleaving) gives the same
// trace, event for event. A difference names the first differing event (seq, both versions).
// Nondeterminism usually comes from job code: Math.random, real I/O, state kept between runs.

export function determinism(opts: WorldPropertyOptions = {}): PropertyDefinition<WorldCase> {
  const workload = opts.workload ?? [{ job: ProbeJob, args: probeArgs() }];
  const base = worldBase(opts, workloadClasses(workload));
  return {
    name: "determinism",
    defaultRuns: opts.runs ?? 30,
    arbitrary: worlds({ queues: ["default", "low"], crashes: true, ...arbitraryOptions(opts), jobs: workload }),
    async run(c) {
      const a = await runWorld(base, c);
      const b = await runWorld(base, c);
      const d = firstDivergence([a.traceJson], [b.traceJson]);
      return d === null ? pass([a.traceJson]) : fail(describeDivergence(d, 1), [a.traceJson]);
    },
    spec: () => worldSpec(opts),
    world: (c) => ({ ...counterexampleWorld(opts), config: c.config, seed: c.seed }),
  };
}
