import { isAsymmetricMatcher } from "./inspect.js";

// Ruby's `==` as assert_enqueued_with uses it on deserialized values: arrays element by element,
// hashes whatever their key order, times by instant, records by class and columns. An expected
// value may also be a vitest asymmetric matcher (`expect.any(Number)`), which Ruby has no
// counterpart for but which JS tests reach for.

export function rubyEquals(expected: unknown, actual: unknown): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(actual);
  if (expected === actual) return true;
  if (typeof expected !== "object" || typeof actual !== "object" || expected === null || actual === null) return false;
  if (expected instanceof Date || actual instanceof Date) {
    return expected instanceof Date && actual instanceof Date && expected.getTime() === actual.getTime();
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) return false;
    return expected.every((v, i) => rubyEquals(v, actual[i]));
  }
  if (Object.getPrototypeOf(expected) !== Object.getPrototypeOf(actual)) return false;
  const keys = Object.keys(expected);
  if (keys.length !== Object.keys(actual).length) return false;
  return keys.every((k) => Object.hasOwn(actual, k) && rubyEquals((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
}
