import type { Random } from "./random.js";

// Who runs next when several threads can resume at the same virtual instant. The choice is the
// only source of interleaving, so a strategy plus its data is a complete, replayable schedule.

export interface Runnable {
  /** Stable across runs: "<process>#<thread>". */
  readonly key: string;
  readonly jobId: number;
  readonly jobClass: string;
}

export interface InterleavingStrategy {
  readonly name: string;
  /** Index into `candidates` (length >= 2). */
  pick(candidates: readonly Runnable[]): number;
}

/** Uniform choice from the simulation's seeded generator (the default). */
export function seededStrategy(random: Random): InterleavingStrategy {
  return { name: "seeded", pick: (c) => random.int(c.length) };
}

/** Always the earliest scheduled: no interleaving beyond time order. */
export const fifoStrategy: InterleavingStrategy = { name: "fifo", pick: () => 0 };

/**
 * Replays a list of choices, one per scheduling point with two or more candidates; choice k
 * picks candidate k mod n. Past the end of the list: the first candidate. fast-check generates
 * and shrinks such lists, so a race shrinks toward the fewest non-default choices.
 */
export function choiceStrategy(choices: readonly number[], record?: number[]): InterleavingStrategy {
  let i = 0;
  return {
    name: "choices",
    pick: (c) => {
      const choice = i < choices.length ? choices[i]! : 0;
      i++;
      record?.push(choice);
      return choice % c.length;
    },
  };
}

/**
 * Priority-based choice in the spirit of PCT (Burckhardt et al.): each thread gets a random
 * priority when first seen; the highest-priority candidate runs; at `changePoints` (counted in
 * scheduling decisions) the running thread's priority drops below all others. Finds ordering
 * bugs of depth d with d - 1 change points far more often than uniform choice.
 */
export function pctStrategy(random: Random, changePoints: readonly number[]): InterleavingStrategy {
  const priorities = new Map<string, number>();
  let step = 0;
  let low = 0;
  const points = new Set(changePoints);
  return {
    name: "pct",
    pick: (c) => {
      for (const r of c) if (!priorities.has(r.key)) priorities.set(r.key, 1 + random.next());
      const highest = () => {
        let best = 0;
        for (let i = 1; i < c.length; i++) if (priorities.get(c[i]!.key)! > priorities.get(c[best]!.key)!) best = i;
        return best;
      };
      let best = highest();
      if (points.has(step)) {
        priorities.set(c[best]!.key, low--);
        best = highest();
      }
      step++;
      return best;
    },
  };
}
