// A job model file parsed into config/'s positioned node tree (YAML 1.2 core schema, as the
// model is written: `:ups` and `yes` stay text). Aliases are resolved, `<<` merge keys applied
// (keys written in the mapping win), duplicate keys and syntax errors are a ModelError at
// file:line:col.
import { isAlias, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Document, Node as YamlNode, Pair } from "yaml";
import type { SourcePos } from "../config/index.js";
import type { SEntry, SNode } from "../config/input-node.js";
import { lineIndexOf } from "../config/source-locator.js";
import { ModelError } from "./errors.js";

class Positions {
  private readonly lineStarts: number[] = [0];
  constructor(
    readonly file: string,
    text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
  }
  at(offset: number): SourcePos {
    const line = lineIndexOf(this.lineStarts, offset);
    return { file: this.file, line: line + 1, col: offset - this.lineStarts[line]! + 1 };
  }
}

export function parseModelYaml(file: string, text: string): SNode | undefined {
  const positions = new Positions(file, text);
  const doc = parseDocument(text, { uniqueKeys: true, merge: true, prettyErrors: false, strict: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const offset = Math.min(error.pos[0], Math.max(0, text.trimEnd().length - 1));
    throw ModelError.at(positions.at(offset), `YAML syntax error: ${error.message.replace(/\s+/g, " ").trim()}`);
  }
  return doc.contents === null ? undefined : convert(doc, doc.contents as YamlNode, positions, new Set());
}

function convert(doc: Document, node: YamlNode, p: Positions, seen: Set<YamlNode>): SNode {
  const [start, end] = node.range ?? [0, 0];
  const base = { pos: p.at(start), start, end };
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined || seen.has(target)) throw ModelError.at(base.pos, `alias *${node.source} has no anchor before it, or refers to itself`);
    return convert(doc, target, p, new Set([...seen, target]));
  }
  if (isScalar(node)) {
    const v = node.value;
    return { kind: "scalar", value: typeof v === "bigint" ? Number(v) : (v as string | number | boolean | null), ...base };
  }
  if (isSeq(node)) return { kind: "seq", items: (node.items as (YamlNode | null)[]).map((i) => (i === null ? { kind: "scalar", value: null, ...base } : convert(doc, i, p, seen))), ...base };
  if (!isMap(node)) throw ModelError.at(base.pos, "unsupported YAML node");
  const entries: SEntry[] = [];
  const merged: SEntry[] = [];
  for (const pair of node.items as Pair<YamlNode | null, YamlNode | null>[]) {
    const key = pair.key;
    const keyPos = key?.range !== undefined && key.range !== null ? p.at(key.range[0]) : base.pos;
    const value: SNode = pair.value === null ? { kind: "scalar", value: null, pos: keyPos, start, end: start } : convert(doc, pair.value, p, seen);
    if (isScalar(key) && (key.source === "<<" || typeof key.value === "symbol")) {
      for (const s of value.kind === "seq" ? value.items : [value]) {
        if (s.kind !== "map") throw ModelError.at(s.pos, "a << merge key takes a mapping (an alias of one) or a list of them");
        merged.push(...s.entries);
      }
      continue;
    }
    if (!isScalar(key)) throw ModelError.at(keyPos, "keys must be plain words, not lists or mappings");
    entries.push({ key: String(key.value), keyPos, value });
  }
  const written = new Set(entries.map((e) => e.key));
  for (const e of merged) if (!written.has(e.key)) written.add(e.key) && entries.push(e);
  return { kind: "map", entries, flow: node.flow === true, ...base };
}
