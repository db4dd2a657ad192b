// Writing behaviours into an existing job model file (`jobsim import export --model`): the
// file's text is kept (comments, order, everything a person wrote), each named class's
// `behaviour:` is replaced.
import { isScalar, parseDocument, visit } from "yaml";
import { ModelError } from "./errors.js";
import type { Behaviour } from "./types.js";

export interface Merged {
  text: string;
  /** Classes with a behaviour that the model does not have. */
  missing: string[];
}

export function mergeBehaviours(file: string, text: string, behaviours: Record<string, Behaviour>): Merged {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw ModelError.at(undefined, `${file}: not a readable job model (${doc.errors[0]!.message.split("\n")[0]})`);
  const missing: string[] = [];
  for (const [name, behaviour] of Object.entries(behaviours)) {
    if (!doc.hasIn(["jobs", name])) {
      missing.push(name);
      continue;
    }
    const node = doc.createNode(behaviour);
    // Lists of plain values on one line, as the model writer does.
    visit(node, { Seq: (_, seq) => void (seq.flow = seq.items.every((i) => isScalar(i))) });
    doc.setIn(["jobs", name, "behaviour"], node);
  }
  return { text: doc.toString({ lineWidth: 0 }), missing };
}
