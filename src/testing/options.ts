import { suggest } from "../config/suggest.js";
import { ArgumentError } from "./errors.js";

// Option checks shared by helpers and matchers: Ruby raises for an unknown keyword, and
// Active Job for `only` together with `except`; so do we, naming the helper.

export function checkOptions(method: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ArgumentError(`${method}: options must be an object with ${known.join(", ")}; got ${options === null ? "null" : Array.isArray(options) ? "an array" : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = suggest(key, known);
    throw new ArgumentError(`${method}: unknown option ${JSON.stringify(key)}${near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`}; known options: ${known.join(", ")}`);
  }
}

export function checkOnlyExcept(options: { only?: unknown; except?: unknown } | undefined): void {
  if (options?.only != null && options.except != null) throw new ArgumentError("Cannot specify both `only` and `except` options.");
}
