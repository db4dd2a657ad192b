import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProbeJob, queuePriorities, runWorld } from "../../src/property/index.js";
import { checkClaimOrder } from "../../src/property/checks/claim-order.js";
import { checkConcurrency } from "../../src/property/checks/concurrency.js";
import { checkNoLoss } from "../../src/property/checks/no-loss.js";
import { firstDivergence } from "../../src/property/checks/trace-diff.js";
import type { WorldRun } from "../../src/property/world.js";
import type { JobView } from "../../src/sim/job-views.js";
import type { TraceEvent, TraceType } from "../../src/sim/trace.js";

// The checkers on hand-written traces: each rule, and each documented exception, in isolation.

type Ev = Omit<TraceEvent, "seq" | "t"> & { t?: number };

function runOf(events: Ev[], extra: Partial<WorldRun> = {}): WorldRun {
  return {
    c: {} as never,
    start: 0,
    events: events.map((e, seq) => ({ t: 0, ...e, seq })),
    traceJson: "",
    jobs: [],
    calls: [],
    deliveries: [],
    tables: {},
    workers: new Map([["w1", ["critical", "default"]]]),
    keys: new Map(),
    limits: new Map(),
    settled: true,
    choicesMade: [],
    ...extra,
  };
}

const ev = (type: TraceType, jobId: number | undefined, more: Partial<Ev> = {}): Ev => ({ type, ...(jobId !== undefined ? { jobId } : {}), ...more });
const view = (id: number, status: JobView["status"]): JobView => ({ id, status }) as JobView;

describe("claim order", () => {
  const ready = (id: number, queue: string, priority = 0) => ev("ready", id, { queue, priority });
  it("accepts the queue list's order, then priority, then age", () => {
    const run = runOf([ready(1, "default", 0), ready(2, "critical", 5), ready(3, "default", -1), ev("claimed", 2, { process: "w1" }), ev("claimed", 3, { process: "w1" }), ev("claimed", 1, { process: "w1" })]);
    expect(checkClaimOrder(run)).toEqual([]);
  });
  it("names a claim from a later queue while an earlier one has a ready job", () => {
    const run = runOf([ready(1, "default"), ready(2, "critical"), ev("claimed", 1, { process: "w1" })]);
    expect(checkClaimOrder(run)[0]).toMatch(/w1 claimed job 1 \(default, priority 0\).*while job 2 \(critical, priority 0\) was ready and queue critical comes before default/);
  });
  it("names a lower priority and a younger job taken first", () => {
    expect(checkClaimOrder(runOf([ready(1, "default", 3), ready(2, "default", 1), ev("claimed", 1, { process: "w1" })]))[0]).toMatch(/priority 1 comes before 3/);
    expect(checkClaimOrder(runOf([ready(1, "default"), ready(2, "default"), ev("claimed", 2, { process: "w1" })]))[0]).toMatch(/job 1 is older/);
  });
  it("skips paused queues and rejects claims from them", () => {
    const paused = [ready(1, "critical"), ready(2, "default"), ev("paused", undefined, { queue: "critical" })];
    expect(checkClaimOrder(runOf([...paused, ev("claimed", 2, { process: "w1" })]))).toEqual([]);
    expect(checkClaimOrder(runOf([...paused, ev("claimed", 1, { process: "w1" })]))[0]).toMatch(/from a paused queue/);
    expect(checkClaimOrder(runOf([ready(1, "mailers"), ev("claimed", 1, { process: "w1" })]))[0]).toMatch(/a queue its list does not read/);
  });
});

describe("no job lost", () => {
  const life = (id: number): Ev[] => [ev("enqueued", id, { activeJobId: `a${id}` }), ev("ready", id), ev("claimed", id), ev("started", id, { process: "w1" })];
  it("accepts a rerun after the worker died and the job was retried", () => {
    const run = runOf([...life(1), ev("process_died", undefined, { process: "w1" }), ev("failed", 1), ev("failed_retry", 1), ev("ready", 1), ev("started", 1, { process: "w2" }), ev("succeeded", 1)], { jobs: [view(1, "finished")] });
    expect(checkNoLoss(run)).toEqual([]);
  });
  it("names a job that ran twice without a crash, a release without a stopped process, a vanished row", () => {
    expect(checkNoLoss(runOf([...life(1), ev("started", 1, { process: "w1" }), ev("succeeded", 1)], { jobs: [view(1, "finished")] }))[0]).toMatch(/ran twice .* without a crash, release or retry/);
    expect(checkNoLoss(runOf([...life(1), ev("released", 1), ev("started", 1), ev("succeeded", 1)], { jobs: [view(1, "finished")] }))[0]).toMatch(/released .* while no process had stopped or died/);
    expect(checkNoLoss(runOf([...life(1), ev("succeeded", 2)], { jobs: [] }))[0]).toMatch(/job 1 .* row vanished/);
  });
  it("names a lost retry and a state that disagrees with the trace", () => {
    const retried = runOf([...life(1), ev("retried", 1, { activeJobId: "a1" }), ev("succeeded", 1)], { jobs: [view(1, "finished")] });
    expect(checkNoLoss(retried)[0]).toMatch(/retried 1 times but has only 1 rows/);
    expect(checkNoLoss(runOf([...life(1), ev("succeeded", 1)], { jobs: [view(1, "failed")] }))[0]).toMatch(/has a failed execution but its last outcome in the trace is succeeded/);
  });
});

describe("concurrency limits", () => {
  const limited = { keys: new Map([[1, "k"], [2, "k"], [3, "k"]]), limits: new Map([["L", { to: 1, durationMs: 60_000 }]]) };
  const start = (id: number, t: number, process = "w1"): Ev => ev("started", id, { jobClass: "L", process, t });
  it("names two holders of a key limited to one", () => {
    const run = runOf([ev("ready", 1), ev("ready", 2), start(1, 0), start(2, 0)], limited);
    expect(checkConcurrency(run)[0]).toMatch(/2 executions of concurrency key "k" ran at once .* limit 1/);
  });
  it("does not count a holder whose period has passed, a released one, or one whose process died", () => {
    expect(checkConcurrency(runOf([ev("ready", 1, { t: 0 }), start(1, 0), ev("ready", 2, { t: 61_000 }), start(2, 61_000)], limited))).toEqual([]);
    expect(checkConcurrency(runOf([ev("ready", 1), start(1, 0), ev("released", 1), ev("ready", 1), start(1, 5)], limited))).toEqual([]);
    expect(checkConcurrency(runOf([ev("ready", 1), start(1, 0, "w1"), ev("process_died", undefined, { process: "w1" }), ev("ready", 2), start(2, 5, "w2")], limited))).toEqual([]);
  });
});

describe("trace divergence", () => {
  it("names the first differing event by seq, with both versions", () => {
    const a = '[\n{"t":1,"seq":0,"type":"enqueued"},\n{"t":1,"seq":1,"type":"ready"}\n]\n';
    const b = '[\n{"t":1,"seq":0,"type":"enqueued"},\n{"t":2,"seq":1,"type":"ready"}\n]\n';
    expect(firstDivergence([a], [b])).toEqual({ simulation: 0, seq: 1, first: '{"t":1,"seq":1,"type":"ready"}', second: '{"t":2,"seq":1,"type":"ready"}' });
    expect(firstDivergence([a], [a])).toBeNull();
  });
});

describe("the checks are not vacuous on real runs", () => {
  it("claim order flags real runs once the workers' lists are reversed", async () => {
    let flagged = 0;
    for (const c of fc.sample(queuePriorities().arbitrary, { numRuns: 80, seed: 1 })) {
      const run = await runWorld({ jobs: [ProbeJob] }, c);
      expect(checkClaimOrder(run)).toEqual([]);
      for (const [k, v] of run.workers) run.workers.set(k, [...v].reverse());
      if (checkClaimOrder(run).length > 0) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
  });
});
