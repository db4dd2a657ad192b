import fc from "fast-check";
import type { WorldCase } from "../world-case.js";

// Swarm testing (Groce et al.): each run leaves out some kinds of operation or fault at random,
// so faults that mask each other (a crash that hides a priority bug) are also tried apart. A
// left-out feature shrinks toward "left out", which keeps counterexamples to what matters.

export const SWARM_FEATURES = ["delays", "priorities", "queues", "awaitCrashes", "processFaults", "pauses", "buggify"] as const;
export type SwarmFeature = (typeof SWARM_FEATURES)[number];
export type Swarm = Record<SwarmFeature, boolean>;

export function swarms(features: readonly SwarmFeature[] = SWARM_FEATURES): fc.Arbitrary<Swarm> {
  const all = Object.fromEntries(SWARM_FEATURES.map((f) => [f, fc.constant(false)])) as Record<SwarmFeature, fc.Arbitrary<boolean>>;
  for (const f of features) all[f] = fc.boolean();
  return fc.record(all);
}

/** The world with the left-out features removed. */
export function applySwarm(c: WorldCase, s: Swarm): WorldCase {
  const out: WorldCase = {
    ...c,
    arrivals: c.arrivals.map((a) => {
      const b = { ...a };
      if (!s.delays) delete b.wait;
      if (!s.priorities) delete b.priority;
      if (!s.queues) delete b.queue;
      return b;
    }),
    awaitCrashes: s.awaitCrashes ? c.awaitCrashes : [],
    actions: c.actions.filter((a) => (a.action === "pause" || a.action === "resume" ? s.pauses : s.processFaults)),
  };
  if (!s.buggify) delete out.buggify;
  return out;
}
