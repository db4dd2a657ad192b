// `compare:` the scenario's timeline (its arrivals, faults and outages) replayed under other
// queue configs, side by side (src/whatif runs it; `jobsim whatif` prints and draws it):
//   compare:
//     configs:
//       - { name: shared, queue: ../config/queue.yml }          # the first run is the baseline
//       - { name: mailers apart, queue: ../config/queue-mailers-apart.yml }
//     expect:
//       - { run: mailers apart, queue: shop_mailers, p95: "<= 50%" }   # of the baseline's
//       - { run: mailers apart, queue: shop_critical, p99: "< 5s" }
import type { Issues } from "./errors.js";
import { readDurationBound, type Op } from "./compare.js";
import { Fields } from "../config/fields.js";
import { configRef } from "./parse.js";
import type { CompareExpect, CompareRun, CompareSpec } from "./spec.js";
import { describeNode, type SNode, type SourceText } from "./yaml-source.js";

export const COMPARE_KEYS = ["configs", "expect"] as const;
export const COMPARE_RUN_KEYS = ["name", "queue"] as const;
export const COMPARE_STATS = ["p50", "p95", "p99", "max"] as const;
export const COMPARE_EXPECT_KEYS = ["run", "queue", ...COMPARE_STATS] as const;

const RELATIVE = /^\s*(<=|>=|<|>)?\s*(\d+(?:\.\d+)?)\s*%\s*$/;

export function parseCompare(node: SNode, source: SourceText, issues: Issues): CompareSpec | undefined {
  const f = Fields.of(node, "compare", issues, COMPARE_KEYS);
  if (f === undefined) return undefined;
  const runs: CompareRun[] = [];
  const items = f.list("configs");
  if (items === undefined) {
    if (!f.has("configs")) issues.add(f.pos, `compare needs "configs": the queue configs to compare (at least one; the first is the baseline)`);
    return undefined;
  }
  items.forEach((n, i) => {
    const where = `compare.configs[${i}]`;
    const r = Fields.of(n, where, issues, COMPARE_RUN_KEYS);
    if (r === undefined) return;
    const q = r.require("queue", "a queue.yml path (relative to the scenario) or its content");
    const ref = q === undefined ? undefined : configRef(q, `${where}.queue`, "queue.yml", source, issues);
    const name = r.str("name") ?? (ref?.kind === "path" ? ref.written : `config ${i + 1}`);
    if (runs.some((x) => x.name === name)) issues.add(r.pos, `${where}: another config is already named ${JSON.stringify(name)}; give each a distinct name`);
    if (ref !== undefined) runs.push({ name, queue: ref, pos: n.pos });
  });
  const expect: CompareExpect[] = [];
  (f.list("expect") ?? []).forEach((n, i) => {
    const where = `compare.expect[${i}]`;
    const e = Fields.of(n, where, issues, COMPARE_EXPECT_KEYS);
    if (e === undefined) return;
    const run = e.str("run", { required: "the name of a config under compare.configs" });
    const queue = e.str("queue", { required: "the queue whose wait is bounded" });
    if (run !== undefined && items.length > 0 && !runs.some((r) => r.name === run)) issues.add(e.at("run"), `${where}.run: no config named ${JSON.stringify(run)}; the configs are ${runs.map((r) => JSON.stringify(r.name)).join(", ")}`);
    const stats = COMPARE_STATS.filter((s) => e.has(s));
    if (stats.length !== 1) {
      issues.add(e.pos, `${where} bounds exactly one of ${COMPARE_STATS.join(", ")} ("< 5s", or "<= 50%" of the first config's)`);
      return;
    }
    const stat = stats[0]!;
    const v = e.node(stat)!;
    const m = v.kind === "scalar" && typeof v.value === "string" ? RELATIVE.exec(v.value) : null;
    let bound: CompareExpect["bound"] | undefined;
    if (m !== null) bound = { kind: "relative", op: (m[1] ?? "<=") as Op, ratio: Number(m[2]) / 100, text: String((v as { value: string }).value).trim() };
    else {
      const d = readDurationBound(v, `${where}.${stat}`, issues);
      if (d !== undefined) bound = { kind: "duration", bound: d };
    }
    if (run === undefined || queue === undefined || bound === undefined) return;
    const text = bound.kind === "relative" ? `${bound.text} of ${runs[0]?.name ?? "the first"}'s` : bound.bound.text;
    expect.push({ name: `compare: ${queue} ${stat} wait under ${run} ${text}`, run, queue, stat, bound, pos: n.pos });
  });
  if (runs.length === 0 && items.length === 0) issues.add(f.at("configs"), `compare.configs needs at least one config, got ${describeNode(f.node("configs")!)}`);
  return { runs, expect, pos: node.pos };
}
