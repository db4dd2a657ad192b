// Seeds of a campaign: run k of a campaign with seed S uses seed hash(S, k), so any run can be
// replayed alone, and shards split one campaign without overlap: shard i/n takes the runs with
// k % n == i.

export interface Shard {
  index: number;
  count: number;
}

/** A 31-bit seed for run k (a murmur3-style finaliser over S and k). */
export function runSeed(campaignSeed: number, k: number): number {
  let h = (Math.imul(campaignSeed | 0, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h & 0x7fffffff;
}

/** "i/n" with 0 <= i < n. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new Error(`--shard must look like i/n (for example 0/4), got ${JSON.stringify(text)}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new Error(`--shard ${text}: need 0 <= i < n`);
  return { index, count };
}

/** The run numbers of a campaign this shard takes, in order. */
export function shardRuns(runs: number, shard: Shard = { index: 0, count: 1 }): number[] {
  const out: number[] = [];
  for (let k = shard.index; k < runs; k += shard.count) out.push(k);
  return out;
}
