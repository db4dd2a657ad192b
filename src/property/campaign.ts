import fc from "fast-check";
import { describeDivergence, firstDivergence } from "./checks/trace-diff.js";
import { writeCounterexample } from "./counterexample.js";
import { titleOf, type PropertyDefinition, type Verdict } from "./property.js";
import { runSeed, shardRuns, type Shard } from "./seeds.js";

// A campaign: runs k = 0..runs-1 of one property (those of this shard), run k a fast-check run
// of its own with seed hash(S, k), so a failure shrinks there and names a seed and a path that
// replay it alone. The first failure is shrunk and written as a scenario file.

export interface CampaignOptions {
  runs?: number;
  /** Campaign seed S. Default 1. */
  seed?: number;
  shard?: Shard;
  /** Run every case twice and fail on the first trace difference. */
  checkDeterminism?: boolean;
  /** Stop starting runs after this much real time (needs `elapsedMs`). */
  timeBudgetMs?: number;
  /** Real elapsed milliseconds (src/ never reads the real clock; the CLI passes it). */
  elapsedMs?: () => number;
  onProgress?: (p: CampaignProgress) => void;
  /** Folder for counterexample files; null writes none. Default "reports". */
  reportsDir?: string | null;
  /** Keep running after a failure (fuzz campaigns count every failure). Default false. */
  keepGoing?: boolean;
  /** The scenario (or module) the campaign came from, named in the counterexample file. */
  source?: string;
}

export interface CampaignProgress {
  property: string;
  /** The name with its subject ("idempotence ChargeOrderJob"), when it has one. */
  label?: string;
  done: number;
  planned: number;
  failures: number;
}

export interface RunFailure {
  property: string;
  /** Campaign run number k. */
  run: number;
  /** fast-check seed of run k: hash(S, k). */
  seed: number;
  path: string;
  shrinks: number;
  counterexample: unknown;
  /** The case the counterexample file replays: the shrunk case, or a narrower one failing the same way. */
  replay?: unknown;
  message: string;
  /** The counterexample scenario written, if any. */
  file?: string;
}

export interface CampaignResult {
  property: string;
  seed: number;
  runs: number;
  shard: Shard;
  planned: number;
  done: number;
  failures: RunFailure[];
  /** The time budget ran out before every planned run. */
  interrupted: boolean;
}

/** Thrown inside fast-check's predicate: the property's own judgement of a case. */
export class PropertyViolation extends Error {
  override name = "PropertyViolation";
}

export async function runCampaign<C>(def: PropertyDefinition<C>, opts: CampaignOptions = {}): Promise<CampaignResult> {
  const runs = opts.runs ?? def.defaultRuns;
  const seed = opts.seed ?? 1;
  const shard = opts.shard ?? { index: 0, count: 1 };
  const ks = shardRuns(runs, shard);
  const result: CampaignResult = { property: def.name, seed, runs, shard, planned: ks.length, done: 0, failures: [], interrupted: false };
  const property = fc.asyncProperty(def.arbitrary, async (c) => {
    const v = await judge(def, c, opts.checkDeterminism === true);
    if (!v.ok) throw new PropertyViolation(v.message ?? "the property does not hold");
  });
  for (const k of ks) {
    if (opts.timeBudgetMs !== undefined && opts.elapsedMs !== undefined && opts.elapsedMs() >= opts.timeBudgetMs) {
      result.interrupted = true;
      break;
    }
    const s = runSeed(seed, k);
    // Only the first failure is shrunk and written; later ones are counted as they come.
    const details = await fc.check(property, { seed: s, numRuns: 1, endOnFailure: result.failures.length > 0 });
    result.done++;
    if (details.failed) {
      const failure: RunFailure = {
        property: def.name,
        run: k,
        seed: s,
        path: details.counterexamplePath ?? "0",
        shrinks: details.numShrinks,
        counterexample: details.counterexample?.[0],
        message: errorText(details.errorInstance),
      };
      const firstFailure = result.failures.length === 0;
      if (firstFailure) await confirm(def, failure, opts.checkDeterminism === true);
      if (firstFailure && opts.reportsDir !== null) {
        failure.file = writeCounterexample(def, failure, { dir: opts.reportsDir ?? "reports", campaignSeed: seed, ...(opts.source !== undefined ? { source: opts.source } : {}) });
      }
      result.failures.push(failure);
    }
    opts.onProgress?.({ property: def.name, ...(def.subject !== undefined ? { label: titleOf(def) } : {}), done: result.done, planned: result.planned, failures: result.failures.length });
    if (details.failed && opts.keepGoing !== true) break;
  }
  return result;
}

/** One case, judged; with the determinism check, judged twice and the traces compared. */
export async function judge<C>(def: PropertyDefinition<C>, c: C, checkDeterminism: boolean): Promise<Verdict> {
  const first = await def.run(c);
  if (!checkDeterminism) return first;
  const second = await def.run(c);
  const d = firstDivergence(first.traces, second.traces);
  if (d !== null) return { ok: false, message: describeDivergence(d, first.traces.length), traces: first.traces };
  return first;
}

/** Runs the shrunk case once more: its verdict names the failure (and may narrow the case). */
async function confirm<C>(def: PropertyDefinition<C>, f: RunFailure, checkDeterminism: boolean): Promise<void> {
  let v: Verdict;
  try {
    v = await judge(def, f.counterexample as C, checkDeterminism);
  } catch (e) {
    return void (f.message = errorText(e));
  }
  if (v.ok) f.message += "\n  (the shrunk case passed when run again: the run depends on something outside the case)";
  else {
    f.message = v.message ?? f.message;
    if (v.refine !== undefined) f.replay = v.refine;
  }
}

function errorText(e: unknown): string {
  if (e instanceof PropertyViolation) return e.message;
  if (e instanceof Error) return `the run raised ${e.name}: ${e.message}`;
  return String(e);
}

/** How a failure reads: what broke, and how to replay it. */
export function describeFailure(f: RunFailure, campaignSeed: number): string {
  const lines = [
    f.path === "replay"
      ? `property ${f.property} failed on the replayed case`
      : `property ${f.property} failed on run ${f.run} (campaign seed ${campaignSeed}; fast-check seed ${f.seed}, path "${f.path}", ${f.shrinks} shrinks)`,
    f.message
      .split("\n")
      .map((l) => (l.startsWith("  ") ? l : `  ${l}`))
      .join("\n"),
    `  counterexample: ${JSON.stringify(f.counterexample)}`,
  ];
  if (f.file !== undefined) lines.push(`  replay: jobsim run ${f.file}`);
  return lines.join("\n");
}
