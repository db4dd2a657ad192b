// Writing a job model file: YAML in the key order of the types, Ruby sources as block
// scalars, a first line that points editors at the schema. The same model always gives the
// same bytes, so an imported model can be committed and diffed.
import { Document, isScalar, visit } from "yaml";
import type { JobModel } from "./types.js";

export const MODEL_FILE = "job-model.yml";

/** `schemaPath`: the schema relative to where the file is written (for the editor comment). */
export function stringifyJobModel(model: JobModel | Pick<JobModel, "format" | "jobs"> | { format: string; jobs: object }, schemaPath?: string, header: string[] = []): string {
  const lines = [
    ...(schemaPath !== undefined ? [`# yaml-language-server: $schema=${schemaPath}`] : []),
    ...header.map((h) => `# ${h}`),
  ];
  const doc = new Document(model, { aliasDuplicateObjects: false });
  // Lists of plain values (error classes, ancestors, samples) on one line: [a, b, c].
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
  });
  const body = doc.toString({ lineWidth: 0 });
  return `${lines.length > 0 ? `${lines.join("\n")}\n` : ""}${body}`;
}
