// The three ways a schedule can fail Solid Queue's validation, plus the two kinds of
// failure that Solid Queue does not catch (Fugit raising something unexpected).

export type ScheduleErrorKind = "unsupported" | "multiple-crons" | "argument";

export const UNSUPPORTED_MESSAGE = "is not a supported recurring schedule";
export const MULTIPLE_CRONS_MESSAGE =
  "generates multiple cron schedules. Please use separate recurring tasks for each schedule, " +
  "or use explicit cron syntax (e.g., '40 0,15 * * *' for multiple times with the same minutes)";

/**
 * A schedule that Solid Queue's `ensure_schedule_supported` validation refuses.
 * `message` is the text it adds to the task's errors (without the "Schedule " prefix).
 */
export class ScheduleError extends Error {
  override readonly name = "ScheduleError";
  constructor(
    readonly kind: ScheduleErrorKind,
    message?: string,
  ) {
    super(
      message ??
        (kind === "unsupported" ? UNSUPPORTED_MESSAGE : kind === "multiple-crons" ? MULTIPLE_CRONS_MESSAGE : kind),
    );
  }
}

/**
 * Parsing makes Fugit raise an exception that is not an ArgumentError (NoMethodError,
 * TZInfo::InvalidTimezoneIdentifier): Solid Queue's validation does not rescue it, so
 * the real process would crash while loading the task. `message` names Ruby's error.
 */
export class ScheduleCrash extends Error {
  override readonly name = "ScheduleCrash";
}

/**
 * Computing a time failed the way Fugit fails at run time: the 2048-step search limit
 * ("too many loops"), or a `%0` week modulo (ZeroDivisionError).
 */
export class ScheduleRuntimeError extends Error {
  override readonly name = "ScheduleRuntimeError";
}
