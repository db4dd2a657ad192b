import { parseDuration } from "./duration.js";

// retry_on's wait (active-job.md §5.3, §5.7). One draw from the seeded generator per computed
// delay, and none when jitter is 0, so traces stay reproducible.

export type WaitFn = (executions: number, error: unknown) => number | string;
export type Wait = number | string | "polynomiallyLonger" | WaitFn;

export function validateWait(wait: unknown): Wait {
  if (wait === "polynomiallyLonger" || typeof wait === "function") return wait as Wait;
  if (typeof wait === "number" && Number.isFinite(wait)) return wait;
  if (typeof wait === "string") {
    parseDuration(wait, "retryOn wait");
    return wait;
  }
  throw new TypeError(
    `Unsupported argument type for wait: expected a number of seconds, a duration string, a function, or "polynomiallyLonger", but got ${inspect(wait)}`,
  );
}

/** The delay in seconds for the n-th handled failure of one retryOn declaration. */
export function retryDelay(wait: Wait, n: number, jitter: number, random: () => number, error: unknown): number {
  if (wait === "polynomiallyLonger") {
    const base = n ** 4;
    return base + jitterFor(base, jitter, random) + 2;
  }
  if (typeof wait === "function") {
    const v = wait(n, error);
    return typeof v === "number" ? v : parseDuration(v, "retryOn wait");
  }
  const w = typeof wait === "number" ? wait : parseDuration(wait, "retryOn wait");
  return w + jitterFor(w, jitter, random);
}

function jitterFor(base: number, jitter: number, random: () => number): number {
  if (jitter === 0) return 0;
  return random() * base * jitter;
}

function inspect(v: unknown): string {
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "string") return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
