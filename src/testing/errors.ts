// The errors the testing helpers raise, named after their Rails counterparts so a Rails
// developer recognises them: ArgumentError for misuse, AssertionError for a failed assertion.

/** Misuse of a helper or matcher (Ruby's ArgumentError): one class with the job API's own. */
export { ArgumentError } from "../job/errors.js";

/** A failed assert* helper (minitest's Minitest::Assertion). */
export class AssertionError extends Error {
  override name = "AssertionError";
}
