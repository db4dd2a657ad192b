// Bad input, positioned: the one toolkit config, scenario and property parsing share. Every
// problem is an Issue whose message starts with "file:line:col: " when its place is known; a
// parser collects them in Issues so one run reports all of them, in file order, and the caller
// throws them as one InputError (ConfigError, ScenarioError and PropertySpecError are its kinds).
import type { SourcePos } from "./types.js";

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

/** One problem, its message already prefixed with its position. */
export interface Issue {
  message: string;
  pos?: SourcePos;
}

export function issueAt(pos: SourcePos | undefined, detail: string): Issue {
  return { message: pos === undefined ? detail : `${formatPos(pos)}: ${detail}`, pos };
}

/** Input a user must fix: the message lists the issues one a line; `pos` is the first one's. */
export class InputError extends Error {
  readonly issues: readonly Issue[];
  readonly pos?: SourcePos;

  constructor(issues: string | Issue | readonly Issue[]) {
    const list = typeof issues === "string" ? [{ message: issues }] : Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
    if (list.length === 0) throw new Error(`${new.target.name} needs at least one issue`);
    super(list.map((i) => i.message).join("\n"));
    this.name = new.target.name;
    this.issues = list;
    this.pos = list[0]!.pos;
  }
}

/** Collects problems so a user sees all of them at once. */
export class Issues {
  readonly list: Issue[] = [];

  /** `raise` makes the error thrown by throwIfAny (the parser's own kind of InputError). */
  constructor(private readonly raise: (sorted: Issue[]) => Error = (sorted) => new InputError(sorted)) {}

  add(pos: SourcePos | undefined, detail: string): void {
    this.list.push(issueAt(pos, detail));
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Every issue in file order (file, line, column); unpositioned ones first. */
  sorted(): Issue[] {
    const order = (i: Issue) => [i.pos?.file ?? "", i.pos?.line ?? 0, i.pos?.col ?? 0] as const;
    return [...this.list].sort((a, b) => {
      const [fa, la, ca] = order(a);
      const [fb, lb, cb] = order(b);
      return fa === fb ? la - lb || ca - cb : fa < fb ? -1 : 1;
    });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw this.raise(this.sorted());
  }
}
