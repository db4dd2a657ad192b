import type { SourcePos } from "./types.js";

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

/** One problem, its message already prefixed with its position. */
export interface ConfigIssue {
  message: string;
  pos?: SourcePos;
}

export function issueAt(pos: SourcePos | undefined, detail: string): ConfigIssue {
  return { message: pos ? `${formatPos(pos)}: ${detail}` : detail, pos };
}

/**
 * A config file that Solid Queue would refuse (or that our strict checks refuse).
 * `message` starts with "file:line:col: " when the position is known; when several problems
 * were found, `message` lists them one a line and `issues` holds each.
 */
export class ConfigError extends Error {
  readonly pos?: SourcePos;
  readonly issues: readonly ConfigIssue[];
  /** Warnings collected before the failure; they often explain it (e.g. a non-breaking space). */
  readonly warnings: readonly string[];

  constructor(issues: ConfigIssue | readonly ConfigIssue[], warnings: readonly string[] = []) {
    const list = Array.isArray(issues) ? (issues as readonly ConfigIssue[]) : [issues as ConfigIssue];
    if (list.length === 0) throw new Error("ConfigError needs at least one issue");
    super(list.map((i) => i.message).join("\n"));
    this.name = "ConfigError";
    this.pos = list[0]!.pos;
    this.issues = list;
    this.warnings = warnings;
  }

  static at(pos: SourcePos | undefined, detail: string): ConfigError {
    return new ConfigError(issueAt(pos, detail));
  }
}

/** Collects validation problems so a user sees all of them at once. */
export class Problems {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: string[] = [];

  error(pos: SourcePos | undefined, detail: string): void {
    this.errors.push(issueAt(pos, detail));
  }

  warn(pos: SourcePos | undefined, detail: string): void {
    this.warnings.push(issueAt(pos, detail).message);
  }

  /** Throws every error found, in file order. */
  throwIfAny(): void {
    if (this.errors.length === 0) return;
    const order = (i: ConfigIssue) => [i.pos?.file ?? "", i.pos?.line ?? 0, i.pos?.col ?? 0] as const;
    const sorted = [...this.errors].sort((a, b) => {
      const [fa, la, ca] = order(a);
      const [fb, lb, cb] = order(b);
      return fa === fb ? la - lb || ca - cb : fa < fb ? -1 : 1;
    });
    throw new ConfigError(sorted, this.warnings);
  }
}
