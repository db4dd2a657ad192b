// A scenario file parsed into a small positioned tree (YAML 1.2 core schema, as editors read
// it: `yes` stays a string, `12:00` stays a string). Aliases are resolved and `<<` merge keys
// applied (keys written in the mapping win, per the YAML merge spec). Syntax errors and
// duplicate keys become a ScenarioError at file:line:col.
import { lineIndexOf } from "../config/source-locator.js";
import { parseBoundedYaml } from "../config/bounded-yaml.js";
import { YamlInputError, type YamlLimits } from "../config/yaml-input-error.js";
import { isAlias, isMap, isScalar, isSeq } from "yaml";
import type { Alias, Node as YamlNode, Pair } from "yaml";
import type { SourcePos } from "../config/index.js";
import { ScenarioError } from "./errors.js";
import type { NodeBase as Base, SEntry, SMap, SNode, SScalar } from "../config/input-node.js";

export type { SEntry, SMap, SNode, SScalar, SSeq } from "../config/input-node.js";
export { describeNode, toPlain } from "../config/input-node.js";


export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
  }

  pos(offset: number): SourcePos {
    const line = this.lineOf(offset);
    return { file: this.file, line: line + 1, col: offset - this.lineStarts[line]! + 1 };
  }

  /** Offset where the line holding `offset` begins. */
  lineStart(offset: number): number {
    return this.lineStarts[this.lineOf(offset)]!;
  }

  private lineOf(offset: number): number {
    return lineIndexOf(this.lineStarts, offset);
  }
}

export interface ParsedScenarioYaml {
  source: SourceText;
  root: SNode | undefined;
}

export function parseScenarioYaml(file: string, text: string, limits?: YamlLimits): ParsedScenarioYaml {
  const source = new SourceText(file, text);
  let parsed: ReturnType<typeof parseBoundedYaml>;
  try {
    // Duplicate keys are found by the Builder: the library's check is quadratic in a mapping's size.
    parsed = parseBoundedYaml(text, { uniqueKeys: false, merge: true, strict: true }, limits);
  } catch (e) {
    if (e instanceof YamlInputError) throw ScenarioError.at(source.pos(e.offset), e.detail);
    throw e;
  }
  const docs = parsed.docs;
  if (docs.length === 0) {
    const e = parsed.streamErrors[0];
    if (e !== undefined) throw syntaxError(source, e);
    return { source, root: undefined };
  }
  const { doc, targets } = docs[0]!;
  const error = doc.errors[0];
  if (error !== undefined) throw syntaxError(source, error);
  if (docs.length > 1) throw ScenarioError.at(source.pos(docs[1]!.doc.range[0]), "a scenario file holds one YAML document; remove the second one (after ---)");
  const root = doc.contents === null ? undefined : new Builder(targets, source).convert(doc.contents as YamlNode);
  return { source, root };
}

function syntaxError(source: SourceText, error: { message: string; pos: [number, number] }): ScenarioError {
  const text = source.text;
  let offset = error.pos[0];
  // The parser places some errors at the end of the text or inside a line's indentation.
  if (offset >= text.trimEnd().length) offset = Math.max(0, text.trimEnd().length - 1);
  const lineStart = source.lineStart(offset);
  if (/^ *$/.test(text.slice(lineStart, offset + 1))) {
    const token = text.slice(lineStart).search(/[^ ]/);
    if (token >= 0 && text[lineStart + token] !== "\n") offset = lineStart + token;
  }
  const message = error.message.replace(/\s+/g, " ").trim();
  return ScenarioError.at(source.pos(offset), `YAML syntax error: ${message}`);
}

class Builder {
  private readonly inProgress = new Set<YamlNode>();

  constructor(
    private readonly targets: Map<Alias, YamlNode | undefined>,
    private readonly source: SourceText,
  ) {}

  private base(node: YamlNode): Base {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    return { pos: this.source.pos(start), start, end: valueEnd };
  }

  convert(node: YamlNode): SNode {
    if (isAlias(node)) {
      const target = this.targets.get(node);
      if (target === undefined) throw ScenarioError.at(this.base(node).pos, `unknown alias *${node.source}: no anchor &${node.source} before it`);
      if (this.inProgress.has(target)) throw ScenarioError.at(this.base(node).pos, `recursive alias *${node.source}`);
      return this.convert(target);
    }
    this.inProgress.add(node);
    try {
      if (isScalar(node)) {
        const v = node.value;
        const value = typeof v === "bigint" ? Number(v) : (v as string | number | boolean | null);
        return { kind: "scalar", value, ...this.base(node) };
      }
      if (isSeq(node)) {
        const base = this.base(node);
        return { kind: "seq", ...base, items: (node.items as (YamlNode | null)[]).map((i) => (i === null ? this.nil(base.pos, base.start) : this.convert(i))) };
      }
      if (isMap(node)) return this.map(node.items as Pair<YamlNode | null, YamlNode | null>[], node);
      throw ScenarioError.at(this.base(node).pos, "unsupported YAML node");
    } finally {
      this.inProgress.delete(node);
    }
  }

  private nil(pos: SourcePos, offset: number): SScalar {
    return { kind: "scalar", value: null, pos, start: offset, end: offset };
  }

  private map(pairs: Pair<YamlNode | null, YamlNode | null>[], node: YamlNode): SMap {
    const base = this.base(node);
    const entries: SEntry[] = [];
    const merged: SEntry[] = [];
    const written = new Set<unknown>();
    for (const pair of pairs) {
      const keyNode = pair.key;
      if (isScalar(keyNode)) {
        if (written.has(keyNode.value)) throw ScenarioError.at(this.base(keyNode).pos, "YAML syntax error: Map keys must be unique");
        written.add(keyNode.value);
      }
      const keyBase = keyNode === null ? base : this.base(keyNode);
      const value = pair.value === null ? this.nil(keyBase.pos, keyBase.end) : this.convert(pair.value);
      if (isScalar(keyNode) && (keyNode.source === "<<" || typeof keyNode.value === "symbol")) {
        const sources = value.kind === "seq" ? value.items : [value];
        for (const s of sources) {
          if (s.kind !== "map") throw ScenarioError.at(s.pos, "a << merge key takes a mapping (an alias of one) or a list of them");
          merged.push(...s.entries);
        }
        continue;
      }
      const key = keyNode === null ? this.nil(base.pos, base.start) : this.convert(keyNode);
      if (key.kind !== "scalar") throw ScenarioError.at(key.pos, "keys must be plain words, not lists or mappings");
      entries.push({ key: String(key.value), keyPos: key.pos, value });
    }
    // Keys written in the mapping win over merged ones; earlier merge sources win over later.
    const seen = new Set(entries.map((e) => e.key));
    for (const e of merged) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      entries.push(e);
    }
    return { kind: "map", ...base, entries, flow: isMap(node) && node.flow === true };
  }
}
