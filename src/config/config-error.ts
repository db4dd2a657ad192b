import { InputError, Issues, issueAt, type Issue } from "./issues.js";
import type { SourcePos } from "./types.js";

export { formatPos, issueAt } from "./issues.js";

/** One problem of a config file, its message already prefixed with its position. */
export type ConfigIssue = Issue;

/**
 * A config file that Solid Queue would refuse (or that our strict checks refuse).
 * `message` starts with "file:line:col: " when the position is known; when several problems
 * were found, `message` lists them one a line and `issues` holds each.
 */
export class ConfigError extends InputError {
  /** Warnings collected before the failure; they often explain it (e.g. a non-breaking space). */
  readonly warnings: readonly string[];

  constructor(issues: ConfigIssue | readonly ConfigIssue[], warnings: readonly string[] = []) {
    super(issues);
    this.warnings = warnings;
  }

  static at(pos: SourcePos | undefined, detail: string): ConfigError {
    return new ConfigError(issueAt(pos, detail));
  }
}

/** Collects validation problems (and Solid Queue's warnings) so a user sees all of them at once. */
export class Problems {
  readonly warnings: string[] = [];
  private readonly issues = new Issues((sorted) => new ConfigError(sorted, this.warnings));

  get errors(): readonly ConfigIssue[] {
    return this.issues.list;
  }

  error(pos: SourcePos | undefined, detail: string): void {
    this.issues.add(pos, detail);
  }

  warn(pos: SourcePos | undefined, detail: string): void {
    this.warnings.push(issueAt(pos, detail).message);
  }

  /** Throws every error found, in file order. */
  throwIfAny(): void {
    this.issues.throwIfAny();
  }
}
