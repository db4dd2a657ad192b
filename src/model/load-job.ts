// One job class of a model file: queue, priority, handlers, concurrency, callbacks, perform,
// behaviour. Hand-written classes may leave out what they do not declare; defaults are Active
// Job's (default queue, nil priority, no handlers) and the app settings' (jitter, commit).
import { Fields, readDuration } from "../config/fields.js";
import type { Issues } from "../config/issues.js";
import { describeNode, type SNode } from "../config/input-node.js";
import { readBehaviour } from "./load-behaviour.js";
import { assignDefined, at, num, text, textList } from "./read-fields.js";
import { parseWaitFormula } from "./wait-formula.js";
import { CALLBACK_KINDS, PARAM_KINDS } from "./types.js";
import type { AppSettings, CallbackModel, DiscardOnModel, RescueFromModel, RetryOnModel, ConcurrencyKeyPart, ConcurrencyModel, HandlerModel, JobClassModel, PerformModel, PriorityModel, QueueModel, WaitModel } from "./types.js";

export const JOB_KEYS = ["at", "superclass", "ancestors", "queue", "priority", "retry_jitter", "enqueue_after_transaction_commit", "handlers", "concurrency", "callbacks", "perform", "behaviour"] as const;
const ORIGIN = ["at", "inherited_from"] as const;
export const QUEUE_KEYS = ["name", "declared", "dynamic", "candidates", ...ORIGIN] as const;
export const PRIORITY_KEYS = ["value", "dynamic", ...ORIGIN] as const;
export const HANDLER_KINDS = ["retry_on", "discard_on", "rescue_from"] as const;
const HANDLER_BASE = ["kind", "errors", ...ORIGIN] as const;
export const HANDLER_KEYS = {
  retry_on: [...HANDLER_BASE, "wait", "attempts", "jitter", "jitter_declared", "queue", "priority", "report", "on_exhausted"],
  discard_on: [...HANDLER_BASE, "report", "block"],
  rescue_from: [...HANDLER_BASE, "with", "block"],
} as const;
export const WAIT_PROC_KEYS = ["proc", "arity", "formula"] as const;
export const CONCURRENCY_KEYS = ["to", "key", "group", "duration", "on_conflict", ...ORIGIN] as const;
export const CALLBACK_KEYS = ["method", "block", "if", "unless", "prepend", ...ORIGIN] as const;
export const PERFORM_KEYS = ["params", ...ORIGIN] as const;
export const PARAM_KEYS = ["name", "kind", "default"] as const;

const DEFAULT_CONCURRENCY_PERIOD = 180;

function origin(f: Fields): { at?: string; inherited_from?: string } {
  return assignDefined({}, { at: at(f), inherited_from: f.str("inherited_from") });
}

export function readJobClass(node: SNode, name: string, settings: AppSettings, issues: Issues): JobClassModel | undefined {
  const where = `jobs.${name}`;
  const f = Fields.of(node, where, issues, JOB_KEYS);
  if (f === undefined) return undefined;
  const job: JobClassModel = {
    queue: f.has("queue") ? readQueue(f.node("queue")!, f.label("queue"), issues) : { name: prefixed("default", settings) },
    priority: f.has("priority") ? readPriority(f.node("priority")!, f.label("priority"), issues) : { value: null },
    retry_jitter: num(f, "retry_jitter") ?? settings.retry_jitter,
    enqueue_after_transaction_commit: f.bool("enqueue_after_transaction_commit") ?? settings.enqueue_after_transaction_commit,
    handlers: (f.list("handlers") ?? []).map((n, i) => readHandler(n, `${f.label("handlers")}[${i}]`, issues)).filter((h): h is HandlerModel => h !== undefined),
    callbacks: f.has("callbacks") ? readCallbacks(f.node("callbacks")!, f.label("callbacks"), issues) : {},
    behaviour: f.has("behaviour") ? readBehaviour(f.node("behaviour")!, f.label("behaviour"), issues) : {},
  };
  assignDefined(job, { at: at(f), superclass: f.str("superclass"), ancestors: textList(f, "ancestors") });
  if (f.has("concurrency")) job.concurrency = readConcurrency(f.node("concurrency")!, f.label("concurrency"), name, issues);
  if (f.has("perform")) job.perform = readPerform(f.node("perform")!, f.label("perform"), issues);
  // Handlers of a hand-written class default their jitter to the class's (active-job §5.7).
  for (const h of job.handlers) if (h.kind === "retry_on" && !h.jitter_declared) h.jitter = job.retry_jitter;
  return job;
}

export function prefixed(queue: string, settings: Pick<AppSettings, "queue_name_prefix" | "queue_name_delimiter">): string {
  const p = settings.queue_name_prefix;
  return p === null || p.trim() === "" ? queue : `${p}${settings.queue_name_delimiter}${queue}`;
}

function readQueue(node: SNode, where: string, issues: Issues): QueueModel {
  if (node.kind === "scalar" && typeof node.value === "string") return { name: node.value };
  const f = Fields.of(node, where, issues, QUEUE_KEYS);
  if (f === undefined) return { name: "default" };
  if (f.has("dynamic")) {
    if (f.has("name")) issues.add(f.keyPos("name"), `${where}: a queue is either "name" or "dynamic", not both`);
    return { dynamic: text(f, "dynamic") ?? "", candidates: textList(f, "candidates") ?? [], ...origin(f) };
  }
  const name = text(f, "name");
  if (name === undefined && !f.has("name")) issues.add(f.pos, `${where} needs "name" (the queue) or "dynamic" (queue_as block source)`);
  return assignDefined<QueueModel>({ name: name ?? "default" }, { declared: text(f, "declared"), ...origin(f) });
}

function readPriority(node: SNode, where: string, issues: Issues): PriorityModel {
  if (node.kind === "scalar" && (node.value === null || (typeof node.value === "number" && Number.isInteger(node.value)))) return { value: node.value as number | null };
  const f = Fields.of(node, where, issues, PRIORITY_KEYS);
  if (f === undefined) return { value: null };
  if (f.has("dynamic")) return { dynamic: text(f, "dynamic") ?? "", ...origin(f) };
  const v = f.node("value");
  let value: number | null = null;
  if (v !== undefined && !(v.kind === "scalar" && v.value === null)) value = f.int("value", { min: Number.MIN_SAFE_INTEGER }) ?? null;
  return { value, ...origin(f) };
}

function readHandler(node: SNode, where: string, issues: Issues): HandlerModel | undefined {
  if (node.kind !== "map") {
    issues.add(node.pos, `${where} must be a mapping with "kind" (${HANDLER_KINDS.join(", ")}) and "errors", got ${describeNode(node)}`);
    return undefined;
  }
  const kindNode = node.entries.find((e) => e.key === "kind")?.value;
  const kind = kindNode?.kind === "scalar" ? (HANDLER_KINDS as readonly (string | number | boolean | null)[]).find((k) => k === kindNode.value) : undefined;
  if (kind === undefined) {
    issues.add(kindNode?.pos ?? node.pos, `${where}.kind must be one of ${HANDLER_KINDS.join(", ")}${kindNode === undefined ? "" : `, got ${describeNode(kindNode)}`}`);
    return undefined;
  }
  const f = Fields.of(node, where, issues, HANDLER_KEYS[kind as keyof typeof HANDLER_KEYS])!;
  const errors = textList(f, "errors") ?? [];
  if (!f.has("errors")) issues.add(f.pos, `${where} needs "errors" (the error classes it handles)`);
  const base = { errors, ...origin(f) };
  if (kind === "discard_on") return assignDefined<DiscardOnModel>({ kind, ...base, report: f.bool("report") ?? false }, { block: text(f, "block") });
  if (kind === "rescue_from") return assignDefined<RescueFromModel>({ kind, ...base }, { with: f.str("with"), block: text(f, "block") });
  const attemptsNode = f.node("attempts");
  let attempts: number | "unlimited" = 5;
  if (attemptsNode !== undefined) attempts = attemptsNode.kind === "scalar" && attemptsNode.value === "unlimited" ? "unlimited" : (f.int("attempts", { min: 0 }) ?? 5);
  const jitter = num(f, "jitter");
  return assignDefined<RetryOnModel>(
    {
      kind: "retry_on",
      ...base,
      wait: f.has("wait") ? readWait(f.node("wait")!, f.label("wait"), issues) : 3,
      attempts,
      jitter: jitter ?? 0,
      jitter_declared: f.bool("jitter_declared") ?? jitter !== undefined,
      report: f.bool("report") ?? false,
    },
    { queue: text(f, "queue"), priority: f.int("priority", { min: Number.MIN_SAFE_INTEGER }), on_exhausted: text(f, "on_exhausted") },
  );
}

function readWait(node: SNode, where: string, issues: Issues): WaitModel {
  if (node.kind === "scalar" && typeof node.value === "number" && node.value >= 0) return node.value;
  if (node.kind === "scalar" && node.value === "polynomially_longer") return "polynomially_longer";
  if (node.kind === "scalar" && typeof node.value === "string") {
    return readDuration(node, where, issues) ?? 3;
  }
  const f = Fields.of(node, where, issues, WAIT_PROC_KEYS);
  if (f === undefined) return 3;
  const proc = text(f, "proc") ?? "";
  const arity = f.int("arity", { min: 1, max: 2 }) ?? 1;
  const formula = f.str("formula");
  if (formula !== undefined) {
    try {
      parseWaitFormula(formula);
    } catch (e) {
      issues.add(f.at("formula"), `${f.label("formula")}: ${(e as Error).message}`);
    }
  }
  const wait: Exclude<WaitModel, number | string> = { proc, arity: arity as 1 | 2 };
  if (formula !== undefined) wait.formula = formula;
  return wait;
}

function readConcurrency(node: SNode, where: string, className: string, issues: Issues): ConcurrencyModel | undefined {
  const f = Fields.of(node, where, issues, CONCURRENCY_KEYS);
  if (f === undefined) return undefined;
  const keyNode = f.require("key", "a literal { literal: ... } or a lambda { source, parts }");
  let key: ConcurrencyModel["key"] = { literal: "" };
  if (keyNode !== undefined) {
    if (keyNode.kind === "scalar" && typeof keyNode.value === "string") key = { literal: keyNode.value };
    else {
      const k = Fields.of(keyNode, f.label("key"), issues, ["literal", "source", "parts"]);
      if (k?.has("literal")) key = { literal: text(k, "literal") ?? "" };
      else if (k !== undefined) key = assignDefined<ConcurrencyModel["key"]>({ source: text(k, "source") ?? "" }, { parts: readParts(k, issues) });
    }
  }
  const groupNode = f.node("group");
  let group: ConcurrencyModel["group"] = className;
  if (groupNode?.kind === "map") group = { dynamic: text(Fields.of(groupNode, f.label("group"), issues, ["dynamic"])!, "dynamic") ?? "" };
  else if (groupNode !== undefined) group = f.str("group") ?? className;
  return {
    to: f.int("to", { min: 1 }) ?? 1,
    key,
    group,
    duration: f.duration("duration") ?? DEFAULT_CONCURRENCY_PERIOD,
    on_conflict: f.oneOf("on_conflict", ["block", "discard"] as const) ?? "block",
    ...origin(f),
  };
}

function readParts(k: Fields, issues: Issues): ConcurrencyKeyPart[] | undefined {
  const items = k.list("parts");
  if (items === undefined) return undefined;
  const parts: ConcurrencyKeyPart[] = [];
  items.forEach((n, i) => {
    const p = Fields.of(n, `${k.label("parts")}[${i}]`, issues, ["literal", "arg", "path"]);
    if (p === undefined) return;
    if (p.has("literal")) parts.push({ literal: text(p, "literal") ?? "" });
    else {
      const arg = p.int("arg", { required: "the argument's index (0 = first)" });
      const path = textList(p, "path");
      if (arg !== undefined) parts.push(assignDefined<ConcurrencyKeyPart>({ arg }, { path }));
    }
  });
  return parts;
}

function readCallbacks(node: SNode, where: string, issues: Issues): JobClassModel["callbacks"] {
  const f = Fields.of(node, where, issues, CALLBACK_KINDS);
  const out: JobClassModel["callbacks"] = {};
  if (f === undefined) return out;
  for (const kind of CALLBACK_KINDS) {
    const items = f.list(kind);
    if (items === undefined) continue;
    out[kind] = items
      .map((n, i): CallbackModel | undefined => {
        if (n.kind === "scalar" && typeof n.value === "string") return { method: n.value };
        const c = Fields.of(n, `${f.label(kind)}[${i}]`, issues, CALLBACK_KEYS);
        if (c === undefined) return undefined;
        if (c.has("method") === c.has("block")) issues.add(c.pos, `${f.label(kind)}[${i}] needs either "method" or "block"`);
        return assignDefined<CallbackModel>({}, { method: c.str("method"), block: text(c, "block"), if: text(c, "if"), unless: text(c, "unless"), prepend: c.bool("prepend"), ...origin(c) });
      })
      .filter((c): c is CallbackModel => c !== undefined);
  }
  return out;
}

function readPerform(node: SNode, where: string, issues: Issues): PerformModel | undefined {
  const f = Fields.of(node, where, issues, PERFORM_KEYS);
  if (f === undefined) return undefined;
  const params: PerformModel["params"] = [];
  (f.list("params") ?? []).forEach((n, i) => {
    const p = Fields.of(n, `${f.label("params")}[${i}]`, issues, PARAM_KEYS);
    if (p === undefined) return;
    const name = text(p, "name") ?? "";
    const kind = p.oneOf("kind", PARAM_KINDS) ?? "required";
    params.push(assignDefined<PerformModel["params"][number]>({ name, kind }, { default: text(p, "default") }));
  });
  return { params, ...origin(f) };
}
