import fc from "fast-check";

// Failure scripts: what attempt n of a job does. `null` succeeds; a name throws an error of
// that class (a class the job declares in retryOn / discardOn, or one it handles nowhere).
// Attempts past the end of the script succeed, so shrinking shortens toward "just works".

export type FailureScript = (string | null)[];

export interface FailureScriptOptions {
  /** Error class names attempts may throw. */
  errors: readonly string[];
  /** Longest script. Default 6. */
  maxLength?: number;
}

export function failureScripts(opts: FailureScriptOptions): fc.Arbitrary<FailureScript> {
  if (opts.errors.length === 0) return fc.constant([]);
  const step = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constantFrom(...opts.errors) });
  return fc.array(step, { maxLength: opts.maxLength ?? 6 });
}
