// retry_on, discard_on and rescue_from (active-job §5.2-5.7) read into the model's handlers.
// Values Rails would refuse or that cannot be read statically are reported, not guessed.
import { prefixed } from "../model/load-job.js";
import type { DiscardOnModel, RescueFromModel, RetryOnModel, WaitModel } from "../model/types.js";
import { callArgs, type CallArgs } from "./call-args.js";
import type { ReadContext } from "./read-context.js";
import { constName, formula, lambdaOf, literal, seconds, singleExpression, type AnyNode } from "./ruby-values.js";

const RETRY_KEYS = ["wait", "attempts", "queue", "priority", "jitter", "report"];
const DEFAULT_WAIT = 3;
const DEFAULT_ATTEMPTS = 5;

/** Error classes: constants by name, strings as their text (Rails resolves them at lookup). */
function errorNames(args: CallArgs, ctx: ReadContext, macro: string): string[] {
  const out: string[] = [];
  for (const a of args.positional) {
    const name = constName(a);
    const lit = literal(a);
    if (name !== undefined) out.push(name);
    else if (lit?.type === "str") out.push(lit.value);
    else ctx.report(a.location, `${macro} error class`, `${ctx.text(a.location)} is not a constant or a class name string; it is left out of the handler`);
  }
  return out;
}

function unknownKeys(args: CallArgs, known: readonly string[], macro: string, ctx: ReadContext): void {
  for (const [key, { key: node }] of args.keywords) {
    if (!known.includes(key)) ctx.report(node.location, `${macro} ${key}:`, `unknown keyword; Active Job raises ArgumentError (known: ${known.join(", ")})`);
  }
  for (const other of args.otherKeywords) ctx.report(other.location, `${macro} option`, `${ctx.text(other.location)} cannot be read statically`);
}

function bool(node: AnyNode | undefined, what: string, ctx: ReadContext): boolean | undefined {
  if (node === undefined) return undefined;
  const lit = literal(node);
  if (lit?.type === "bool") return lit.value;
  if (lit?.type === "nil") return false;
  ctx.report(node.location, what, `${ctx.text(node.location)} is not true or false`);
  return undefined;
}

function readWait(node: AnyNode, ctx: ReadContext): WaitModel {
  const lit = literal(node);
  if (lit?.type === "sym") {
    if (lit.value === "polynomially_longer") return "polynomially_longer";
    if (lit.value === "exponentially_longer") {
      ctx.report(node.location, "retry_on wait: :exponentially_longer", "removed in Rails 7.2 (Active Job 8 raises ArgumentError when the class loads); read as its replacement :polynomially_longer");
      return "polynomially_longer";
    }
    ctx.report(node.location, `retry_on wait: :${lit.value}`, "Active Job raises ArgumentError (Unsupported argument type for :wait); the default 3 seconds is used");
    return DEFAULT_WAIT;
  }
  const s = seconds(node);
  if (s !== undefined) return s;
  const lambda = lambdaOf(node);
  if (lambda !== undefined) {
    // §5.7: (executions, error) when arity is 2 or -2 and lower, else (executions).
    const arity: 1 | 2 = lambda.arity === 2 || lambda.arity <= -2 ? 2 : 1;
    const proc: Exclude<WaitModel, number | string> = { proc: ctx.text(node.location), arity };
    const param = lambda.positional?.[0];
    const body = singleExpression(lambda.body);
    const f = body !== undefined && (param !== undefined || lambda.positional?.length === 0) ? formula(body, param) : undefined;
    if (f !== undefined) proc.formula = f;
    else ctx.report(node.location, "retry_on wait: proc", "its body is not plain arithmetic on the failure count; kept as source, the simulation cannot compute its delays");
    return proc;
  }
  ctx.report(node.location, "retry_on wait:", `${ctx.text(node.location)} cannot be read statically; the default 3 seconds is used`);
  return DEFAULT_WAIT;
}

function readAttempts(node: AnyNode | undefined, ctx: ReadContext): number | "unlimited" {
  if (node === undefined) return DEFAULT_ATTEMPTS;
  const lit = literal(node);
  if (lit?.type === "int") return lit.value;
  if (lit?.type === "sym" && lit.value === "unlimited") return "unlimited";
  ctx.report(node.location, "retry_on attempts:", `${ctx.text(node.location)} is not a number or :unlimited; the default 5 is used`);
  return DEFAULT_ATTEMPTS;
}

function readQueueName(node: AnyNode | undefined, ctx: ReadContext): string | undefined {
  if (node === undefined) return undefined;
  const lit = literal(node);
  if (lit?.type === "sym" || lit?.type === "str") return prefixed(lit.value, ctx.settings);
  if (lit?.type === "nil") return undefined;
  ctx.report(node.location, "retry_on queue:", `${ctx.text(node.location)} cannot be read statically; retries keep the job's queue`);
  return undefined;
}

export function readRetryOn(call: AnyNode, ctx: ReadContext): RetryOnModel {
  const args = callArgs(call);
  unknownKeys(args, RETRY_KEYS, "retry_on", ctx);
  const k = (name: string) => args.keywords.get(name)?.value;
  const jitterNode = k("jitter");
  let jitter: number | undefined;
  if (jitterNode !== undefined) {
    const lit = literal(jitterNode);
    // §5.7: jitter: nil means 0.0.
    if (lit?.type === "nil") jitter = 0;
    else if (lit?.type === "int" || lit?.type === "float") jitter = lit.value;
    else ctx.report(jitterNode.location, "retry_on jitter:", `${ctx.text(jitterNode.location)} is not a number; the class's retry_jitter is used`);
  }
  const model: RetryOnModel = {
    kind: "retry_on",
    errors: errorNames(args, ctx, "retry_on"),
    at: ctx.at(call.location),
    wait: k("wait") === undefined ? DEFAULT_WAIT : readWait(k("wait")!, ctx),
    attempts: readAttempts(k("attempts"), ctx),
    jitter: jitter ?? 0,
    jitter_declared: jitter !== undefined,
    report: bool(k("report"), "retry_on report:", ctx) ?? false,
  };
  const queue = readQueueName(k("queue"), ctx);
  if (queue !== undefined) model.queue = queue;
  const priorityNode = k("priority");
  if (priorityNode !== undefined) {
    const lit = literal(priorityNode);
    if (lit?.type === "int") model.priority = lit.value;
    else if (lit?.type !== "nil") ctx.report(priorityNode.location, "retry_on priority:", `${ctx.text(priorityNode.location)} is not an integer; retries keep the job's priority`);
  }
  if (args.block !== undefined) model.on_exhausted = ctx.text(args.block.location);
  return model;
}

export function readDiscardOn(call: AnyNode, ctx: ReadContext): DiscardOnModel {
  const args = callArgs(call);
  unknownKeys(args, ["report"], "discard_on", ctx);
  const model: DiscardOnModel = {
    kind: "discard_on",
    errors: errorNames(args, ctx, "discard_on"),
    at: ctx.at(call.location),
    report: bool(args.keywords.get("report")?.value, "discard_on report:", ctx) ?? false,
  };
  if (args.block !== undefined) model.block = ctx.text(args.block.location);
  return model;
}

export function readRescueFrom(call: AnyNode, ctx: ReadContext): RescueFromModel {
  const args = callArgs(call);
  unknownKeys(args, ["with"], "rescue_from", ctx);
  const model: RescueFromModel = { kind: "rescue_from", errors: errorNames(args, ctx, "rescue_from"), at: ctx.at(call.location) };
  const withNode = args.keywords.get("with")?.value;
  if (withNode !== undefined) {
    const lit = literal(withNode);
    if (lit?.type === "sym" || lit?.type === "str") model.with = lit.value;
    else model.block = ctx.text(withNode.location);
  }
  if (args.block !== undefined) model.block = ctx.text(args.block.location);
  if (withNode === undefined && args.block === undefined) ctx.report(call.location, "rescue_from", "no handler (with: or a block); Rails raises ArgumentError");
  return model;
}

