import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

// The code blocks of README.md and docs/*.md that a user can run as they are, for the package
// test to run against the installed package:
// - a block that starts with a file name comment (`// vitest.config.ts`, `// test/setup.ts`,
//   `// test/scenarios.test.ts`) becomes that file of the consumer project;
// - a block that imports vitest and declares a `describe` is a test file;
// - a block that starts with an import (after comments) is a program, run with tsx; when the
//   next block is a plain ``` block, it is the program's exact output.
// Fragments (no import: they continue an earlier block) are left to the surrounding text.

export interface DocExample {
  kind: "config" | "test" | "program";
  /** Where it goes in the consumer project. */
  file: string;
  code: string;
  /** The exact output the doc shows, when it shows one. */
  output?: string;
  /** "docs/jobs.md:14", for messages. */
  source: string;
}

const BLOCK = /```ts\n([\s\S]*?)```(?:\n\n```\n([\s\S]*?)```)?/g;

export function docExamples(root: string): DocExample[] {
  const docs = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];
  const out: DocExample[] = [];
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), "utf8");
    let n = 0;
    for (const m of text.matchAll(BLOCK)) {
      const code = m[1]!;
      const source = `${doc}:${text.slice(0, m.index).split("\n").length}`;
      const slug = `${basename(doc, ".md").toLowerCase()}-${++n}`;
      const named = /^\/\/ ((?:test\/)?[\w.-]+\.ts)[\s:]/.exec(code)?.[1];
      const firstCode = code.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("//")) ?? "";
      if (named !== undefined) out.push({ kind: named.endsWith(".test.ts") ? "test" : "config", file: named, code, source });
      else if (!firstCode.startsWith("import ")) continue;
      else if (/from "vitest"/.test(code) && /\bdescribe\(/.test(code)) out.push({ kind: "test", file: `test/doc-${slug}.test.ts`, code, source });
      else if (!/from "vitest"/.test(code)) out.push({ kind: "program", file: `examples/${slug}.ts`, code, source, ...(m[2] !== undefined ? { output: m[2] } : {}) });
    }
  }
  for (const f of readdirSync(join(root, "docs/examples")).filter((f) => f.endsWith(".ts"))) {
    const code = readFileSync(join(root, "docs/examples", f), "utf8");
    if (out.some((e) => e.code.trim() === code.trim())) continue; // shown in a doc already
    out.push({ kind: "program", file: `examples/${f}`, code, source: `docs/examples/${f}` });
  }
  return out;
}
