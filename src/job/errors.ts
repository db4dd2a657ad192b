// Errors of argument serialization, record lookup and duration parsing. Names match Active
// Job's where one exists (ActiveJob::SerializationError, ActiveJob::DeserializationError,
// DeserializationError::RecordNotFound); `instanceof` replaces Ruby's `is_a?`.

/**
 * Ruby's ArgumentError: an option Active Job would refuse (unknown key, wrong type). Named as
 * Ruby names it so a Rails developer recognises it; the testing helpers raise the same class.
 */
export class ArgumentError extends Error {
  override name = "ArgumentError";
}

/** An argument cannot be stored (Active Job raises it at enqueue). `path` locates the value. */
export class SerializationError extends Error {
  override name = "SerializationError";
  /** Where the value sits in the argument list, e.g. `arguments[1].items`. */
  readonly path: string | undefined;

  constructor(message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.path = options.path;
  }
}

const DESERIALIZATION_PREFIX = "Error while trying to deserialize arguments: ";

/** Reading the stored arguments failed; `cause` is the original error, wrapped once. */
export class DeserializationError extends Error {
  override name = "DeserializationError";
  /** Where the failing value sat in the stored list, e.g. `arguments[0].total`. */
  readonly path: string | undefined;

  constructor(cause: unknown, path?: string) {
    super(DESERIALIZATION_PREFIX + messageOf(cause), { cause });
    this.path = path;
  }
}

/** Active Job's DeserializationError::RecordNotFound: a record argument no longer exists. */
export class RecordNotFoundDeserializationError extends DeserializationError {
  override name = "RecordNotFoundDeserializationError";
}

/** `Model.find` found no row (Active Record's message shape). */
export class RecordNotFound extends Error {
  override name = "RecordNotFound";

  constructor(
    readonly model: string,
    readonly primaryKey: string,
    readonly id: string,
  ) {
    super(`Couldn't find ${model} with '${primaryKey}'=${id}`);
  }
}

/** A duration option (wait, polling interval, ...) could not be read. */
export class DurationError extends Error {
  override name = "DurationError";

  constructor(
    message: string,
    readonly input: unknown,
    readonly what: string | undefined,
  ) {
    super(message);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
