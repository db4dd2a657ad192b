import type { TraceEvent, TraceFields, TraceType } from "../../src/sim/trace.js";
import type { ScenarioResult } from "../../src/report/types.js";

// Hand-written traces for unit tests: events get seq in the order they are added.

export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  add(t: number, type: TraceType, fields: TraceFields = {}): this {
    this.events.push({ t, seq: this.events.length, type, ...fields });
    return this;
  }
}

export function job(id: number, activeJobId: string, jobClass = "ChargeJob", queue = "default"): TraceFields {
  return { jobId: id, activeJobId, jobClass, queue, priority: 0 };
}

export function result(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name: "a scenario",
    file: "scenarios/a.yml",
    seed: 1,
    start: Date.UTC(2025, 0, 1),
    timeZone: "UTC",
    passed: true,
    expectations: [],
    trace: [],
    processes: [],
    jobs: [],
    wallMs: 5,
    ...overrides,
  };
}
