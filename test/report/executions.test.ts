import { describe, expect, it } from "vitest";
import { deriveExecutions } from "../../src/report/executions.js";
import { job, TraceBuilder } from "./build-trace.js";

const W = { process: "worker-a", thread: 0 };
const W1 = { process: "worker-a", thread: 1 };

describe("executions from the trace", () => {
  it("links retries: new rows with the same activeJobId, each execution its own outcome", () => {
    const b = new TraceBuilder()
      .add(0, "ready", job(1, "aj-1"))
      .add(0, "claimed", { ...job(1, "aj-1"), process: "worker-a" })
      .add(0, "started", { ...job(1, "aj-1"), ...W })
      .add(500, "retried", { ...job(1, "aj-1"), data: { wait: 3, error: "Timeout: slow" } })
      .add(500, "enqueued", job(2, "aj-1"))
      .add(500, "succeeded", { ...job(1, "aj-1"), ...W })
      .add(3500, "started", { ...job(2, "aj-1"), ...W1 })
      .add(3900, "succeeded", { ...job(2, "aj-1"), ...W1 });
    const x = deriveExecutions(b.events);
    expect(x.map((e) => [e.jobId, e.activeJobId, e.outcome, e.start, e.end, e.thread])).toEqual([
      [1, "aj-1", "retried", 0, 500, 0],
      [2, "aj-1", "succeeded", 3500, 3900, 1],
    ]);
    expect(x[0]!.note).toBe("retry in 3s after Timeout: slow");
  });

  it("tells discarded, failed, killed, lost and still running apart", () => {
    const b = new TraceBuilder()
      .add(0, "process_started", { process: "worker-a" })
      .add(0, "started", { ...job(1, "a"), ...W })
      .add(0, "started", { ...job(2, "b"), ...W1 })
      .add(10, "discarded", { ...job(1, "a"), data: { error: "DeserializationError" } })
      .add(10, "succeeded", { ...job(1, "a"), ...W })
      .add(20, "failed", { ...job(2, "b"), ...W1, data: { error: "ArgumentError", message: "bad" } })
      .add(30, "started", { ...job(3, "c"), ...W })
      .add(40, "process_died", { process: "worker-a", data: { signal: "KILL" } })
      .add(90, "failed", { ...job(3, "c"), process: "supervisor-z", data: { error: "ProcessExitError" } })
      .add(100, "started", { ...job(4, "d"), process: "worker-b", thread: 0 })
      .add(110, "released", { ...job(4, "d"), data: { reason: "shutdown" } })
      .add(150, "lost_result", { ...job(4, "d"), process: "worker-b", thread: 0, data: { outcome: "succeeded" } })
      .add(160, "started", { ...job(5, "e"), process: "worker-b", thread: 1 })
      .add(200, "log", { data: { message: "end" } });
    const x = deriveExecutions(b.events);
    expect(x.map((e) => [e.jobId, e.outcome, e.end])).toEqual([
      [1, "discarded", 10],
      [2, "failed", 20],
      [3, "killed", 40],
      [4, "lost", 150],
      [5, "running", 200],
    ]);
    expect(x[1]!.note).toBe("ArgumentError: bad");
    expect(x[2]!.note).toBe("process died (signal KILL); then failed: ProcessExitError");
    expect(x[3]!.note).toContain("released");
  });

  it("matches an end to the execution on its own thread when a released job runs twice", () => {
    const b = new TraceBuilder()
      .add(0, "started", { ...job(7, "g"), ...W })
      .add(5, "released", { ...job(7, "g"), data: { reason: "shutdown" } })
      .add(6, "started", { ...job(7, "g"), process: "worker-b", thread: 0 })
      .add(8, "lost_result", { ...job(7, "g"), ...W, data: { outcome: "succeeded" } })
      .add(9, "succeeded", { ...job(7, "g"), process: "worker-b", thread: 0 });
    const x = deriveExecutions(b.events);
    expect(x.map((e) => [e.process, e.outcome, e.start, e.end])).toEqual([
      ["worker-a", "lost", 0, 8],
      ["worker-b", "succeeded", 6, 9],
    ]);
  });

  it("never gives a negative bar when the clock was skewed backwards", () => {
    const b = new TraceBuilder().add(1000, "started", { ...job(1, "a"), ...W }).add(400, "succeeded", { ...job(1, "a"), ...W });
    expect(deriveExecutions(b.events)[0]).toMatchObject({ start: 1000, end: 1000, outcome: "succeeded" });
  });
});
