import { describe, expect, it } from "vitest";
import { runScenarioFile } from "../../src/scenario/run.js";
import type { TraceEvents } from "../../src/sim/trace.js";

// The must-show of issue 16: a modelled retry storm. The gateway times out from 10:00 to 10:10;
// ProcessPaymentJob retries :polynomially_longer; the latency of the queues that share its
// worker before, during and after the outage, and of the queues that do not.

const at = (hhmm: string) => Date.parse(`2026-03-03T${hhmm}:00Z`);

function waits(trace: TraceEvents, queue: string, from: string, until: string): number[] {
  const due = new Map<number, number>();
  const out: number[] = [];
  for (const e of trace) {
    if (e.type === "enqueued" && e.jobId !== undefined) due.set(e.jobId, typeof e.data?.scheduledAt === "number" ? e.data.scheduledAt : e.t);
    if (e.type === "started" && e.queue === queue && e.t >= at(from) && e.t < at(until)) out.push(e.t - due.get(e.jobId!)!);
  }
  return out.sort((a, b) => a - b);
}

const p95 = (sorted: number[]) => sorted[Math.ceil(sorted.length * 0.95) - 1]!;

describe("scenarios/rails-app/scenarios/retry-storm.yml", async () => {
  const { result } = await runScenarioFile("scenarios/rails-app/scenarios/retry-storm.yml");
  const trace = result.trace;

  it("passes its own expectations (no job lost or failed for good)", () => {
    expect(result.expectations.filter((e) => !e.passed)).toEqual([]);
  });

  it("retries payments polynomially longer: the n-th retry waits n**4 + 2 s plus at most 15% jitter of n**4", () => {
    const count = new Map<string, number>();
    const seen = new Set<number>();
    for (const e of trace) {
      if (e.type !== "retried" || e.jobClass !== "ProcessPaymentJob") continue;
      const n = (count.get(e.activeJobId!) ?? 0) + 1;
      count.set(e.activeJobId!, n);
      const wait = e.data!.wait as number;
      expect(wait).toBeGreaterThanOrEqual(n ** 4 + 2);
      expect(wait).toBeLessThanOrEqual(n ** 4 * 1.15 + 2);
      expect(String(e.data!.error)).toContain("Stripe::APIConnectionError");
      seen.add(n);
    }
    // Attempts ran into the outage up to the 4th retry (258 s) at least.
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(4);
    // Retries only while the gateway was down (and the waves they set off).
    const retried = trace.filter((e) => e.type === "retried");
    expect(retried.every((e) => e.t >= at("10:00"))).toBe(true);
  });

  it("makes the critical worker's queues wait during and after the outage, and recovers", () => {
    const before = p95(waits(trace, "shop_critical", "09:45", "10:00"));
    const during = p95(waits(trace, "shop_critical", "10:00", "10:10"));
    const after = p95(waits(trace, "shop_critical", "10:10", "10:20"));
    expect(before).toBeLessThan(1000);
    expect(during).toBeGreaterThan(60_000);
    expect(after).toBeGreaterThan(60_000);
    // shop_default shares the worker, listed after shop_critical: starved behind the backlog.
    const defaultBefore = p95(waits(trace, "shop_default", "09:45", "10:00"));
    const defaultAfter = p95(waits(trace, "shop_default", "10:10", "10:20"));
    expect(defaultBefore).toBeLessThan(1000);
    expect(defaultAfter).toBeGreaterThan(60_000);
    // Once the retries are through, both are back to polling-interval waits.
    expect(p95(waits(trace, "shop_critical", "10:35", "10:45"))).toBeLessThan(1000);
    expect(p95(waits(trace, "shop_default", "10:35", "10:45"))).toBeLessThan(1000);
  });

  it("leaves the queues of other workers as they were", () => {
    for (const q of ["shop_fulfillment", "shop_mailers"]) {
      const all = waits(trace, q, "09:45", "11:00");
      expect(all.length).toBeGreaterThan(5);
      expect(p95(all)).toBeLessThan(2000);
    }
  });
});
