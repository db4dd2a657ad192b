import { readFileSync } from "node:fs";
import type { RunFailure } from "../campaign.js";
import type { Shard } from "../seeds.js";

// A fuzz campaign's results file (one per shard) and how shards merge. Shards of one campaign
// share the seed, the run count and the targets; their runs never overlap (shard i/n ran the k
// with k % n == i), so merging adds the counts and gathers the failures, and a missing shard is
// named rather than guessed.

export interface PropertyOutcome {
  target: string;
  /** Position of the property in its target (a scenario's properties list, a module's array). */
  entry: number;
  property: string;
  /** The name with what it is about ("retry_ordering ProcessWebhookJob"), when it has a subject. */
  label?: string;
  /** "counterexample": the entry is a job broken on purpose; it passes when a failure is found. */
  expect: "pass" | "counterexample";
  /** The campaign seed this entry ran with (absent for a replayed case). */
  seed?: number;
  planned: number;
  done: number;
  interrupted: boolean;
  failures: RunFailure[];
}

export interface FuzzResults {
  format: "jobsim-fuzz-results";
  version: 1;
  campaign: { seed: number; runs: number; targets: string[]; checkDeterminism: boolean };
  /** The shards these results cover (one for a shard's file, all for a merged one). */
  shards: Shard[];
  properties: PropertyOutcome[];
}

export class MergeError extends Error {
  override name = "MergeError";
}

export function readResults(file: string): FuzzResults {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new MergeError(`${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not a results file (${(e as Error).message})`}`);
  }
  const r = data as Partial<FuzzResults>;
  if (r?.format !== "jobsim-fuzz-results" || r.version !== 1 || r.campaign === undefined || !Array.isArray(r.shards) || !Array.isArray(r.properties)) {
    throw new MergeError(`${file}: not a jobsim fuzz results file (write one with jobsim fuzz ... --out DIR)`);
  }
  return r as FuzzResults;
}

export function mergeResults(parts: readonly { file: string; results: FuzzResults }[]): { merged: FuzzResults; missing: string[] } {
  if (parts.length === 0) throw new MergeError("name the results files to merge");
  const first = parts[0]!;
  const same = JSON.stringify(first.results.campaign);
  const count = first.results.shards[0]?.count ?? 1;
  const seen = new Map<number, string>();
  for (const p of parts) {
    if (JSON.stringify(p.results.campaign) !== same) {
      throw new MergeError(`${p.file} is from another campaign than ${first.file} (seed, runs, targets and --check-determinism must match): ${JSON.stringify(p.results.campaign)} vs ${same}`);
    }
    for (const s of p.results.shards) {
      if (s.count !== count) throw new MergeError(`${p.file} has shard ${s.index}/${s.count}; ${first.file} splits the campaign in ${count}`);
      const other = seen.get(s.index);
      if (other !== undefined) throw new MergeError(`shard ${s.index}/${count} appears twice: in ${other} and ${p.file}`);
      seen.set(s.index, p.file);
    }
  }
  const byKey = new Map<string, PropertyOutcome>();
  for (const p of parts) {
    for (const o of p.results.properties) {
      const key = `${o.target}\u0000${o.entry}`;
      const m = byKey.get(key);
      if (m === undefined) byKey.set(key, { ...o, failures: [...o.failures] });
      else {
        m.planned += o.planned;
        m.done += o.done;
        m.interrupted ||= o.interrupted;
        m.failures.push(...o.failures);
      }
    }
  }
  const properties = [...byKey.values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : a.entry - b.entry));
  for (const o of properties) o.failures.sort((a, b) => a.run - b.run);
  const shards = [...seen.keys()].sort((a, b) => a - b).map((index) => ({ index, count }));
  const missing: string[] = [];
  for (let i = 0; i < count; i++) if (!seen.has(i)) missing.push(`${i}/${count}`);
  return { merged: { ...first.results, shards, properties }, missing };
}
