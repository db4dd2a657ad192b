import fc from "fast-check";
import { Random } from "../../sim/random.js";
import { choiceStrategy, fifoStrategy, pctStrategy, type InterleavingStrategy } from "../../sim/strategy.js";
import type { InterleavingCase } from "../world-case.js";

// Interleavings as data. fast-check's own scheduler picks uniformly and cannot shrink a
// schedule; a list of choices (one per scheduling point with two or more runnable threads,
// 0 = the default order) is an ordinary array, so a failing race shrinks toward fewer and
// smaller non-zero choices. PCT is offered beside it for deep ordering bugs.

export interface InterleavingOptions {
  /** Longest choice list (scheduling points past it take the default order). Default 24. */
  maxChoices?: number;
  /** Largest single choice; k picks candidate k mod n. Default 3. */
  maxChoice?: number;
  /** Also generate PCT schedules (priority change points). Default true. */
  pct?: boolean;
  /** Most PCT change points (bug depth - 1). Default 3. */
  maxChangePoints?: number;
}

export function choiceLists(opts: InterleavingOptions = {}): fc.Arbitrary<InterleavingCase> {
  return fc
    .array(fc.nat({ max: opts.maxChoice ?? 3 }), { maxLength: opts.maxChoices ?? 24 })
    .map((choices) => ({ kind: "choices" as const, choices: trimDefaults(choices) }));
}

export function pctSchedules(opts: InterleavingOptions = {}): fc.Arbitrary<InterleavingCase> {
  return fc
    .record({
      seed: fc.nat({ max: 0x7fffffff }),
      changePoints: fc.uniqueArray(fc.nat({ max: 48 }), { maxLength: opts.maxChangePoints ?? 3 }),
    })
    .map(({ seed, changePoints }) => ({ kind: "pct" as const, seed, changePoints: [...changePoints].sort((a, b) => a - b) }));
}

/** Choice lists (most runs) or PCT schedules; shrinking prefers choice lists. */
export function interleavings(opts: InterleavingOptions = {}): fc.Arbitrary<InterleavingCase> {
  if (opts.pct === false) return choiceLists(opts);
  return fc.oneof({ weight: 3, arbitrary: choiceLists(opts) }, { weight: 1, arbitrary: pctSchedules(opts) });
}

/** Trailing zeros are the default order anyway: dropping them keeps counterexamples short. */
export function trimDefaults(choices: readonly number[]): number[] {
  let end = choices.length;
  while (end > 0 && choices[end - 1] === 0) end--;
  return choices.slice(0, end);
}

/**
 * The simulation's strategy for a case; `record` receives the candidate index picked at every
 * scheduling point (choice k as k mod n), so a replayed list can be written in its smallest form.
 */
export function strategyFor(c: InterleavingCase, record?: number[]): InterleavingStrategy | "seeded" | "fifo" {
  switch (c.kind) {
    case "choices": {
      const inner = choiceStrategy(c.choices);
      return {
        name: "choices",
        pick: (candidates) => {
          const i = inner.pick(candidates);
          record?.push(i);
          return i;
        },
      };
    }
    case "pct":
      return pctStrategy(new Random(c.seed), c.changePoints);
    case "fifo":
      return fifoStrategy;
    case "seeded":
      return "seeded";
  }
}
