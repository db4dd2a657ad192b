// `compare.expect` of a scenario: a wait statistic of one queue in one run, bounded by a
// duration or by a share of the same statistic in the first run.
import { holds, showMs } from "../scenario/compare.js";
import type { CompareExpect } from "../scenario/spec.js";
import type { VariantRun } from "./run.js";
import { statsOf } from "./table.js";

export interface CompareOutcome {
  name: string;
  passed: boolean;
  message: string;
}

export function checkCompare(e: CompareExpect, runs: readonly VariantRun[]): CompareOutcome {
  const run = runs.find((r) => r.variant.name === e.run);
  const q = run === undefined ? undefined : statsOf(run, e.queue);
  const fail = (message: string) => ({ name: e.name, passed: false, message });
  if (run === undefined) return fail(`no run named ${JSON.stringify(e.run)}`);
  if (q === undefined || q.executions === 0) return fail(`nothing ran on ${e.queue} under ${e.run}; queues that ran: ${run.stats.queues.map((x) => x.queue).join(", ")}`);
  const value = q.wait[e.stat];
  if (e.bound.kind === "duration") {
    const ok = holds(e.bound.bound, value);
    return { name: e.name, passed: ok, message: `${e.queue} ${e.stat} wait under ${e.run}: ${showMs(value)} (bound ${e.bound.bound.text})` };
  }
  const base = statsOf(runs[0]!, e.queue);
  if (base === undefined || base.executions === 0) return fail(`nothing ran on ${e.queue} under ${runs[0]!.variant.name}, the baseline`);
  const before = base.wait[e.stat];
  const limit = before * e.bound.ratio;
  const ok = holds({ op: e.bound.op, value: limit, text: e.bound.text }, value);
  const share = (value / before) * 100;
  const pct = before === 0 ? "-" : `${share < 10 ? share.toFixed(1) : Math.round(share)}%`;
  return {
    name: e.name,
    passed: ok,
    message: `${e.queue} ${e.stat} wait: ${showMs(before)} under ${runs[0]!.variant.name}, ${showMs(value)} under ${e.run} (${pct}; bound ${e.bound.text})`,
  };
}
