import { posix } from "node:path";
import ts from "typescript";
import { LAYERS, PACKAGE_FOLDERS, PEER_IMPORTS } from "./rules.js";

// Reads every import of a set of source files (runtime and type-only: import and export
// declarations, `import("x")` calls and `import("x").T` types) with TypeScript's own parser, so
// comments, strings and multi-line imports are read as the compiler reads them, and checks
// them against the layer rules in rules.ts.

/** One import in one file. Paths are repository-relative with forward slashes ("src/sim/x.ts"). */
export interface Import {
  file: string;
  line: number;
  specifier: string;
  /** The imported file (relative specifiers) or the package name (bare specifiers). */
  target: string;
  package: boolean;
  typeOnly: boolean;
}

export interface Violation {
  import: Import;
  /** "file -> target": how KNOWN_VIOLATIONS names it. */
  key: string;
  message: string;
}

/** The imports of one file, in source order. */
export function readImports(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier === undefined || !ts.isStringLiteralLike(specifier)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const name = specifier.text;
    const relative = name.startsWith(".");
    const target = relative ? posix.normalize(posix.join(posix.dirname(file), name)).replace(/\.js$/, ".ts") : packageName(name);
    found.push({ file, line, specifier: name, target, package: !relative, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      // `import { type A }` stays a runtime import under verbatimModuleSyntax (`import {} from`).
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** The folder directly under src/ a file belongs to; "index" for src/index.ts. */
export function folderOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] !== "src" || parts.length < 2) throw new Error(`${path} is not under src/`);
  return parts.length === 2 ? parts[1]!.replace(/\.ts$/, "") : parts[1]!;
}

/** The layer's index, 0 at the top; throws for a folder no layer names. */
export function layerOf(folder: string): number {
  const i = LAYERS.findIndex((layer) => layer.includes(folder));
  if (i < 0) throw new Error(`src/${folder}/ is in no layer: add it to LAYERS in test/architecture/rules.ts and to docs/architecture.md`);
  return i;
}

/** Every import that breaks the layer or package rules, with a message naming file, line and import. */
export function violations(imports: readonly Import[]): Violation[] {
  const out: Violation[] = [];
  for (const imp of imports) {
    const from = folderOf(imp.file);
    const where = `${imp.file}:${imp.line} ${imp.typeOnly ? "import type" : "import"} "${imp.specifier}"`;
    if (imp.package) {
      const allowed = PACKAGE_FOLDERS[imp.target];
      if (allowed !== undefined && !allowed.includes(from)) {
        out.push({ import: imp, key: `${imp.file} -> ${imp.target}`, message: `${where}: ${from}/ may not import the package ${imp.target} (only ${allowed.map((f) => `${f}/`).join(", ")})` });
      }
      continue;
    }
    const key = `${imp.file} -> ${imp.target}`;
    if (!imp.target.startsWith("src/")) {
      out.push({ import: imp, key, message: `${where}: src/ imports nothing outside src/ (the package is built from src/ alone)` });
      continue;
    }
    const to = folderOf(imp.target);
    if (to === from) continue;
    const [a, b] = [layerOf(from), layerOf(to)];
    if (b < a) {
      out.push({ import: imp, key, message: `${where}: ${from}/ (layer ${a}: ${LAYERS[a]!.join("/")}) imports ${to}/, a higher layer (${b}: ${LAYERS[b]!.join("/")}); imports point down` });
    } else if (a === b && PEER_IMPORTS[`${from} -> ${to}`] === undefined) {
      out.push({ import: imp, key, message: `${where}: ${from}/ and ${to}/ are in the same layer and "${from} -> ${to}" is not an allowed peer import (PEER_IMPORTS)` });
    }
  }
  return out;
}

/**
 * Cycles between folders (runtime and type imports alike), each as the folders in order with the
 * first again at the end, and one import that makes each step.
 */
export function folderCycles(imports: readonly Import[]): { folders: string[]; via: Import[] }[] {
  const edges = new Map<string, Map<string, Import>>();
  for (const imp of imports) {
    if (imp.package || !imp.target.startsWith("src/")) continue;
    const [from, to] = [folderOf(imp.file), folderOf(imp.target)];
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, imp);
  }
  const cycles: { folders: string[]; via: Import[] }[] = [];
  for (const component of stronglyConnected(edges)) {
    if (component.length < 2) continue;
    // One cycle through the component, found by walking edges inside it from its first folder.
    const inside = new Set(component);
    const start = component.slice().sort()[0]!;
    const path = [start];
    const seen = new Set<string>();
    let at = start;
    while (!seen.has(at)) {
      seen.add(at);
      const next = [...edges.get(at)!.keys()].filter((n) => inside.has(n)).sort()[0]!;
      path.push(next);
      at = next;
    }
    const folders = path.slice(path.indexOf(at));
    cycles.push({ folders, via: folders.slice(1).map((to, i) => edges.get(folders[i]!)!.get(to)!) });
  }
  return cycles;
}

/** Tarjan's strongly connected components. */
function stronglyConnected(edges: Map<string, Map<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const v of [...nodes].sort()) if (!index.has(v)) connect(v);
  return out;
}
