// The `behaviour:` section of a job class: run time, failures by error class, fan-out.
// Validated here so a hand-written model gets positioned errors before any simulation runs.
import { Fields } from "../config/fields.js";
import type { Issues } from "../config/issues.js";
import { describeNode, toPlain, type SNode } from "../config/input-node.js";
import { assignDefined, num, numNode } from "./read-fields.js";
import { readCall } from "./load-call.js";
import type { Behaviour, CallModel, EnqueueModel, FailureModel, RunTime } from "./types.js";

export const BEHAVIOUR_KEYS = ["run_time", "failures", "enqueues", "calls", "estimated"] as const;
export const RUN_TIME_KINDS = ["fixed", "uniform", "lognormal", "empirical"] as const;
export const FAILURE_KEYS = ["error", "message", "probability", "script"] as const;
export const ENQUEUE_KEYS = ["job", "args", "count", "wait", "queue", "priority", "probability"] as const;

export function readBehaviour(node: SNode, where: string, issues: Issues): Behaviour {
  const f = Fields.of(node, where, issues, BEHAVIOUR_KEYS);
  if (f === undefined) return {};
  const out: Behaviour = {};
  const rt = f.node("run_time");
  if (rt !== undefined) {
    const runTime = readRunTime(rt, f.label("run_time"), issues);
    if (runTime !== undefined) out.run_time = runTime;
  }
  const failures = f.list("failures");
  if (failures !== undefined) out.failures = failures.map((n, i) => readFailure(n, `${f.label("failures")}[${i}]`, issues)).filter((x): x is FailureModel => x !== undefined);
  const enqueues = f.list("enqueues");
  if (enqueues !== undefined) out.enqueues = enqueues.map((n, i) => readEnqueue(n, `${f.label("enqueues")}[${i}]`, issues)).filter((x): x is EnqueueModel => x !== undefined);
  const calls = f.list("calls");
  if (calls !== undefined) out.calls = calls.map((n, i) => readCall(n, `${f.label("calls")}[${i}]`, issues)).filter((x): x is CallModel => x !== undefined);
  const estimated = f.bool("estimated");
  if (estimated !== undefined) out.estimated = estimated;
  return out;
}

function readRunTime(node: SNode, where: string, issues: Issues): RunTime | undefined {
  const f = Fields.of(node, where, issues, RUN_TIME_KINDS);
  if (f === undefined) return undefined;
  const kinds = f.keys().filter((k) => (RUN_TIME_KINDS as readonly string[]).includes(k));
  if (kinds.length !== 1) {
    issues.add(f.pos, `${where} takes exactly one of ${RUN_TIME_KINDS.join(", ")}${kinds.length > 1 ? `; it has ${kinds.join(" and ")}` : ""}`);
    return undefined;
  }
  const kind = kinds[0]!;
  const label = f.label(kind);
  switch (kind) {
    case "fixed": {
      const v = num(f, "fixed", { min: 0 });
      return v === undefined ? undefined : { fixed: v };
    }
    case "uniform": {
      const u = Fields.of(f.node("uniform")!, label, issues, ["min", "max"]);
      if (u === undefined) return undefined;
      const min = num(u, "min", { min: 0 });
      const max = num(u, "max", { min: 0 });
      if (!u.has("min") || !u.has("max")) issues.add(u.pos, `${label} needs "min" and "max" (seconds)`);
      if (min === undefined || max === undefined) return undefined;
      if (max < min) issues.add(u.at("max"), `${label}.max (${max}) is below min (${min})`);
      return { uniform: { min, max } };
    }
    case "lognormal": {
      const l = Fields.of(f.node("lognormal")!, label, issues, ["p50", "p95"]);
      if (l === undefined) return undefined;
      const p50 = num(l, "p50", { min: 0, exclusiveMin: true });
      const p95 = num(l, "p95", { min: 0, exclusiveMin: true });
      if (!l.has("p50") || !l.has("p95")) issues.add(l.pos, `${label} needs "p50" and "p95" (seconds)`);
      if (p50 === undefined || p95 === undefined) return undefined;
      if (p95 < p50) issues.add(l.at("p95"), `${label}.p95 (${p95}) is below p50 (${p50})`);
      return { lognormal: { p50, p95 } };
    }
    default: {
      const items = f.list("empirical");
      if (items === undefined) return undefined;
      if (items.length === 0) issues.add(f.at("empirical"), `${label} needs at least one sample (seconds)`);
      const samples = items.map((n, i) => numNode(n, `${label}[${i}]`, issues, { min: 0 }));
      return samples.every((s): s is number => s !== undefined) ? { empirical: samples } : undefined;
    }
  }
}

function readFailure(node: SNode, where: string, issues: Issues): FailureModel | undefined {
  const f = Fields.of(node, where, issues, FAILURE_KEYS);
  if (f === undefined) return undefined;
  const error = f.str("error", { required: "the error class raised, e.g. Net::OpenTimeout" });
  const message = f.str("message");
  const hasP = f.has("probability");
  const hasS = f.has("script");
  if (hasP === hasS) {
    issues.add(f.pos, `${where} takes either "probability" (0..1 per execution) or "script" (a list of true/false per attempt)`);
    return undefined;
  }
  if (error === undefined) return undefined;
  if (hasP) {
    const probability = num(f, "probability", { min: 0, max: 1 });
    return probability === undefined ? undefined : assignDefined<FailureModel>({ error, probability }, { message });
  }
  const items = f.list("script");
  if (items === undefined) return undefined;
  const script: boolean[] = [];
  for (const [i, n] of items.entries()) {
    if (n.kind === "scalar" && typeof n.value === "boolean") script.push(n.value);
    else issues.add(n.pos, `${f.label("script")}[${i}] must be true (this attempt fails) or false, got ${describeNode(n)}`);
  }
  return assignDefined<FailureModel>({ error, script }, { message });
}

function readEnqueue(node: SNode, where: string, issues: Issues): EnqueueModel | undefined {
  const f = Fields.of(node, where, issues, ENQUEUE_KEYS);
  if (f === undefined) return undefined;
  const job = f.str("job", { required: "the job class enqueued" });
  const argsNode = f.node("args");
  let args: unknown[] | undefined;
  if (argsNode !== undefined) {
    if (argsNode.kind === "seq") args = argsNode.items.map(toPlain);
    else f.bad("args", "a list of arguments");
  }
  const out = assignDefined<Partial<EnqueueModel>>(
    {},
    {
      args,
      count: f.int("count", { min: 0 }),
      wait: f.duration("wait"),
      queue: f.str("queue"),
      priority: f.int("priority", { min: Number.MIN_SAFE_INTEGER }),
      probability: num(f, "probability", { min: 0, max: 1 }),
    },
  );
  return job === undefined ? undefined : { job, ...out };
}
