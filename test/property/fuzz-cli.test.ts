import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fuzzCommand } from "../../src/cli/fuzz.js";
import type { FuzzResults } from "../../src/property/fuzz/results.js";
import { progressLine } from "../../src/property/fuzz/progress.js";
import { parseShard, runSeed, shardRuns } from "../../src/property/seeds.js";
import { tempDir } from "../helpers/temp.js";

const dir = tempDir("fuzz");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const module = "test/property/fixtures/cheap-properties.ts";

async function fuzz(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await fuzzCommand(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), isTTY: false });
  return { code, out, err };
}

const results = (file: string) => JSON.parse(readFileSync(file, "utf8")) as FuzzResults;

describe("seeds and shards", () => {
  it("run k of campaign S has seed hash(S, k); shards take k % n == i, without overlap", () => {
    expect(runSeed(1, 0)).toBe(runSeed(1, 0));
    expect(new Set(Array.from({ length: 1000 }, (_, k) => runSeed(42, k))).size).toBe(1000);
    const all = [0, 1, 2].flatMap((i) => shardRuns(10, { index: i, count: 3 }));
    expect(all.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shardRuns(10, parseShard("1/3"))).toEqual([1, 4, 7]);
    expect(() => parseShard("3/3")).toThrow("need 0 <= i < n");
  });
});

describe("jobsim fuzz", () => {
  it("fails with the seed, path and counterexample file of the first failing run", async () => {
    const out = join(dir, "full");
    const r = await fuzz(module, "--runs", "30", "--seed", "9", "--out", out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ not_seven \(test\/property\/fixtures\/cheap-properties.ts\): 30 runs, failed(?: \(\d+ failing runs, \d+ distinct failures\))?\n +property not_seven failed on run \d+ \(campaign seed 9; fast-check seed \d+, path "[\d:]+", \d+ shrinks\)/);
    expect(r.out).toContain("✓ queue_priorities");
    expect(r.out).toMatch(/replay: jobsim run .*counterexample-not_seven-\d+\.yml/);
    const res = results(join(out, "fuzz-results.json"));
    expect(res.properties.map((p) => [p.property, p.done])).toEqual([
      ["not_seven", 30],
      ["queue_priorities", 30],
    ]);
  });

  it("splits a campaign into shards that merge to the same runs and failures", async () => {
    const full = results(join(dir, "full", "fuzz-results.json"));
    for (const i of [0, 1, 2]) await fuzz(module, "--runs", "30", "--seed", "9", "--shard", `${i}/3`, "--out", join(dir, "shards"));
    const files = [0, 1, 2].map((i) => join(dir, "shards", `fuzz-results-shard-${i}-of-3.json`));
    const shard1 = results(files[1]!);
    expect(shard1.properties[0]!.done).toBe(10);
    expect(shard1.properties[0]!.failures.every((f) => f.run % 3 === 1)).toBe(true);
    const m = await fuzz("--merge", ...files, "--out", join(dir, "merged"));
    const merged = results(join(dir, "merged", "fuzz-results-merged.json"));
    expect(merged.properties.map((p) => p.done)).toEqual([30, 30]);
    expect(merged.properties[0]!.failures.map((f) => [f.run, f.seed])).toEqual(full.properties[0]!.failures.map((f) => [f.run, f.seed]));
    expect(m.code).toBe(1);
    const partial = await fuzz("--merge", files[0]!, files[2]!);
    expect(partial.out).toContain("incomplete: shard 1/3 missing");
    const twice = await fuzz("--merge", files[0]!, files[0]!);
    expect([twice.code, twice.err]).toEqual([2, expect.stringContaining("shard 0/3 appears twice")]);
  });

  it("runs a scenario's properties and stops at a time budget", async () => {
    const r = await fuzz("scenarios/properties/counter-fixed.yml", "--runs", "5", "--out", join(dir, "scenario"));
    expect([r.code, r.out]).toEqual([0, expect.stringContaining("✓ idempotence LedgerCountViewJob (scenarios/properties/counter-fixed.yml): 5 runs passed")]);
    const b = await fuzz(module, "--runs", "1000", "--time-budget", "0s", "--out", join(dir, "budget"));
    expect(b.out).toContain("0 runs of 1000 (time budget)");
  });

  it("groups identical failing runs with a count, and shows each distinct failure once", async () => {
    const r = await fuzz("test/property/fixtures/constant-failure.ts", "--runs", "20", "--seed", "4", "--out", join(dir, "groups"));
    expect(r.code).toBe(1);
    const always = r.out.slice(r.out.indexOf("✗ always_fails"), r.out.indexOf("✗ two_ways"));
    expect(always).toMatch(/^✗ always_fails \(test\/property\/fixtures\/constant-failure.ts\): 20 runs, failed\n {4}property always_fails failed on run 0 /);
    expect(always.match(/failed on run/g)).toHaveLength(1);
    expect(always).toContain("    (the same failure on 20 runs: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... 10 more)\n");
    const two = r.out.slice(r.out.indexOf("✗ two_ways"));
    expect(two).toMatch(/^✗ two_ways \(test\/property\/fixtures\/constant-failure.ts\): 20 runs, failed \(20 failing runs, 2 distinct failures\)\n/);
    expect(two.match(/failed on run/g)).toHaveLength(2);
    expect(two.match(/\(the same failure on (\d+) runs/g)?.map((m) => Number(/\d+/.exec(m)![0])).reduce((a, b) => a + b)).toBe(20);
  });

  it("rejects bad input with exit 2", async () => {
    expect((await fuzz()).code).toBe(2);
    expect((await fuzz(module, "--shard", "2/2")).err).toContain("need 0 <= i < n");
    expect((await fuzz(module, "--runs", "x")).err).toContain("--runs wants a whole number");
    expect((await fuzz("scenarios/welcome-email.yml")).err).toContain("has no properties: to fuzz");
    expect((await fuzz("--merge", join(dir, "nope.json"))).err).toContain("no such file");
  });

  it("draws a progress line", () => {
    expect(progressLine({ label: "idempotence", done: 5, planned: 10, failures: 1, elapsedMs: 2000 }, 10)).toBe("idempotence [#####.....] 5/10  1 failing  2.0s  3 runs/s");
  });
});
