import fc from "fast-check";
import type { AnyJobClass } from "../../job/registry.js";
import type { Arrival } from "../world-case.js";

// Job workloads: which classes arrive, with which arguments, on which queue and priority, when,
// and with what delay. Times are multiples of `step` ms so shrinking moves toward 0 in steps a
// person can read.

export interface WorkloadJob {
  job: AnyJobClass | string;
  /** Arguments for one arrival (default: no arguments). */
  args?: fc.Arbitrary<unknown[]>;
  /** Relative frequency among the classes. Default 1. */
  weight?: number;
}

export interface WorkloadOptions {
  jobs: readonly WorkloadJob[];
  minJobs?: number;
  maxJobs?: number;
  /** Queue names an arrival may set (none: the class's own queue). */
  queues?: readonly string[];
  /** Priorities an arrival may set, inclusive range. None: the class's own. */
  priorities?: readonly [number, number];
  /** Arrivals fall in [0, window) ms. Default 2000. */
  window?: number;
  /** Granularity of arrival times, ms. Default 50. */
  step?: number;
  /** Largest set({ wait }) in seconds; 0 = never delayed. Default 0. */
  maxWait?: number;
}

const nameOf = (j: AnyJobClass | string): string => (typeof j === "string" ? j : j.jobClassName);

export function arrivals(opts: WorkloadOptions): fc.Arbitrary<Arrival> {
  if (opts.jobs.length === 0) throw new Error("a workload needs at least one job class");
  const step = opts.step ?? 50;
  const slots = Math.max(0, Math.floor((opts.window ?? 2000) / step) - 1);
  const one = fc.oneof(
    ...opts.jobs.map((j) => ({
      weight: j.weight ?? 1,
      arbitrary: fc.record({ job: fc.constant(nameOf(j.job)), args: j.args ?? fc.constant([] as unknown[]) }),
    })),
  );
  return fc
    .record(
      {
        at: fc.nat({ max: slots }).map((k) => k * step),
        pick: one,
        queue: opts.queues === undefined || opts.queues.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...opts.queues), { nil: undefined }),
        priority: opts.priorities === undefined ? fc.constant(undefined) : fc.option(fc.integer({ min: opts.priorities[0], max: opts.priorities[1] }), { nil: undefined }),
        wait: (opts.maxWait ?? 0) > 0 ? fc.option(fc.integer({ min: 1, max: opts.maxWait! }), { nil: undefined }) : fc.constant(undefined),
      },
      { noNullPrototype: true },
    )
    .map(({ at, pick, queue, priority, wait }) => {
      const a: Arrival = { at, job: pick.job, args: pick.args };
      if (queue !== undefined) a.queue = queue;
      if (priority !== undefined) a.priority = priority;
      if (wait !== undefined) a.wait = wait;
      return a;
    });
}

/** A workload: arrivals sorted by time (ties keep generation order). */
export function workloads(opts: WorkloadOptions): fc.Arbitrary<Arrival[]> {
  return fc.array(arrivals(opts), { minLength: opts.minJobs ?? 1, maxLength: opts.maxJobs ?? 6 }).map(sortArrivals);
}

export function sortArrivals(list: readonly Arrival[]): Arrival[] {
  return list
    .map((a, i) => [a, i] as const)
    .sort((x, y) => x[0].at - y[0].at || x[1] - y[1])
    .map(([a]) => a);
}
