// Values written in Ruby that the import can read without running Ruby: literals, constant
// names, Active Support durations (5.seconds, 1.5.hours) and arithmetic on them, and the
// parameters of a lambda. Anything else is "not simple" (undefined) and the caller reports it.
import type { Node } from "@ruby/prism";
import { waitFromFormula } from "../model/wait-formula.js";

/** Prism node classes are told apart by name, so this module needs no runtime import of prism. */
export function kind(node: Node | null | undefined): string {
  return node === null || node === undefined ? "" : node.constructor.name;
}

// Loosely typed views of the prism nodes read here (their fields, as prism names them).
export type AnyNode = Node & Record<string, any>;

export function asAny(node: Node): AnyNode {
  return node as AnyNode;
}

export type RubyLiteral =
  | { type: "sym" | "str"; value: string }
  | { type: "int" | "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "nil"; value: null };

export function literal(node: Node | null | undefined): RubyLiteral | undefined {
  const n = node as AnyNode | null | undefined;
  switch (kind(n)) {
    case "SymbolNode":
      return { type: "sym", value: n!.unescaped.value };
    case "StringNode":
      return { type: "str", value: n!.unescaped.value };
    case "IntegerNode":
      return { type: "int", value: Number(n!.value) };
    case "FloatNode":
      return { type: "float", value: n!.value };
    case "TrueNode":
      return { type: "bool", value: true };
    case "FalseNode":
      return { type: "bool", value: false };
    case "NilNode":
      return { type: "nil", value: null };
    default:
      return undefined;
  }
}

/** "Net::OpenTimeout" for a constant or constant path (a leading :: dropped). */
export function constName(node: Node | null | undefined): string | undefined {
  const n = node as AnyNode | null | undefined;
  if (kind(n) === "ConstantReadNode") return n!.name;
  if (kind(n) === "ConstantPathNode") {
    if (n!.parent === null) return n!.name;
    const parent = constName(n!.parent);
    return parent === undefined ? undefined : `${parent}::${n!.name}`;
  }
  return undefined;
}

const DURATION_UNITS: Record<string, number> = {
  second: 1, seconds: 1, minute: 60, minutes: 60, hour: 3600, hours: 3600, day: 86400, days: 86400, week: 604800, weeks: 604800,
};

const OPERATORS = new Set(["+", "-", "*", "/", "%", "**"]);

/**
 * The expression as a formula in `n` (see model/wait-formula.ts) when it is arithmetic on numbers,
 * durations and the one parameter `param`; undefined otherwise.
 */
export function formula(node: Node | null | undefined, param?: string): string | undefined {
  const n = node as AnyNode | null | undefined;
  switch (kind(n)) {
    case "IntegerNode":
    case "FloatNode": {
      const v = literal(n)!.value as number;
      const t = kind(n) === "FloatNode" && Number.isInteger(v) ? `${v}.0` : String(v);
      return v < 0 ? `(${t})` : t;
    }
    case "LocalVariableReadNode":
      return param !== undefined && n!.name === param ? "n" : undefined;
    case "ParenthesesNode": {
      const body = n!.body as AnyNode | null;
      const stmts = kind(body) === "StatementsNode" ? body!.body : [body];
      if (stmts.length !== 1) return undefined;
      const inner = formula(stmts[0], param);
      return inner === undefined ? undefined : `(${inner})`;
    }
    case "CallNode": {
      const args: Node[] = n!.arguments_?.arguments_ ?? [];
      if (n!.block !== null) return undefined;
      if (DURATION_UNITS[n!.name] !== undefined && args.length === 0 && n!.receiver !== null) {
        const r = formula(n!.receiver, param);
        return r === undefined ? undefined : `(${r} * ${DURATION_UNITS[n!.name]})`;
      }
      if (n!.name === "to_i" || n!.name === "to_f") {
        // Ruby's to_i truncates; durations and integers written here are already whole or meant as seconds.
        return args.length === 0 && n!.receiver !== null ? formula(n!.receiver, param) : undefined;
      }
      if (OPERATORS.has(n!.name) && args.length === 1 && n!.receiver !== null) {
        const l = formula(n!.receiver, param);
        const r = formula(args[0], param);
        return l === undefined || r === undefined ? undefined : `${l} ${n!.name} ${r}`;
      }
      if (n!.name === "-@" && args.length === 0 && n!.receiver !== null) {
        const r = formula(n!.receiver, param);
        return r === undefined ? undefined : `-${r}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Seconds of a number, duration or arithmetic on them (`1.minute + 30.seconds`). */
export function seconds(node: Node | null | undefined): number | undefined {
  const f = formula(node);
  if (f === undefined) return undefined;
  try {
    return waitFromFormula(f, 0);
  } catch {
    return undefined;
  }
}

export interface LambdaView {
  params: Node | null;
  body: Node | null;
  /** Required positional parameter names, in order; undefined when the list has anything else. */
  positional?: string[];
  /** Ruby's Proc#arity. */
  arity: number;
  lambda: boolean;
}

/** `->(a) { }`, `lambda { |a| }`, `proc { |a| }`, `Proc.new { |a| }`; undefined for anything else. */
export function lambdaOf(node: Node | null | undefined): LambdaView | undefined {
  const n = node as AnyNode | null | undefined;
  if (kind(n) === "LambdaNode") return view(n!.parameters, n!.body, true);
  if (kind(n) === "CallNode" && kind(n!.block) === "BlockNode" && (n!.arguments_ === null || n!.arguments_.arguments_.length === 0)) {
    const isLambda = n!.receiver === null && n!.name === "lambda";
    const isProc = (n!.receiver === null && n!.name === "proc") || (constName(n!.receiver) === "Proc" && n!.name === "new");
    if (isLambda || isProc) return view(n!.block.parameters, n!.block.body, isLambda);
  }
  return undefined;
}

function view(blockParams: AnyNode | null, body: Node | null, lambda: boolean): LambdaView {
  const p = blockParams === null ? null : kind(blockParams) === "BlockParametersNode" ? (blockParams.parameters as AnyNode | null) : blockParams;
  if (p === null || kind(p) !== "ParametersNode") {
    // `it` and numbered parameters (_1, _2) count toward arity but have no names to map.
    const numbered = kind(p) === "NumberedParametersNode" ? (p as AnyNode).maximum : kind(p) === "ItParametersNode" ? 1 : 0;
    return { params: p, body, ...(p === null ? { positional: [] } : {}), arity: numbered, lambda };
  }
  const req = p.requireds.length + p.posts.length;
  const simple = p.optionals.length === 0 && p.rest === null && p.posts.length === 0 && p.keywords.length === 0 && p.keywordRest === null;
  const positional = simple && p.requireds.every((r: Node) => kind(r) === "RequiredParameterNode") ? p.requireds.map((r: AnyNode) => r.name as string) : undefined;
  const requiredKw = p.keywords.some((k: Node) => kind(k) === "RequiredKeywordParameterNode");
  const optional = p.optionals.length > 0 || p.rest !== null || (!requiredKw && (p.keywords.length > 0 || p.keywordRest !== null));
  // Proc#arity: -(required + 1) when optional parts exist (lambdas); a proc's optionals do not count.
  const lambdaArity = (optional && (lambda || p.rest !== null)) ? -(req + (requiredKw ? 1 : 0) + 1) : req + (requiredKw ? 1 : 0);
  return { params: p, body, ...(positional !== undefined ? { positional } : {}), arity: lambdaArity, lambda };
}

/** The lambda body's single expression, or undefined when it has several statements. */
export function singleExpression(body: Node | null): Node | undefined {
  const b = body as AnyNode | null;
  if (b === null) return undefined;
  if (kind(b) === "StatementsNode") return b.body.length === 1 ? b.body[0] : undefined;
  return b;
}
