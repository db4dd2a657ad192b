// A macro call's arguments split the way Ruby binds them: positional values, the trailing
// keyword hash (symbol keys only), and the block (a literal block or `&arg`).
import { kind, literal, type AnyNode } from "./ruby-values.js";

export interface CallArgs {
  positional: AnyNode[];
  keywords: Map<string, { key: AnyNode; value: AnyNode }>;
  /** Keyword entries that are not `sym: value` (a `**splat`, a string key). */
  otherKeywords: AnyNode[];
  block?: AnyNode;
}

export function callArgs(call: AnyNode): CallArgs {
  const args: AnyNode[] = call.arguments_?.arguments_ ?? [];
  const out: CallArgs = { positional: [], keywords: new Map(), otherKeywords: [] };
  for (const a of args) {
    if (kind(a) === "KeywordHashNode") {
      for (const el of a.elements as AnyNode[]) {
        const key = kind(el) === "AssocNode" ? literal(el.key) : undefined;
        if (key?.type === "sym") out.keywords.set(key.value, { key: el.key, value: el.value });
        else out.otherKeywords.push(el);
      }
    } else if (kind(a) === "BlockArgumentNode") out.block = a;
    else out.positional.push(a);
  }
  if (call.block !== null && call.block !== undefined) out.block = call.block;
  return out;
}

