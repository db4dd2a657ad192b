import { inspect } from "node:util";
import { parseDuration } from "./duration.js";
import { ArgumentError } from "./errors.js";

// retry_on's wait (active-job.md §5.3, §5.7). One draw from the seeded generator per computed
// delay, and none when jitter is 0, so traces stay reproducible.

export type WaitFn = (executions: number, error: unknown) => number | string;
export type Wait = number | string | "polynomiallyLonger" | WaitFn;

// Rails' own words first (a Rails developer searches for them), then the TypeScript forms.
const UNSUPPORTED =
  "Unsupported argument type for :wait, expected an Integer, Float, ActiveSupport::Duration, Proc, or :polynomially_longer, but got ";
const FORMS = 'in jobsim: seconds (5, 0.5), a duration string ("5 seconds", "1.hour"), a function (executions, error) => seconds, or "polynomially_longer"';

// The spellings of Ruby's :polynomially_longer a caller may write: the symbol as a JS symbol or
// string, snake_case as Rails and YAML users write it, or camelCase as TypeScript does.
const POLYNOMIAL = new Set(["polynomiallyLonger", "polynomially_longer", ":polynomially_longer"]);
const REMOVED = new Set(["exponentiallyLonger", "exponentially_longer", ":exponentially_longer"]);

/** Checks a wait when retryOn is declared (Rails 8.2 raises ArgumentError there, not at retry time). */
export function validateWait(given: unknown): Wait {
  const wait = typeof given === "symbol" ? (Symbol.keyFor(given) ?? given.description) : given;
  if (typeof wait === "string" && POLYNOMIAL.has(wait)) return "polynomiallyLonger";
  if (typeof wait === "function") return wait as Wait;
  // Rails 7.2 removed :exponentially_longer; 8.x raises for it as for any other value.
  if (typeof wait === "string" && REMOVED.has(wait)) {
    throw new ArgumentError(`${UNSUPPORTED}${show(given)} (:exponentially_longer was removed in Rails 7.2; use "polynomially_longer")`);
  }
  if (typeof wait === "number" && Number.isFinite(wait)) return wait;
  if (typeof wait === "string" && readable(wait)) return wait;
  throw new ArgumentError(`${UNSUPPORTED}${show(given)} (${FORMS})`);
}

function readable(text: string): boolean {
  try {
    parseDuration(text, "retryOn wait");
    return true;
  } catch {
    return false;
  }
}

/** The delay in seconds for the n-th handled failure of one retryOn declaration. */
export function retryDelay(wait: Wait, n: number, jitter: number, random: () => number, error: unknown): number {
  if (wait === "polynomiallyLonger") {
    const base = n ** 4;
    return base + jitterFor(base, jitter, random) + 2;
  }
  if (typeof wait === "function") {
    // No jitter on a function's result, as Rails.
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

// Close to Ruby's inspect for the values a TypeScript caller may pass by mistake.
function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === undefined) return "undefined";
  return inspect(v, { depth: 2, breakLength: Infinity });
}
