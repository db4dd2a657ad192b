// Parses YAML into a small positioned tree with Ruby's reading of it (Psych, as Rails loads
// config files): plain scalars typed the YAML 1.1 way, aliases resolved, `<<` merge keys
// applied in order (a key written before `<<` is overwritten by the merged one, unlike the
// YAML spec), duplicate keys allowed (the last wins), only the first document read.
import { isAlias, isMap, isScalar, isSeq } from "yaml";
import type { Alias, Node as YamlNode, Pair, Scalar } from "yaml";
import { parseBoundedYaml } from "./bounded-yaml.js";
import { ConfigError, formatPos } from "./config-error.js";
import { YamlInputError } from "./yaml-input-error.js";
import { rubyFloatToS } from "./ruby-conversions.js";
import { resolvePlainScalar } from "./psych-scalar.js";
import { yamlSyntaxError } from "./yaml-syntax-error.js";
import type { RubyScalar } from "./psych-scalar.js";
import type { SourceLocator } from "./source-locator.js";
import type { SourcePos } from "./types.js";

export type RubyType = "nil" | "bool" | "int" | "float" | "str" | "sym";

export interface YScalar {
  kind: "scalar";
  rtype: RubyType;
  value: null | boolean | number | string;
  pos: SourcePos;
}

export interface YEntry {
  /** The key as Ruby's to_s prints it (keys are symbolised by Rails, so "a" and :a are one key). */
  key: string;
  keyValue: null | boolean | number | string;
  keyPos: SourcePos;
  value: YNode;
}

export interface YMap {
  kind: "map";
  entries: Map<string, YEntry>;
  pos: SourcePos;
}

export interface YSeq {
  kind: "seq";
  items: YNode[];
  pos: SourcePos;
}

export type YNode = YScalar | YMap | YSeq;

export interface ParsedYaml {
  /** undefined for an empty document (Rails then reads `{}`). */
  root: YNode | undefined;
  warnings: string[];
}

const CORE = "tag:yaml.org,2002:";

function tagName(tag: string): string {
  return tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag;
}

export function rubyToS(value: null | boolean | number | string, rtype: RubyType): string {
  if (value === null) return "";
  if (rtype === "float") return rubyFloatToS(value as number);
  return String(value);
}

class TreeBuilder {
  private readonly done = new Map<YamlNode, YNode>();
  private readonly inProgress = new Set<YamlNode>();
  readonly warnings: string[] = [];

  constructor(
    private readonly targets: Map<Alias, YamlNode | undefined>,
    private readonly text: string,
    private readonly locate: SourceLocator,
  ) {}

  private pos(node: YamlNode): SourcePos {
    return this.locate.at(node.range?.[0] ?? 0);
  }

  convert(node: YamlNode): YNode {
    if (isAlias(node)) {
      const target = this.targets.get(node);
      if (!target) throw ConfigError.at(this.pos(node), `unknown alias *${node.source}: no anchor &${node.source} before it`);
      if (this.inProgress.has(target)) {
        throw ConfigError.at(this.pos(node), `recursive alias *${node.source}: it is inside the node it refers to`);
      }
      return this.convert(target);
    }
    const known = this.done.get(node);
    if (known) return known;
    this.inProgress.add(node);
    let result: YNode;
    if (isScalar(node)) result = this.scalar(node);
    else if (isMap(node)) result = this.map(node.items as Pair<YamlNode | null, YamlNode | null>[], node);
    else if (isSeq(node)) result = this.seq(node.items as (YamlNode | null)[], node);
    else throw ConfigError.at(this.pos(node), "unsupported YAML node");
    this.inProgress.delete(node);
    this.done.set(node, result);
    return result;
  }

  /** Where a node's tag is written (the library's range starts after it). */
  private tagPos(node: YamlNode): SourcePos {
    const start = node.range?.[0] ?? 0;
    let end = start;
    while (end > 0 && (this.text[end - 1] === " " || this.text[end - 1] === "\t")) end--;
    let begin = end;
    while (begin > 0 && !/\s/.test(this.text[begin - 1]!)) begin--;
    return this.text[begin] === "!" && begin < end ? this.locate.at(begin) : this.pos(node);
  }

  private unsupportedTag(node: YamlNode, tag: string): ConfigError {
    return ConfigError.at(
      this.tagPos(node),
      `YAML tag ${tagName(tag)} is not supported (Rails loads config YAML safely and refuses tagged objects)`,
    );
  }

  private nil(pos: SourcePos): YScalar {
    return { kind: "scalar", rtype: "nil", value: null, pos };
  }

  private scalar(node: Scalar): YScalar {
    const pos = this.pos(node);
    const text = String(node.value ?? "");
    const tag = node.tag;
    let r: RubyScalar;
    if (tag === undefined) r = node.type === "PLAIN" ? resolvePlainScalar(text) : { rtype: "str", value: text };
    else if (tag === "!" || tag === `${CORE}str`) r = { rtype: "str", value: text };
    else if (tag === `${CORE}int` || tag === `${CORE}float`) {
      const n = resolvePlainScalar(text.trim());
      if (n.rtype !== "int" && n.rtype !== "float") throw ConfigError.at(pos, `${tagName(tag)} value ${JSON.stringify(text)} is not a number`);
      r = tag === `${CORE}int` ? { rtype: "int", value: Math.trunc(n.value) } : { rtype: "float", value: n.value };
    } else if (tag === `${CORE}bool` || tag === `${CORE}null`) {
      const want = tag === `${CORE}bool` ? "bool" : "nil";
      r = resolvePlainScalar(text.trim());
      if (r.rtype !== want) throw ConfigError.at(pos, `${tagName(tag)} value ${JSON.stringify(text)} is not ${want === "bool" ? "a boolean" : "null"}`);
    } else {
      throw this.unsupportedTag(node, tag);
    }
    if (r.rtype === "date" || r.rtype === "time") {
      throw ConfigError.at(
        pos,
        `unquoted ${r.rtype} ${text}: Ruby's YAML reads it as a ${r.rtype === "date" ? "Date" : "Time"}, which Rails refuses to load from config files; quote it`,
      );
    }
    return { kind: "scalar", rtype: r.rtype, value: r.value, pos };
  }

  private checkCollectionTag(node: YamlNode, allowed: string): void {
    const tag = (node as { tag?: string }).tag;
    if (tag !== undefined && tag !== "!" && tag !== `${CORE}${allowed}`) throw this.unsupportedTag(node, tag);
  }

  private seq(items: (YamlNode | null)[], node: YamlNode): YSeq {
    this.checkCollectionTag(node, "seq");
    const pos = this.pos(node);
    return { kind: "seq", pos, items: items.map((item) => (item ? this.convert(item) : this.nil(pos))) };
  }

  private key(node: YamlNode | null, fallback: SourcePos): Omit<YEntry, "value"> {
    if (!node) return { key: "", keyValue: null, keyPos: fallback };
    const converted = this.convert(node);
    if (converted.kind !== "scalar") throw ConfigError.at(converted.pos, "only plain keys are supported, not a list or mapping used as a key");
    return { key: rubyToS(converted.value, converted.rtype), keyValue: converted.value, keyPos: converted.pos };
  }

  private isMergeKey(node: YamlNode | null): boolean {
    return isScalar(node) && node.value === "<<" && node.tag !== `${CORE}str`;
  }

  private map(pairs: Pair<YamlNode | null, YamlNode | null>[], node: YamlNode): YMap {
    this.checkCollectionTag(node, "map");
    const pos = this.pos(node);
    const entries = new Map<string, YEntry>();
    const literal = new Set<string>(); // keys written in this mapping, for the merge-order warning
    for (const pair of pairs) {
      const keyPos = pair.key ? this.pos(pair.key) : pos;
      const value = pair.value ? this.convert(pair.value) : this.nil(keyPos);
      if (this.isMergeKey(pair.key)) {
        const merged = this.mergeSources(pair.value, value);
        if (merged) {
          for (const entry of merged) {
            if (literal.has(entry.key)) {
              this.warnings.push(
                `${formatPos(entries.get(entry.key)!.keyPos)}: "${entry.key}" is written before "<<" and the merged value replaces it ` +
                  `(Ruby's YAML merges in order); put "<<" first to override it`,
              );
              literal.delete(entry.key);
            }
            entries.set(entry.key, entry);
          }
          continue;
        }
      }
      const key = this.key(pair.key, pos);
      if (literal.has(key.key)) {
        this.warnings.push(`${formatPos(key.keyPos)}: duplicate key "${key.key}"; the later value wins, as in Ruby`);
      }
      literal.add(key.key);
      entries.set(key.key, { ...key, value });
    }
    return { kind: "map", entries, pos };
  }

  /** Entries a `<<` contributes, or undefined when Psych would keep "<<" as a plain key. */
  private mergeSources(raw: YamlNode | null, value: YNode): YEntry[] | undefined {
    if (!isSeq(raw)) return value.kind === "map" ? [...value.entries.values()] : undefined;
    if (value.kind !== "seq" || !value.items.every((item) => item.kind === "map")) return undefined;
    // Earlier sources win: apply them last to first.
    const combined = new Map<string, YEntry>();
    for (const source of [...value.items].reverse() as YMap[]) {
      for (const entry of source.entries.values()) combined.set(entry.key, entry);
    }
    return [...combined.values()];
  }
}

export function parseYamlTree(text: string, locate: SourceLocator): ParsedYaml {
  let parsed: ReturnType<typeof parseBoundedYaml>;
  try {
    parsed = parseBoundedYaml(text, { schema: "failsafe", uniqueKeys: false, strict: true, merge: false });
  } catch (e) {
    if (e instanceof YamlInputError) throw ConfigError.at(locate.at(e.offset), e.detail);
    throw e;
  }
  const list = parsed.docs;
  if (list.length === 0) {
    const first = parsed.streamErrors[0];
    if (first) throw yamlSyntaxError(text, locate, first);
    return { root: undefined, warnings: [] };
  }
  const { doc, targets } = list[0]!;
  const error = doc.errors[0];
  if (error) throw yamlSyntaxError(text, locate, error);
  const builder = new TreeBuilder(targets, text, locate);
  const root = doc.contents ? builder.convert(doc.contents as YamlNode) : undefined;
  if (list.length > 1) {
    const next = list[1]!.doc;
    builder.warnings.push(
      `${formatPos(locate.at(next.range[0]))}: only the first YAML document is read (as Ruby's YAML.load does); ${list.length - 1} more ignored`,
    );
  }
  return { root, warnings: builder.warnings };
}
