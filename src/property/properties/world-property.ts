import type fc from "fast-check";
import { verdictOf, type PropertyDefinition } from "../property.js";
import { trimDefaults } from "../arbitraries/interleaving.js";
import { runWorld, type WorldBase, type WorldRun } from "../world.js";
import type { WorldCase } from "../world-case.js";
import { counterexampleWorld, type WorldOptions } from "../world-options.js";

// A property judged on one generated world: run it, then read the trace and tables.

export interface WorldPropertyParts {
  name: string;
  arbitrary: fc.Arbitrary<WorldCase>;
  base: WorldBase;
  options: WorldOptions;
  defaultRuns: number;
  check(run: WorldRun): string[] | Promise<string[]>;
  spec(): Record<string, unknown>;
}

export function worldProperty(p: WorldPropertyParts): PropertyDefinition<WorldCase> {
  return {
    name: p.name,
    arbitrary: p.arbitrary,
    defaultRuns: p.defaultRuns,
    async run(c) {
      const run = await runWorld(p.base, c);
      const v = verdictOf(await p.check(run), () => [run.traceJson]);
      // The choices as picked (k mod n), trailing defaults dropped: the same run, written small.
      if (!v.ok && c.interleaving.kind === "choices") v.refine = { ...c, interleaving: { kind: "choices", choices: trimDefaults(run.choicesMade) } };
      return v;
    },
    spec: p.spec,
    world: (c) => ({
      ...counterexampleWorld(p.options),
      config: c.config,
      seed: c.seed,
      ...(c.interleaving.kind === "choices" ? { choices: c.interleaving.choices } : {}),
    }),
  };
}
