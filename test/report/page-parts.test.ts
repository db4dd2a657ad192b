import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packed, unpacked } from "../../src/report/columns.js";
import { compareRuns } from "../../src/report/compare-runs.js";
import { displayArgs } from "../../src/report/display-args.js";
import { executionTable } from "../../src/report/executions.js";
import { failureEvidence } from "../../src/report/failure-evidence.js";
import { executionWaits, groupOfJob, JOB_OUTCOMES, jobGroups } from "../../src/report/job-groups.js";
import { loadSeries, percentile } from "../../src/report/latency-series.js";
import { processLabels } from "../../src/report/process-labels.js";
import { queueDepth } from "../../src/report/queue-depth.js";
import { readTraceFile, writeTraceFile } from "../../src/report/trace-file.js";
import { serializeTrace } from "../../src/sim/trace.js";
import { job, TraceBuilder } from "./build-trace.js";
import { syntheticResult } from "./synthetic.js";
import { tempDir } from "../helpers/temp.js";

// The parts the page is built from, each checked on hand-made traces with known answers.

/** Job 1 (aj-a) fails once and is retried as row 2, which succeeds; job 3 (aj-b) waits 4 s and fails. */
function retried(): TraceBuilder {
  const w = { process: "w", thread: 0 };
  return new TraceBuilder()
    .add(0, "enqueued", job(1, "aj-a", "Pay", "default"))
    .add(0, "enqueued", { ...job(3, "aj-b", "Mail", "mailers"), data: { scheduledAt: 1000 } })
    .add(100, "started", { ...job(1, "aj-a", "Pay", "default"), ...w })
    .add(200, "retried", { ...job(1, "aj-a", "Pay", "default"), data: { wait: 3, error: "Timeout: slow" } })
    .add(200, "enqueued", { ...job(2, "aj-a", "Pay", "default"), data: { scheduledAt: 3200 } })
    .add(200, "succeeded", { ...job(1, "aj-a", "Pay", "default"), ...w })
    .add(3300, "started", { ...job(2, "aj-a", "Pay", "default"), ...w })
    .add(3400, "succeeded", { ...job(2, "aj-a", "Pay", "default"), ...w })
    .add(5000, "started", { ...job(3, "aj-b", "Mail", "mailers"), ...w })
    .add(5600, "failed", { ...job(3, "aj-b", "Mail", "mailers"), ...w, data: { error: "SMTPError", message: "550 no such user" } });
}

describe("report parts", () => {
  it("groups job rows into Active Jobs with due times, waits and outcomes", () => {
    const trace = retried().events;
    const execs = executionTable(trace);
    const jg = jobGroups(trace, execs, [
      { id: 2, className: "Pay", queue: "default", priority: 0, activeJobId: "aj-a", status: "finished", args: [{ amount: 5, _aj_symbol_keys: ["amount"] }] },
      { id: 3, className: "Mail", queue: "mailers", priority: 0, activeJobId: "aj-b", status: "failed", args: [] },
    ]);
    const g = jg.groups;
    expect(g.length).toBe(2);
    expect([0, 1].map((i) => [g.firstId[i], g.className[i], g.enqueued[i], g.due[i], JOB_OUTCOMES[g.outcome[i]!]])).toEqual([
      [1, "Pay", 0, 0, "succeeded"],
      [3, "Mail", 0, 1000, "failed"],
    ]);
    expect(g.more).toEqual([0, 2]); // row 2 is aj-a's retry
    expect([1, 2, 3, 4].map((id) => groupOfJob(g, id))).toEqual([0, 0, 1, -1]);
    expect([...jg.execGroup]).toEqual([0, 0, 1]);
    expect(executionWaits(execs, jg.dueOf)).toEqual([100, 100, 4000]);
    expect(displayArgs(g.args[0], 100)).toBe('{"amount":5}');
  });

  it("shows arguments as written: markers dropped, records as their GlobalID, serialized values as values", () => {
    expect(displayArgs(["a", { _aj_globalid: "gid://app/User/7" }, { value: "2026-03-02T09:00:00.000000000Z", _aj_serialized: "ActiveJob::Serializers::TimeSerializer" }, { k: { _aj_ruby2_keywords: [], x: 1 } }], 500)).toBe(
      '"a", "gid://app/User/7", "2026-03-02T09:00:00.000000000Z", {"k":{"x":1}}',
    );
    expect(displayArgs(["x".repeat(50)], 10)).toBe(`"${"x".repeat(9)}…`);
  });

  it("names processes as the scenario selects them, replacements marked", () => {
    const labels = processLabels([
      { name: "supervisor-1", kind: "Supervisor(fork)" },
      { name: "dispatcher-1", kind: "Dispatcher" },
      { name: "worker-a", kind: "Worker" },
      { name: "worker-b", kind: "Worker" },
      { name: "worker-c", kind: "Worker", label: "worker:1" }, // started after worker-b died
      { name: "odd", kind: "Thing" },
    ]);
    expect([...labels.values()]).toEqual(["supervisor:0", "dispatcher:0", "worker:0", "worker:1", "worker:1 (2nd)", "odd"]);
  });

  it("explains a failed latency bound with the longest waits, any other failure with the attempts that went wrong", () => {
    const trace = retried().events;
    const execs = executionTable(trace);
    const jg = jobGroups(trace, execs, []);
    const waits = executionWaits(execs, jg.dueOf);
    expect(failureEvidence({ name: "l", passed: false, focus: { latency: [{ stat: "max", op: "<", ms: 1000 }] } }, execs, waits, jg)).toEqual([2, 0, 1]);
    expect(failureEvidence({ name: "l", passed: false, focus: { queue: "default", latency: [] } }, execs, waits, jg)).toEqual([0, 1]);
    expect(failureEvidence({ name: "j", passed: false, focus: { jobClass: "Pay" } }, execs, waits, jg)).toEqual([0]); // the retried attempt
    expect(failureEvidence({ name: "x", passed: false }, execs, waits, jg)).toEqual([2, 0]); // failed first
    expect(failureEvidence({ name: "ok", passed: true }, execs, waits, jg)).toEqual([]);
    expect(execs.get(2).note).toBe("SMTPError: 550 no such user");
  });

  it("buckets waits per queue with nearest-rank percentiles, depth and busy threads", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    const trace = retried().events;
    const execs = executionTable(trace);
    const waits = executionWaits(execs, jobGroups(trace, execs, []).dueOf);
    const load = loadSeries(execs, waits, queueDepth(trace), [0, 6100]);
    expect(load.bucketMs).toBe(100);
    const def = load.queues.find((q) => q.queue === "default")!;
    expect(def.total).toEqual({ n: 2, p50: 100, p95: 100, p99: 100, max: 100 });
    expect(def.p95[1]).toBe(100); // started at 100 ms
    expect(def.p95[33]).toBe(100); // started at 3300 ms
    expect(def.p95[2]).toBe(-1);
    const busy = load.busy[0]!;
    expect(busy.avg[1]).toBe(1); // 100-200 ms busy
    expect(busy.avg[50]).toBe(1);
    expect(busy.avg[57]).toBe(0);
  });

  it("packs runs of equal values and gives them back", () => {
    const run = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    expect(packed(run)).toEqual({ rle: [0, 6, 1, 6] });
    expect(unpacked(packed(run))).toEqual(run);
    const varied = [1, 2, 3, 4, 5];
    expect(packed(varied)).toEqual(varied);
  });

  it("reads a trace file back as it was written, and compares two runs on time since their start", () => {
    const r = syntheticResult({ jobs: 40 });
    const dir = tempDir("trace-read");
    try {
      const path = join(dir, "a.trace.json");
      writeTraceFile(path, r.trace);
      const back = readTraceFile(path);
      expect(serializeTrace(back)).toBe(readFileSync(path, "utf8"));
      const other = syntheticResult({ jobs: 60, seed: 9 });
      const c = compareRuns("s", { label: "this run", trace: r.trace }, { label: "b", trace: other.trace });
      expect(c.a.executions).toBe(r.trace.filter((e) => e.type === "started").length);
      expect(c.b.executions).toBe(other.trace.filter((e) => e.type === "started").length);
      expect(c.a.queues.map((q) => q.queue)).toEqual(["default", "mailers", "payments"]);
      expect(c.a.queues[0]!.p95).toHaveLength(c.buckets);
      expect(() => readTraceFile(join(dir, "nope.json"))).toThrow(/ENOENT/);
      writeTraceFile(join(dir, "bad.json"), []);
      expect(readTraceFile(join(dir, "bad.json"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
