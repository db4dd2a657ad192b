// limits_concurrency (solid-queue §3.1): to, key, group, duration, on_conflict. A key lambda is
// mapped to argument paths when its body is an argument, a chain of attribute reads or hash
// lookups on one, or a string interpolating those: `->(order) { order.id }` is argument 0's
// `id`; `->(a, b) { "#{a.id}-#{b}" }` is [arg 0 id, "-", arg 1].
import type { ConcurrencyKeyPart, ConcurrencyModel } from "../model/types.js";
import { callArgs } from "./call-args.js";
import type { ReadContext } from "./read-context.js";
import { kind, lambdaOf, literal, seconds, singleExpression, type AnyNode } from "./ruby-values.js";

const KEYS = ["key", "to", "group", "duration", "on_conflict"];

/** The declaration as written; group and duration defaults are applied per class later. */
export interface ConcurrencyDeclaration extends Omit<ConcurrencyModel, "group" | "duration"> {
  group?: ConcurrencyModel["group"];
  duration?: number;
}

export function readLimitsConcurrency(call: AnyNode, ctx: ReadContext): ConcurrencyDeclaration | undefined {
  const args = callArgs(call);
  for (const [key, { key: node }] of args.keywords) {
    if (!KEYS.includes(key)) ctx.report(node.location, `limits_concurrency ${key}:`, `unknown keyword; Solid Queue raises ArgumentError (known: ${KEYS.join(", ")})`);
  }
  for (const p of [...args.positional, ...args.otherKeywords]) ctx.report(p.location, "limits_concurrency argument", `${ctx.text(p.location)} is not one of its keywords`);
  const k = (name: string) => args.keywords.get(name)?.value;
  const keyNode = k("key");
  if (keyNode === undefined) {
    ctx.report(call.location, "limits_concurrency", "no key:; Solid Queue raises ArgumentError (missing keyword: :key); the declaration is left out");
    return undefined;
  }
  const decl: ConcurrencyDeclaration = { to: 1, key: readKey(keyNode, ctx), on_conflict: "block", at: ctx.at(call.location) };
  const to = k("to");
  if (to !== undefined) {
    const lit = literal(to);
    if (lit?.type === "int" && lit.value >= 1) decl.to = lit.value;
    else ctx.report(to.location, "limits_concurrency to:", `${ctx.text(to.location)} is not a positive integer; 1 is used`);
  }
  const group = k("group");
  if (group !== undefined) {
    const lit = literal(group);
    if (lit?.type === "str" || lit?.type === "sym") decl.group = lit.value;
    else decl.group = { dynamic: ctx.text(group.location) };
  }
  const duration = k("duration");
  if (duration !== undefined) {
    const s = seconds(duration);
    if (s !== undefined) decl.duration = s;
    else ctx.report(duration.location, "limits_concurrency duration:", `${ctx.text(duration.location)} is not a duration; the default period is used`);
  }
  const onConflict = k("on_conflict");
  if (onConflict !== undefined) {
    const lit = literal(onConflict);
    if (lit?.type === "sym" && lit.value === "discard") decl.on_conflict = "discard";
    else if (!(lit?.type === "sym" && lit.value === "block")) {
      // §3.1: any other value means :block.
      ctx.report(onConflict.location, "limits_concurrency on_conflict:", `${ctx.text(onConflict.location)} is neither :block nor :discard; Solid Queue then blocks`);
    }
  }
  return decl;
}

function readKey(node: AnyNode, ctx: ReadContext): ConcurrencyModel["key"] {
  const lit = literal(node);
  if (lit?.type === "str" || lit?.type === "sym") return { literal: lit.value };
  const source = ctx.text(node.location);
  const lambda = lambdaOf(node);
  const body = lambda === undefined ? undefined : singleExpression(lambda.body);
  const parts = lambda?.positional !== undefined && body !== undefined ? keyParts(body, lambda.positional) : undefined;
  if (parts === undefined) {
    ctx.report(node.location, "limits_concurrency key:", "not an argument, an attribute chain on one, or a string of those; kept as source, the simulation cannot compute its keys");
    return { source };
  }
  return { source, parts: merge(parts) };
}

/** One argument read through attribute calls and [] lookups: `order.account.id`, `params[:id]`. */
function argPath(node: AnyNode, params: string[]): ConcurrencyKeyPart | undefined {
  const path: string[] = [];
  let n: AnyNode = node;
  for (;;) {
    if (kind(n) === "LocalVariableReadNode") {
      const arg = params.indexOf(n.name);
      if (arg < 0) return undefined;
      return path.length === 0 ? { arg } : { arg, path: path.reverse() };
    }
    if (kind(n) !== "CallNode" || n.receiver === null || n.block !== null) return undefined;
    const args: AnyNode[] = n.arguments_?.arguments_ ?? [];
    if (n.name === "[]" && args.length === 1) {
      const key = literal(args[0]);
      if (key?.type !== "sym" && key?.type !== "str" && key?.type !== "int") return undefined;
      path.push(String(key.value));
    } else if (args.length === 0 && /^[a-z_]\w*$/.test(n.name) && n.name !== "to_s") path.push(n.name);
    else if (!(args.length === 0 && n.name === "to_s")) return undefined;
    n = n.receiver;
  }
}

function keyParts(node: AnyNode, params: string[]): ConcurrencyKeyPart[] | undefined {
  const lit = literal(node);
  if (lit?.type === "str" || lit?.type === "sym") return [{ literal: lit.value }];
  if (kind(node) === "InterpolatedStringNode" || kind(node) === "InterpolatedSymbolNode") {
    const out: ConcurrencyKeyPart[] = [];
    for (const part of node.parts as AnyNode[]) {
      if (kind(part) === "StringNode") out.push({ literal: part.unescaped.value });
      else if (kind(part) === "EmbeddedStatementsNode") {
        const inner = singleExpression(part.statements);
        const p = inner === undefined ? undefined : argPath(inner, params);
        if (p === undefined) return undefined;
        out.push(p);
      } else return undefined;
    }
    return out;
  }
  const p = argPath(node, params);
  return p === undefined ? undefined : [p];
}

function merge(parts: ConcurrencyKeyPart[]): ConcurrencyKeyPart[] {
  const out: ConcurrencyKeyPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ("literal" in p && last !== undefined && "literal" in last) last.literal += p.literal;
    else out.push({ ...p });
  }
  return out;
}
