import { baseline, engine, floor } from "./lifecycle-workloads.js";
import { measure, report } from "./harness.js";

// `npx tsx bench/run.ts lifecycle`: N no-op jobs through the whole lifecycle, in this process
// (the summary table, bench/summary.ts, measures each in its own child for peak RSS).

const N = Number(process.env.BENCH_JOBS ?? 100_000);
const bare = await measure("bare per-row floor", N, "jobs", () => floor(N));
const base = await measure("baseline (hand-written SQL)", N, "jobs", () => baseline(N));
const eng = await measure("engine (jobsim)", N, "jobs", () => engine(N));
report(`lifecycle: ${N.toLocaleString("en-US")} no-op jobs, enqueue -> dispatch -> claim -> perform -> finish`, [bare, base, eng], bare);
