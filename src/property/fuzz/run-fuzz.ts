import { judge, runCampaign, type CampaignProgress, type RunFailure } from "../campaign.js";
import { titleOf, type PropertyDefinition } from "../property.js";
import type { Shard } from "../seeds.js";
import type { ParsedEntry } from "../spec.js";
import type { FuzzResults, PropertyOutcome } from "./results.js";

// A fuzz campaign over several targets (scenario files, property modules): every property of
// every target runs its campaign with the same seed and shard, under one time budget. A
// `replay:` entry runs its one case (in shard 0 only, so merged shards count it once).

export type FuzzEntry = Omit<ParsedEntry, "name" | "where"> & { index: number };

export interface FuzzTarget {
  /** The path as given on the command line. */
  name: string;
  entries: FuzzEntry[];
}

export interface FuzzOptions {
  /** Runs per property; undefined: each entry's own `runs:` or the property's default. */
  runs?: number;
  seed: number;
  shard: Shard;
  checkDeterminism: boolean;
  timeBudgetMs?: number;
  elapsedMs?: () => number;
  reportsDir: string | null;
  onProgress?: (target: string, p: CampaignProgress) => void;
  onOutcome?: (o: PropertyOutcome & { passed: boolean }) => void;
}

export function outcomePassed(o: PropertyOutcome): boolean {
  return o.expect === "counterexample" ? o.failures.length > 0 : o.failures.length === 0;
}

export async function runFuzz(targets: readonly FuzzTarget[], opts: FuzzOptions): Promise<FuzzResults> {
  const results: FuzzResults = {
    format: "jobsim-fuzz-results",
    version: 1,
    campaign: { seed: opts.seed, runs: opts.runs ?? 0, targets: targets.map((t) => t.name), checkDeterminism: opts.checkDeterminism },
    shards: [opts.shard],
    properties: [],
  };
  for (const t of targets) {
    for (const e of t.entries) {
      const o = e.replay !== undefined ? await replay(t, e, opts) : await campaign(t, e, opts);
      results.properties.push(o);
      opts.onOutcome?.({ ...o, passed: outcomePassed(o) });
    }
  }
  return results;
}

async function campaign(t: FuzzTarget, e: FuzzEntry, opts: FuzzOptions): Promise<PropertyOutcome> {
  // An entry's own seed (a scenario's `seed:` on the property) wins over --seed.
  const seed = e.seed ?? opts.seed;
  const r = await runCampaign(e.def, {
    runs: opts.runs ?? e.runs ?? e.def.defaultRuns,
    seed,
    shard: opts.shard,
    checkDeterminism: opts.checkDeterminism || e.checkDeterminism === true,
    reportsDir: opts.reportsDir,
    // A job broken on purpose needs one counterexample; anything else counts every failure.
    keepGoing: e.expect !== "counterexample",
    source: t.name,
    ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
    ...(opts.elapsedMs !== undefined ? { elapsedMs: opts.elapsedMs } : {}),
    ...(opts.onProgress !== undefined ? { onProgress: (p: CampaignProgress) => opts.onProgress!(t.name, p) } : {}),
  });
  return { target: t.name, entry: e.index, property: e.def.name, ...label(e.def), expect: e.expect, seed, planned: r.planned, done: r.done, interrupted: r.interrupted, failures: r.failures };
}

async function replay(t: FuzzTarget, e: FuzzEntry, opts: FuzzOptions): Promise<PropertyOutcome> {
  const o: PropertyOutcome = { target: t.name, entry: e.index, property: e.def.name, ...label(e.def), expect: e.expect, planned: 0, done: 0, interrupted: false, failures: [] };
  if (opts.shard.index !== 0) return o;
  o.planned = 1;
  o.done = 1;
  const v = await judge(e.def, e.replay, opts.checkDeterminism || e.checkDeterminism === true).catch((err: unknown) => ({
    ok: false,
    message: `the run raised ${(err as Error).name}: ${(err as Error).message}`,
    traces: [],
  }));
  if (!v.ok) {
    const f: RunFailure = { property: e.def.name, run: 0, seed: 0, path: "replay", shrinks: 0, counterexample: e.replay, message: v.message ?? "the property does not hold" };
    o.failures.push(f);
  }
  return o;
}

function label(def: PropertyDefinition<unknown>): { label?: string } {
  return def.subject !== undefined ? { label: titleOf(def) } : {};
}
