// Scripted services: `services:` at the top of a scenario (what each call answers from the
// start) and in a step (what calls answer from that moment: an outage that begins and ends).
import type { ServiceOutcome } from "../sim/services.js";
import type { Issues } from "./errors.js";
import { Fields, readDuration } from "../config/fields.js";
import type { ServiceScript } from "./spec.js";
import { describeNode, toPlain, type SNode } from "./yaml-source.js";

export const OUTCOME_KEYS = ["returns", "throws", "message", "latency", "hang"] as const;

export function readServices(node: SNode, where: string, issues: Issues): ServiceScript[] {
  if (node.kind !== "map") {
    issues.add(node.pos, `${where} must map service names to their methods (payment: { charge: [{ returns: ok }] }), got ${describeNode(node)}`);
    return [];
  }
  const out: ServiceScript[] = [];
  for (const svc of node.entries) {
    if (svc.value.kind !== "map") {
      issues.add(svc.value.pos, `${where}.${svc.key} must map method names ("*" for any) to outcomes, got ${describeNode(svc.value)}`);
      continue;
    }
    for (const m of svc.value.entries) {
      const at = `${where}.${svc.key}.${m.key}`;
      const script: ServiceScript = { service: svc.key, method: m.key, pos: m.keyPos };
      if (m.value.kind === "seq") {
        script.script = m.value.items.map((o, i) => readOutcome(o, `${at}[${i}]`, issues)).filter((o): o is ServiceOutcome => o !== undefined);
      } else if (m.value.kind === "map") {
        const o = readOutcome(m.value, at, issues);
        if (o !== undefined) script.otherwise = o;
      } else {
        issues.add(m.value.pos, `${at} must be a list of outcomes (one per call) or one outcome for every call, e.g. [{ returns: ok }, { throws: Timeout }], got ${describeNode(m.value)}`);
        continue;
      }
      out.push(script);
    }
  }
  return out;
}

function readOutcome(node: SNode, where: string, issues: Issues): ServiceOutcome | undefined {
  const f = Fields.of(node, where, issues, OUTCOME_KEYS);
  if (f === undefined) return undefined;
  const o: ServiceOutcome = {};
  const returns = f.node("returns");
  if (returns !== undefined) o.returns = toPlain(returns);
  const throws = f.str("throws");
  if (throws !== undefined) {
    if (/^[A-Za-z_][\w:]*$/.test(throws)) o.throws = throws;
    else issues.add(f.at("throws"), `${where}.throws must be an error class name such as Timeout or Net::OpenTimeout, got ${JSON.stringify(throws)}`);
  }
  const message = f.str("message");
  if (message !== undefined) o.message = message;
  const latency = f.node("latency");
  if (latency !== undefined) {
    const s = readDuration(latency, `${where}.latency`, issues);
    if (s !== undefined) o.latency = s;
  }
  const hang = f.bool("hang");
  if (hang !== undefined) o.hang = hang;
  if (o.returns !== undefined && o.throws !== undefined) issues.add(f.pos, `${where}: an outcome either returns or throws, not both`);
  return o;
}
