// The one way jobsim parses YAML text (scenarios, config files). Hostile input is refused in
// bounded time before anything expensive runs (issue 13 item 8):
// - size: at most YAML_LIMITS.bytes characters (DATA_YAML_LIMITS for arrivals files);
// - characters: only what YAML allows (c-printable); NUL and other control characters are refused,
//   as Ruby's YAML (libyaml) refuses them;
// - depth: a linear pre-scan with the library's lexer bounds flow nesting and block indentation
//   levels, because the library's composer recurses (10,000 `[` exhaust its memory);
// - aliases: every alias is resolved once here, in document order, and the size of the document
//   with every alias expanded is counted without expanding anything; a billion-laughs document
//   (~10^20 nodes) is refused at the list that crosses the bound. The library's own
//   `Alias.resolve` rescans the whole document for each alias, so readers use `targets` instead.
import { Lexer, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import type { Alias, Document, DocumentOptions, Node as YamlNode, ParseOptions, SchemaOptions } from "yaml";
import { YAML_LIMITS, YamlInputError, formatBytes, type YamlLimits } from "./yaml-input-error.js";

export interface BoundedDocument {
  doc: Document.Parsed;
  /** Each alias's anchored node (the last one with that name before it), or undefined. */
  targets: Map<Alias, YamlNode | undefined>;
}

export interface BoundedYaml {
  docs: BoundedDocument[];
  /** Syntax errors of an empty stream (no document at all). */
  streamErrors: { message: string; pos: [number, number] }[];
}

// YAML 1.2 c-printable, also what libyaml accepts: tab, LF, CR, printable ASCII, NEL, and the
// rest of Unicode but C1 controls, surrogates and U+FFFE/U+FFFF.
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function checkCharacters(text: string): void {
  const bad = NOT_PRINTABLE.exec(text);
  if (!bad) return;
  const code = bad[0].codePointAt(0)!;
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  const what = code === 0 ? "a NUL byte (U+0000)" : code >= 0xd800 && code <= 0xdfff ? `a lone surrogate (U+${hex})` : `the control character U+${hex}`;
  throw new YamlInputError(`${what} is not allowed in YAML (Ruby's YAML refuses it too); is this a binary file?`, bad.index, text);
}

const PSEUDO = new Set(["\u0002", "\u0018", "\u001f"]); // the lexer's markers, not in the text

/** Refuses flow nesting or block indentation levels beyond the depth bound, in one linear pass. */
function checkDepth(text: string, limit: number): void {
  let offset = 0;
  let lineStart = 0;
  let lineHasContent = false;
  let previous = ""; // the previous content token on this line
  let flow = 0;
  const indents: number[] = []; // columns of the open block nodes, increasing
  for (const token of new Lexer().lex(text)) {
    if (PSEUDO.has(token)) continue;
    const start = offset;
    offset += token.length;
    const isContent = !/^[ \t]*$/.test(token) && token !== "\n" && token !== "\r\n" && !token.startsWith("#");
    if (isContent && flow === 0) {
      const col = start - lineStart;
      if (!lineHasContent) {
        while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
        indents.push(col);
      } else if (previous === "-" || previous === "?" || previous === ":") indents.push(col);
      if (indents.length > limit) {
        throw new YamlInputError(`YAML nested more than ${limit} levels deep (block indentation); jobsim refuses it`, start, text);
      }
    }
    if (token === "[" || token === "{") {
      flow++;
      if (flow > limit) throw new YamlInputError(`YAML nested more than ${limit} levels deep (flow collections [ { ); jobsim refuses it`, start, text);
    } else if ((token === "]" || token === "}") && flow > 0) flow--;
    if (isContent) {
      lineHasContent = true;
      previous = token;
    }
    const newline = token.lastIndexOf("\n");
    if (newline >= 0) {
      lineStart = start + newline + 1;
      lineHasContent = lineStart < offset;
      previous = lineHasContent ? token : "";
    }
  }
}

function children(node: YamlNode): (YamlNode | null)[] {
  if (isMap(node)) return node.items.flatMap((pair) => [pair.key as YamlNode | null, pair.value as YamlNode | null]);
  if (isSeq(node)) return node.items as (YamlNode | null)[];
  return [];
}

/**
 * Resolves every alias in document order and counts the document's nodes with aliases expanded
 * (each node's expanded size once, so the count itself is linear); refuses more than
 * the nodes bound. Iterative, so a long chain of anchors cannot exhaust the stack.
 */
function resolveAliases(doc: Document, text: string, limit: number): Map<Alias, YamlNode | undefined> {
  const targets = new Map<Alias, YamlNode | undefined>();
  const root = doc.contents as YamlNode | null;
  if (!root) return targets;
  const sizes = new Map<YamlNode, number>();
  const anchors = new Map<string, YamlNode>();
  const stack: { node: YamlNode; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      targets.set(node, target);
      // An alias inside its own anchor has no size yet; the readers report it as recursive.
      sizes.set(node, target ? (sizes.get(target) ?? 1) : 1);
      continue;
    }
    if (!exit) {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) anchors.set(anchor, node);
      if (isScalar(node)) {
        sizes.set(node, 1);
        continue;
      }
      stack.push({ node, exit: true });
      const kids = children(node);
      for (let i = kids.length - 1; i >= 0; i--) if (kids[i]) stack.push({ node: kids[i]!, exit: false });
      continue;
    }
    const kids = children(node).filter((k): k is YamlNode => k !== null);
    const size = kids.reduce((sum, k) => sum + (sizes.get(k) ?? 1), 1);
    sizes.set(node, size);
    if (size > limit) {
      const alias = kids.find((k) => isAlias(k)) as Alias | undefined;
      const through = alias ? ` through its aliases (*${alias.source}, ...)` : "";
      const what = isMap(node) ? "mapping" : "list";
      throw new YamlInputError(
        `this ${what} expands to more than ${limit.toLocaleString("en-US")} nodes${through}; jobsim refuses alias bombs and documents that large`,
        node.range?.[0] ?? 0,
        text,
      );
    }
  }
  return targets;
}

/** parseAllDocuments with jobsim's bounds; throws YamlInputError (offsets in `text`). */
export function parseBoundedYaml(text: string, options: ParseOptions & DocumentOptions & SchemaOptions, limits: YamlLimits = YAML_LIMITS): BoundedYaml {
  if (text.length > limits.bytes) {
    throw new YamlInputError(`the text is ${formatBytes(text.length)}, more than the ${formatBytes(limits.bytes)} jobsim reads as one YAML document; it stops reading here`, limits.bytes, text);
  }
  checkCharacters(text);
  checkDepth(text, limits.depth);
  const parsed = parseAllDocuments(text, { ...options, prettyErrors: false });
  const docs = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
  // An empty stream comes back as an empty array carrying the stream's errors.
  const streamErrors = docs.length === 0 ? ((parsed as { errors?: BoundedYaml["streamErrors"] }).errors ?? []) : [];
  return { docs: docs.map((doc) => ({ doc, targets: resolveAliases(doc, text, limits.nodes) })), streamErrors };
}
