// A what-if: the same scenario (its seed, arrivals, replayed export, faults, outages) run once
// per queue config, each run measured per queue (stats.ts). Nothing else changes between runs,
// so a difference in the numbers is the config's doing. Modelled jobs draw their run times
// from streams keyed by the job, not by the order things happen in (model/perform-behaviour.ts),
// so the same job takes the same time in every run.
import type { LoadedScenario } from "../scenario/load.js";
import { runScenario } from "../scenario/run.js";
import type { ConfigRef } from "../scenario/spec.js";
import { runStats, type RunStats } from "./stats.js";

export interface Variant {
  name: string;
  queue: ConfigRef;
  /** Shown under the name (a generated config's workers, for --find). */
  detail?: string;
}

export interface VariantRun {
  variant: Variant;
  stats: RunStats;
  /** Invariants held and every step finished (the scenario's own expectations are not checked: they were written for its own config). */
  healthy: boolean;
  problems: string[];
  warnings: string[];
}

export interface WhatIfOptions {
  seed?: number;
  onRun?: (name: string, index: number, total: number) => void;
}

export async function runVariants(loaded: LoadedScenario, variants: readonly Variant[], opts: WhatIfOptions = {}): Promise<VariantRun[]> {
  const out: VariantRun[] = [];
  for (const [i, variant] of variants.entries()) {
    opts.onRun?.(variant.name, i, variants.length);
    out.push(await runVariant(loaded, variant, opts));
  }
  return out;
}

export async function runVariant(loaded: LoadedScenario, variant: Variant, opts: WhatIfOptions = {}): Promise<VariantRun> {
  const spec = { ...loaded.spec, queueConfig: variant.queue, expectations: [], properties: [], propertyPos: [] };
  const { result, warnings } = await runScenario({ ...loaded, spec }, opts.seed !== undefined ? { seed: opts.seed } : {});
  const end = result.trace.length === 0 ? spec.start : Math.max(spec.start, result.trace.at(-1)!.t);
  const problems = result.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.message ?? "failed"}`);
  return { variant, stats: runStats(result.trace, spec.start, end), healthy: problems.length === 0, problems, warnings };
}

/** The scenario's own queue config as the first variant, when it names one. */
export function scenarioVariant(loaded: LoadedScenario): Variant | undefined {
  const q = loaded.spec.queueConfig;
  if (q === undefined) return undefined;
  return { name: q.kind === "path" ? q.written : "scenario's config", queue: q };
}
