// One class body's own declarations, in the order Ruby runs them: queue_as,
// queue_with_priority, handlers, limits_concurrency, callbacks, class settings, perform.
// Inheritance is applied later (job-resolve.ts). Unknown macros are listed, never fatal.
import { prefixed } from "../model/load-job.js";
import { CALLBACK_KINDS } from "../model/types.js";
import type { CallbackKind, CallbackModel, HandlerModel, ParamKind, PerformModel, PriorityModel, QueueModel } from "../model/types.js";
import { callArgs } from "./call-args.js";
import { readLimitsConcurrency, type ConcurrencyDeclaration } from "./concurrency-declaration.js";
import { readDiscardOn, readRescueFrom, readRetryOn } from "./handler-declarations.js";
import type { ReadContext } from "./read-context.js";
import type { RubyClass } from "./ruby-classes.js";
import { kind, literal, type AnyNode } from "./ruby-values.js";

export interface ClassDeclarations {
  queue?: QueueModel;
  priority?: PriorityModel;
  retryJitter?: { value: number; at: string };
  commit?: { value: boolean; at: string };
  handlers: HandlerModel[];
  concurrency?: ConcurrencyDeclaration;
  callbacks: Partial<Record<CallbackKind, CallbackModel[]>>;
  perform?: PerformModel;
}

/** Ruby and Rails macros that do not change how jobs are enqueued or run. */
const HARMLESS = new Set([
  "private", "protected", "public", "private_constant", "module_function", "attr_reader", "attr_writer", "attr_accessor",
  "alias_method", "delegate", "require", "require_relative", "include", "extend", "prepend", "private_class_method", "public_class_method",
]);
const MODULES_READ_AS_HARMLESS = new Set(["include", "extend", "prepend"]);

export function readClassDeclarations(cls: RubyClass, ctx: ReadContext): ClassDeclarations {
  const out: ClassDeclarations = { handlers: [], callbacks: {} };
  for (const stmt of cls.body as AnyNode[]) {
    const k = kind(stmt);
    if (k === "CallNode") readCall(stmt, ctx, out);
    else if (k === "DefNode") {
      if (stmt.name === "perform" && stmt.receiver === null) out.perform = readPerform(stmt, ctx);
    } else if (k === "ClassNode" || k === "ModuleNode" || k === "ConstantWriteNode" || k === "SingletonClassNode") {
      // Nested classes are classes of their own; constants and class << self do not declare job behaviour.
    } else {
      ctx.report(stmt.location, `statement (${k.replace(/Node$/, "")})`, "not a declaration the import reads; its effect on the class is unknown");
    }
  }
  return out;
}

function readCall(call: AnyNode, ctx: ReadContext, out: ClassDeclarations): void {
  const name: string = call.name;
  if (kind(call.receiver) === "SelfNode" && name.endsWith("=")) return readSetting(call, name.slice(0, -1), ctx, out);
  if (call.receiver !== null) {
    ctx.report(call.location, ctx.text(call.location).split("\n")[0]!, "a call on another object in the class body; not read");
    return;
  }
  switch (name) {
    case "queue_as":
      out.queue = readQueueAs(call, ctx);
      return;
    case "queue_with_priority":
      out.priority = readPriority(call, ctx);
      return;
    case "retry_on":
      out.handlers.push(readRetryOn(call, ctx));
      return;
    case "discard_on":
      out.handlers.push(readDiscardOn(call, ctx));
      return;
    case "rescue_from":
      out.handlers.push(readRescueFrom(call, ctx));
      return;
    case "limits_concurrency": {
      const decl = readLimitsConcurrency(call, ctx);
      if (decl !== undefined) out.concurrency = decl;
      return;
    }
  }
  if ((CALLBACK_KINDS as readonly string[]).includes(name)) return readCallback(call, name as CallbackKind, ctx, out);
  if (MODULES_READ_AS_HARMLESS.has(name)) {
    ctx.report(call.location, `${name} ${ctx.text(call.location).slice(name.length).trim()}`, "a module's declarations (e.g. a concern's included block) are not read");
    return;
  }
  if (HARMLESS.has(name)) return;
  ctx.report(call.location, name, "unknown macro; not an Active Job or Solid Queue declaration the import knows");
}

/**
 * Queue names a queue_as block can return: the symbol and string literals in its result
 * positions (the last expression, both branches of an if / ternary, each when of a case).
 */
function dynamicCandidates(node: AnyNode, ctx: ReadContext): string[] {
  const found = new Set<string>();
  const tail = (n: AnyNode | null | undefined): void => {
    if (n === null || n === undefined) return;
    const lit = literal(n);
    if (lit?.type === "sym" || lit?.type === "str") {
      found.add(prefixed(lit.value, ctx.settings));
      return;
    }
    switch (kind(n)) {
      case "BlockNode":
      case "LambdaNode":
      case "ParenthesesNode":
      case "ElseNode":
      case "WhenNode":
      case "InNode":
        return tail(n.body ?? n.statements);
      case "BeginNode":
        return tail(n.statements);
      case "StatementsNode":
        return tail(n.body[n.body.length - 1]);
      case "IfNode":
      case "UnlessNode":
        tail(n.statements);
        return tail(n.subsequent ?? n.elseClause);
      case "CaseNode":
      case "CaseMatchNode":
        for (const c of n.conditions) tail(c);
        return tail(n.elseClause);
      case "ReturnNode":
        return tail(n.arguments_?.arguments_?.[0]);
    }
  };
  tail(node);
  return [...found].sort();
}

function readQueueAs(call: AnyNode, ctx: ReadContext): QueueModel {
  const args = callArgs(call);
  const at = ctx.at(call.location);
  if (args.block !== undefined) return { dynamic: ctx.text(args.block.location), candidates: dynamicCandidates(args.block, ctx), at };
  const arg = args.positional[0];
  const lit = literal(arg);
  // §2.1: static names are prefixed at declaration; nil is the default queue, "" is allowed.
  if (lit?.type === "sym" || lit?.type === "str") return { name: prefixed(lit.value, ctx.settings), declared: lit.value, at };
  if (arg === undefined || lit?.type === "nil") return { name: prefixed("default", ctx.settings), at };
  ctx.report(arg.location, "queue_as", `${ctx.text(arg.location)} is computed when the class loads; kept as a dynamic queue`);
  return { dynamic: ctx.text(arg.location), candidates: dynamicCandidates(arg, ctx), at };
}

function readPriority(call: AnyNode, ctx: ReadContext): PriorityModel {
  const args = callArgs(call);
  const at = ctx.at(call.location);
  if (args.block !== undefined) return { dynamic: ctx.text(args.block.location), at };
  const arg = args.positional[0];
  const lit = literal(arg);
  if (lit?.type === "int") return { value: lit.value, at };
  if (arg === undefined || lit?.type === "nil") return { value: null, at };
  ctx.report(arg.location, "queue_with_priority", `${ctx.text(arg.location)} is not an integer; kept as a dynamic priority`);
  return { dynamic: ctx.text(arg.location), at };
}

function readSetting(call: AnyNode, setting: string, ctx: ReadContext, out: ClassDeclarations): void {
  const value = call.arguments_?.arguments_?.[0] as AnyNode | undefined;
  const lit = literal(value);
  const at = ctx.at(call.location);
  if (setting === "retry_jitter" && (lit?.type === "int" || lit?.type === "float")) {
    out.retryJitter = { value: lit.value, at };
    return;
  }
  if (setting === "enqueue_after_transaction_commit") {
    // 7.2 also took :always / :never / :default; 8.x takes a boolean.
    const v = lit?.type === "bool" ? lit.value : lit?.type === "sym" && (lit.value === "always" || lit.value === "never") ? lit.value === "always" : undefined;
    if (v !== undefined) {
      out.commit = { value: v, at };
      return;
    }
  }
  const why = setting === "retry_jitter" || setting === "enqueue_after_transaction_commit" ? "the value cannot be read statically" : "a class setting the model does not hold";
  ctx.report(call.location, `self.${setting} =`, why);
}

function readCallback(call: AnyNode, kindName: CallbackKind, ctx: ReadContext, out: ClassDeclarations): void {
  const args = callArgs(call);
  const at = ctx.at(call.location);
  const options: Partial<CallbackModel> = {};
  for (const [key, { key: keyNode, value }] of args.keywords) {
    if (key === "if" || key === "unless") options[key] = ctx.text(value.location);
    else if (key === "prepend") options.prepend = literal(value)?.value === true;
    else ctx.report(keyNode.location, `${kindName} ${key}:`, "an option the model does not hold");
  }
  const list = (out.callbacks[kindName] ??= []);
  for (const a of args.positional) {
    const lit = literal(a);
    if (lit?.type === "sym" || lit?.type === "str") list.push({ method: lit.value, ...options, at });
    else list.push({ block: ctx.text(a.location), ...options, at });
  }
  if (args.block !== undefined) list.push({ block: ctx.text(args.block.location), ...options, at });
  if (list.length === 0) delete out.callbacks[kindName];
}

const PARAM_KIND: Record<string, ParamKind> = {
  RequiredParameterNode: "required",
  MultiTargetNode: "required",
  OptionalParameterNode: "optional",
  RestParameterNode: "rest",
  ImplicitRestNode: "rest",
  ForwardingParameterNode: "rest",
  RequiredKeywordParameterNode: "keyword",
  OptionalKeywordParameterNode: "optional_keyword",
  KeywordRestParameterNode: "keyword_rest",
  NoKeywordsParameterNode: "keyword_rest",
  BlockParameterNode: "block",
};

function readPerform(def: AnyNode, ctx: ReadContext): PerformModel {
  const params: PerformModel["params"] = [];
  const p = def.parameters as AnyNode | null;
  if (p !== null) {
    const add = (n: AnyNode | null, as?: ParamKind) => {
      if (n === null) return;
      const k = as ?? PARAM_KIND[kind(n)] ?? "required";
      const name = kind(n) === "MultiTargetNode" ? ctx.text(n.location) : kind(n) === "ForwardingParameterNode" ? "..." : kind(n) === "NoKeywordsParameterNode" ? "**nil" : (n.name ?? "");
      params.push(n.value !== undefined && n.value !== null && kind(n).startsWith("Optional") ? { name, kind: k, default: ctx.text(n.value.location) } : { name, kind: k });
    };
    for (const r of p.requireds) add(r);
    for (const o of p.optionals) add(o);
    add(p.rest);
    for (const r of p.posts) add(r, "post");
    for (const k of p.keywords) add(k);
    add(p.keywordRest);
    add(p.block);
  }
  return { params, at: ctx.at(def.location) };
}
