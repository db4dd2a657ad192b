import fc from "fast-check";
import type { AnyJobClass } from "../../job/registry.js";
import type { WorldArbitraryOptions } from "../arbitraries/world.js";
import type { WorkloadJob } from "../arbitraries/workload.js";
import type { WorldOptions } from "../world-options.js";

// Options of the properties judged on generated worlds: what arrives (default: probe jobs that
// only take time) and what the arbitrary may do to the world.

export interface WorldPropertyOptions extends WorldOptions, Partial<Omit<WorldArbitraryOptions, "jobs">> {
  /** The job classes that arrive, with their argument arbitraries. */
  workload?: readonly WorkloadJob[];
  runs?: number;
}

export function workloadClasses(workload: readonly WorkloadJob[]): AnyJobClass[] {
  return workload.map((w) => w.job).filter((j): j is AnyJobClass => typeof j !== "string");
}

/** [tag, ms] arguments for the probe jobs: a tag to tell them apart and a duration (now and then
 * longer than the shutdown timeout, so stops release jobs still running). */
export const probeArgs = (maxMs = 1500, longMs = 0): fc.Arbitrary<unknown[]> => {
  const short = fc.nat({ max: Math.floor(maxMs / 50) }).map((k) => k * 50);
  const ms = longMs > maxMs ? fc.oneof({ weight: 4, arbitrary: short }, { weight: 1, arbitrary: fc.integer({ min: maxMs, max: longMs }).map((v) => Math.round(v / 100) * 100) }) : short;
  return fc.tuple(fc.nat({ max: 99 }), ms);
};

/** The arbitrary-shaping options, without the world's own. */
export function arbitraryOptions(o: WorldPropertyOptions): Omit<WorldArbitraryOptions, "jobs"> {
  const { workload: _w, runs: _r, jobs: _j, setup: _s, services: _v, prepare: _p, simulation: _m, module: _o, tables: _t, ...rest } = o;
  return rest;
}
