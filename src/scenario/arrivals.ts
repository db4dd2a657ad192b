// Arrivals: enqueues spread over a period at a rate, as an app under load would make them.
// They run inside the simulation's own timeline (one event per arrival, each scheduling the
// next), so later steps (a crash at noon) happen while arrivals continue.
//   spacing: even     arrival k at start + k / rate (k = 0 .. floor(rate × period) − 1)
//   spacing: poisson  exponential gaps with mean 1 / rate, drawn from the simulation's seed
//                      (a stream of its own per step, so other randomness does not shift them)
import type { Simulation } from "../sim/simulation.js";
import type { AnyJobClass } from "../job/registry.js";
import type { Random } from "../sim/random.js";
import type { SourcePos } from "../config/index.js";
import { ScenarioError } from "./errors.js";
import type { ArrivalsSpec } from "./spec.js";

/** Phase 0 runs before every engine phase at the same instant: the app enqueues, then workers poll. */
const ARRIVAL_PHASE = 0;

/** Replaces "{i}" in arguments: the whole string "{i}" becomes the number i, else it is spliced in. */
export function withIndex(args: unknown, i: number): unknown {
  if (typeof args === "string") return args === "{i}" ? i : args.includes("{i}") ? args.replaceAll("{i}", String(i)) : args;
  if (Array.isArray(args)) return args.map((a) => withIndex(a, i));
  if (args !== null && typeof args === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) out[k] = withIndex(v, i);
    return out;
  }
  return args;
}

/** Offsets (ms from the period's start) of the arrivals, lazily. */
function* offsets(spec: ArrivalsSpec, random: Random): Generator<number> {
  const periodMs = spec.duration * 1000;
  if (spec.spacing === "even") {
    const n = Math.floor(spec.rate * spec.duration + 1e-9);
    for (let k = 0; k < n; k++) yield Math.round((k * 1000) / spec.rate);
    return;
  }
  let t = 0;
  for (;;) {
    t += (-Math.log(1 - random.next()) * 1000) / spec.rate;
    if (t >= periodMs) return;
    yield Math.round(t);
  }
}

/** Starts the arrivals now; returns the elapsed time (mono ms) at which they end. */
export function startArrivals(sim: Simulation, spec: ArrivalsSpec, cls: AnyJobClass, stream: string, pos: SourcePos, argsFor: (args: unknown[], i: number) => unknown[]): number {
  const startMono = sim.mono();
  const it = offsets(spec, sim.random.fork(`arrivals ${stream}`));
  const options = {
    ...(spec.queue !== undefined ? { queue: spec.queue } : {}),
    ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
    ...(spec.wait !== undefined ? { wait: spec.wait } : {}),
  };
  let i = 0;
  const next = (): void => {
    const r = it.next();
    if (r.done === true) return;
    sim.runtime.at(startMono + r.value, ARRIVAL_PHASE, 0, async () => {
      i++;
      try {
        await sim.enqueue(cls, argsFor(spec.args, i), options);
      } catch (e) {
        throw ScenarioError.at(pos, `arrival ${i} of ${cls.jobClassName} could not be enqueued: ${(e as Error).message}`);
      }
      next();
    });
  };
  next();
  return startMono + spec.duration * 1000;
}
