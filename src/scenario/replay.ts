// Playing a `replay:` step: each recorded enqueue becomes an event of the simulation's own
// timeline at its instant (phase 0, before the engine's processes at the same instant, as
// arrivals.ts does), one scheduling the next, so the steps after the replay play meanwhile.
import type { SourcePos } from "../config/index.js";
import type { Simulation } from "../sim/simulation.js";
import { ScenarioError } from "./errors.js";
import type { EnqueueSpec, ReplayArrival } from "./spec.js";
import { showTime } from "./time.js";

const ARRIVAL_PHASE = 0;

/** Starts the replay now; returns the elapsed time (mono ms) of its last arrival. */
export function startReplay(sim: Simulation, arrivals: readonly ReplayArrival[], pos: SourcePos, timeZone: string, enqueue: (e: EnqueueSpec) => Promise<void>): number {
  const now = sim.now();
  const first = arrivals[0];
  if (first !== undefined && first.at < now) {
    throw ScenarioError.at(pos, `replay: its first arrival (${showTime(first.at, timeZone)}) is before the current virtual time ${showTime(now, timeZone)}; start the scenario at or before it, or replay from: a later time`);
  }
  const mono0 = sim.mono();
  const monoAt = (t: number) => mono0 + (t - now);
  let i = 0;
  const next = (): void => {
    const a = arrivals[i++];
    if (a === undefined) return;
    sim.runtime.at(monoAt(a.at), ARRIVAL_PHASE, 0, async () => {
      try {
        await enqueue(a.enqueue);
      } catch (e) {
        throw ScenarioError.at(a.pos, `replayed arrival of ${a.enqueue.job.value} could not be enqueued: ${(e as Error).message}`);
      }
      next();
    });
  };
  next();
  return arrivals.length === 0 ? mono0 : monoAt(arrivals[arrivals.length - 1]!.at);
}
