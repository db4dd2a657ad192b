// The errors the testing helpers raise, named after their Rails counterparts so a Rails
// developer recognises them: ArgumentError for misuse, AssertionError for a failed assertion.

/** Misuse of a helper or matcher (Ruby's ArgumentError): unknown option, wrong mode, both only and except. */
export class ArgumentError extends Error {
  override name = "ArgumentError";
}

/** A failed assert* helper (minitest's Minitest::Assertion). */
export class AssertionError extends Error {
  override name = "AssertionError";
}
