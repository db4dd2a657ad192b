// A `behaviour.calls` entry: a scripted service perform calls (the scenario's `services:`
// decide each call's answer, latency or error).
import { Fields } from "../config/fields.js";
import type { Issues } from "../config/issues.js";
import { toPlain, type SNode } from "../config/input-node.js";
import type { CallModel } from "./types.js";

export const CALL_KEYS = ["service", "method", "args"] as const;

export function readCall(node: SNode, where: string, issues: Issues): CallModel | undefined {
  const f = Fields.of(node, where, issues, CALL_KEYS);
  if (f === undefined) return undefined;
  const service = f.str("service", { required: "the service's name, as in a scenario's services:" });
  const method = f.str("method", { required: "the method called" });
  const argsNode = f.node("args");
  let args: unknown[] | undefined;
  if (argsNode !== undefined) {
    if (argsNode.kind === "seq") args = argsNode.items.map(toPlain);
    else f.bad("args", "a list of arguments");
  }
  if (service === undefined || method === undefined) return undefined;
  return { service, method, ...(args !== undefined ? { args } : {}) };
}
