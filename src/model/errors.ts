// Bad job model input: the model's kind of config/'s positioned InputError. The CLI prints the
// message (every problem at file:line:col, in file order) and exits 2.
import type { SourcePos } from "../config/index.js";
import { InputError, Issues, issueAt } from "../config/issues.js";

export class ModelError extends InputError {
  static at(pos: SourcePos | undefined, detail: string): ModelError {
    return new ModelError(issueAt(pos, detail));
  }
}

/** Collects a model file's problems; throwIfAny throws them as one ModelError. */
export class ModelIssues extends Issues {
  constructor() {
    super((sorted) => new ModelError(sorted));
  }
}
