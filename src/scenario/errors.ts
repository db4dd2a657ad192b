import type { SourcePos } from "../config/index.js";
import { formatPos } from "../config/index.js";

// Bad scenario input: every problem names file:line:col. The CLI prints the message and exits 2.

export interface ScenarioIssue {
  /** Already prefixed with "file:line:col: " when the position is known. */
  message: string;
  pos?: SourcePos;
}

export class ScenarioError extends Error {
  override name = "ScenarioError";
  readonly issues: readonly ScenarioIssue[];
  readonly pos?: SourcePos;

  constructor(issues: ScenarioIssue | readonly ScenarioIssue[]) {
    const list = Array.isArray(issues) ? (issues as readonly ScenarioIssue[]) : [issues as ScenarioIssue];
    super(list.map((i) => i.message).join("\n"));
    this.issues = list;
    this.pos = list[0]?.pos;
  }

  static at(pos: SourcePos | undefined, detail: string): ScenarioError {
    return new ScenarioError(issueAt(pos, detail));
  }
}

export function issueAt(pos: SourcePos | undefined, detail: string): ScenarioIssue {
  return { message: pos === undefined ? detail : `${formatPos(pos)}: ${detail}`, pos };
}

/** Collects problems so one run of the loader reports all of them, in file order. */
export class Issues {
  readonly list: ScenarioIssue[] = [];

  add(pos: SourcePos | undefined, detail: string): void {
    this.list.push(issueAt(pos, detail));
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const key = (i: ScenarioIssue) => [i.pos?.line ?? 0, i.pos?.col ?? 0] as const;
    const sorted = [...this.list].sort((a, b) => {
      const [la, ca] = key(a);
      const [lb, cb] = key(b);
      return la - lb || ca - cb;
    });
    throw new ScenarioError(sorted);
  }
}
