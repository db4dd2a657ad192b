// `npm run bench`: the whole story in one table. Each row runs in a child process of its own
// (bench/summary-rows.ts) so its peak RSS is its own; ratios compare rows of this same run.
// BENCH_REPEAT=3 runs each row three times and prints min-max (the machine is shared: noisy).
import { spawnSync } from "node:child_process";

interface Result {
  seconds: number;
  count: number;
  unit: string;
  peakRssMb: number;
}

const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
const BIG = Number(process.env.BENCH_BIG ?? 1_000_000);

function child(kind: string, n: number): Result[] {
  const out: Result[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bench/summary-rows.ts", kind, String(n)], { encoding: "utf8", maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`${kind} ${n} failed:\n${r.stderr}`);
    out.push(JSON.parse(r.stdout.trim().split("\n").pop()!) as Result);
  }
  return out;
}

const rate = (r: Result) => r.count / r.seconds;
const span = (xs: number[], f: (x: number) => string) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? f(lo) : `${f(lo)}-${f(hi)}`;
};
const int = (x: number) => Math.round(x).toLocaleString("en-US");
const lines: string[] = [];
function line(name: string, rs: Result[], extra = ""): void {
  const s = `  ${name.padEnd(36)} ${span(rs.map((r) => r.seconds), (x) => x.toFixed(2)).padStart(12)} s  ${span(rs.map(rate), int).padStart(17)} ${rs[0]!.unit}/s  peak RSS ${span(rs.map((r) => r.peakRssMb), int).padStart(9)} MB  ${extra}`;
  lines.push(s);
  console.log(s);
}
const ratio = (a: Result[], b: Result[]) => span(a.flatMap((x) => b.map((y) => rate(x) / rate(y))), (x) => x.toFixed(2));

console.log(`## summary (${REPEAT} run${REPEAT > 1 ? "s" : ""} per row, each row in its own process)`);
const engineAt = new Map<number, Result[]>();
for (const n of [10_000, 100_000, BIG]) {
  const bare = child("floor", n);
  const base = child("baseline", n);
  const eng = child("engine", n);
  engineAt.set(n, eng);
  line(`bare per-row floor, ${int(n)} jobs`, bare);
  line(`baseline (hand-written SQL), ${int(n)}`, base, `x${ratio(base, bare)} floor`);
  line(`jobsim engine, ${int(n)} jobs`, eng, `x${ratio(eng, bare)} floor, x${ratio(eng, base)} baseline`);
}
console.log(`  engine rate at ${int(BIG)} / at 100,000: x${ratio(engineAt.get(BIG)!, engineAt.get(100_000)!)}`);
const props = child("property-runs", 200);
line("property runs, 50 jobs, 3 threads", props);
const create = child("create", 200);
line("createSimulation after the first", create, `${span(create.map((r) => (r.seconds * 1000) / r.count), (x) => x.toFixed(2))} ms each`);
const reset = child("reset", 1000);
line("world reset (WorldTemplate.simulation)", reset, `${span(reset.map((r) => (r.seconds * 1000) / r.count), (x) => x.toFixed(2))} ms each, x${ratio(reset, create)} the rate of createSimulation`);
for (const n of [100_000, 400_000]) line(`long run, ${int(n)} jobs, not preserved, trace to a file`, child("long-run", n));
line("30 idle virtual days, seed queue.yml", child("idle-30-days", 0));
line("100k-job scenario replay", child("scenario-100k", 0));
