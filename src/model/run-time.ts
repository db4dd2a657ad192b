// Drawing one execution's run time from a behaviour's distribution. Every draw comes from the
// generator passed in (a seeded stream of the simulation), never from Math.random.
//   fixed       the value
//   uniform     min + u × (max − min)
//   lognormal   exp(μ + σz): μ = ln p50, σ = (ln p95 − ln p50) / 1.6449 (z of the 95th
//               percentile), z a standard normal by Box-Muller from two draws
//   empirical   the samples' quantile at u, linear between neighbouring order statistics, so
//               a few hundred samples give a continuous distribution of the same shape
import type { RunTime } from "./types.js";

/** z of the 95th percentile of the standard normal distribution. */
const Z95 = 1.6448536269514722;

/** Seconds, rounded to the clock's resolution (1 ms). */
export function drawRunTime(rt: RunTime, next: () => number): number {
  return Math.round(draw(rt, next) * 1000) / 1000;
}

function draw(rt: RunTime, next: () => number): number {
  if ("fixed" in rt) return rt.fixed;
  if ("uniform" in rt) return rt.uniform.min + next() * (rt.uniform.max - rt.uniform.min);
  if ("lognormal" in rt) {
    const { p50, p95 } = rt.lognormal;
    const sigma = (Math.log(p95) - Math.log(p50)) / Z95;
    return Math.exp(Math.log(p50) + sigma * standardNormal(next));
  }
  return quantile(sortedSamples(rt.empirical), next());
}

function standardNormal(next: () => number): number {
  const u1 = next();
  const u2 = next();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

const sortedCache = new WeakMap<number[], number[]>();

function sortedSamples(samples: number[]): number[] {
  let sorted = sortedCache.get(samples);
  if (sorted === undefined) sortedCache.set(samples, (sorted = [...samples].sort((a, b) => a - b)));
  return sorted;
}

/** The u-quantile (u in [0, 1)) of ascending samples, interpolated. */
export function quantile(sorted: readonly number[], u: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const pos = u * (sorted.length - 1);
  const i = Math.floor(pos);
  const lo = sorted[i]!;
  const hi = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return lo + (hi - lo) * (pos - i);
}
