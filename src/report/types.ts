import type { TraceEvent } from "../sim/trace.js";

// What the scenario runner hands to the reports: one result per scenario run.

export interface ExpectationResult {
  name: string;
  passed: boolean;
  message?: string;
}

export interface ProcessInfo {
  name: string;
  kind: string;
  supervisor?: string;
}

export interface JobSummary {
  id: number;
  className: string;
  queue: string;
  priority: number;
  activeJobId: string;
  status: string;
  args: unknown[];
}

export interface ScenarioResult {
  name: string;
  file: string;
  description?: string;
  seed: number;
  start: number /* epoch ms */;
  timeZone: string;
  passed: boolean;
  /** bad input or a crash of the run itself (then expectations may be empty) */
  error?: string;
  expectations: ExpectationResult[];
  trace: TraceEvent[];
  processes: ProcessInfo[];
  jobs: JobSummary[];
  wallMs: number; // real time the run took (NOT part of deterministic outputs)
  /** Events the simulation did not keep (Trace `dropped`); the page says the trace is partial. */
  droppedEvents?: number;
}

export type ReportFormat = "json" | "junit" | "html";

export interface ReportOptions {
  dir: string;
  formats: ReportFormat[];
}
