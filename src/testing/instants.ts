import { parseInstant } from "../sim/time-input.js";

// Instants given to helpers and matchers: a Date, epoch milliseconds (as everywhere in jobsim),
// or an ISO 8601 string with a zone. Entries store Rails' float epoch seconds instead.

export type Instant = Date | number | string;

export function instantMs(value: Instant, what: string): number {
  if (!(value instanceof Date) && typeof value !== "number" && typeof value !== "string") {
    throw new TypeError(`${what}: expected a Date, epoch milliseconds or an ISO 8601 string, got ${typeof value}`);
  }
  return parseInstant(value, "Etc/UTC", what);
}

export function isTimeLike(value: unknown): value is Instant {
  return value instanceof Date || typeof value === "number" || typeof value === "string";
}
