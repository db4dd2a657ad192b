import fc from "fast-check";
import { runCampaign } from "../src/property/campaign.js";
import { concurrencyLimits } from "../src/property/properties/concurrency-limits.js";
import { noJobLost } from "../src/property/properties/no-job-lost.js";
import { queuePriorities } from "../src/property/properties/queue-priorities.js";
import { LimitedProbeJob, ProbeJob } from "../src/property/probe-jobs.js";
import { singleWorker } from "../src/property/arbitraries/queue-config.js";
import { runWorld } from "../src/property/world.js";
import { measure, report } from "./harness.js";

// Property runs per second on a 50-job workload with one 3-thread worker: the bare world runs
// (generation plus simulation, no checks) as the baseline, then the built-in properties, which
// add their checks, shrinking-ready generation, and (for the last) a second run per case.

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const JOBS = 50;
const shape = { config: singleWorker(3), minJobs: JOBS, maxJobs: JOBS, window: 5000 };

const priorities = queuePriorities({ ...shape, pauses: false });
const lost = noJobLost({ ...shape });
const limits = concurrencyLimits({ ...shape, crashes: false });

const cases = fc.sample(priorities.arbitrary, { numRuns: RUNS, seed: 1 });
const base = { jobs: [ProbeJob, LimitedProbeJob] };
// Warm up (JIT, sql.js) so the first row is not charged for it.
for (const c of cases.slice(0, 20)) await runWorld(base, c);
const rows = [
  await measure("world runs (no checks)", RUNS, "runs", async () => {
    for (const c of cases) await runWorld(base, c);
  }),
  await measure("queue_priorities", RUNS, "runs", async () => void (await runCampaign(priorities, { runs: RUNS, seed: 1, reportsDir: null }))),
  await measure("concurrency_limits", RUNS, "runs", async () => void (await runCampaign(limits, { runs: RUNS, seed: 1, reportsDir: null }))),
  await measure("no_job_lost (crashes, BUGGIFY)", RUNS, "runs", async () => void (await runCampaign(lost, { runs: RUNS, seed: 1, reportsDir: null }))),
  await measure("queue_priorities, determinism x2", RUNS, "runs", async () => void (await runCampaign(priorities, { runs: RUNS, seed: 1, reportsDir: null, checkDeterminism: true }))),
];
report(`properties: ${JOBS}-job workload, one worker with 3 threads, ${RUNS} runs each`, rows, rows[0]);
