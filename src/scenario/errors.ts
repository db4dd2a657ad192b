import type { SourcePos } from "../config/index.js";
import { InputError, Issues as InputIssues, issueAt, type Issue } from "../config/issues.js";

// Bad scenario input: every problem names file:line:col. The CLI prints the message and exits 2.
// The positioned-issue toolkit itself is config/issues.ts; this is the scenario's kind of it.

export type ScenarioIssue = Issue;
export { issueAt };

export class ScenarioError extends InputError {
  static at(pos: SourcePos | undefined, detail: string): ScenarioError {
    return new ScenarioError(issueAt(pos, detail));
  }
}

/** Collects a scenario's problems; throwIfAny throws them, in file order, as one ScenarioError. */
export class Issues extends InputIssues {
  constructor() {
    super((sorted) => new ScenarioError(sorted));
  }
}
