import type { TraceEvents } from "../sim/trace.js";

// What the scenario runner hands to the reports: one result per scenario run.

export interface ExpectationResult {
  name: string;
  passed: boolean;
  message?: string;
  /** What was measured, pass or fail ("p95 4.1s (< 5s) over 120 executions on critical"). */
  measured?: string;
  /** What the expectation is about, so the page can link the executions that explain it. */
  focus?: ExpectationFocus;
  /** Nothing was checked (a properties-only file under `jobsim run`): JUnit's <skipped>, never a pass. */
  skipped?: boolean;
}

export interface ExpectationFocus {
  queue?: string;
  jobClass?: string;
  jobId?: number;
  /** Failed jobs are the subject (no_failed_jobs). */
  failed?: boolean;
  /** Latency bounds in ms (`p95 < 5s` is { stat: "p95", op: "<", ms: 5000 }). */
  latency?: { stat: string; op: string; ms: number }[];
}

export interface ProcessInfo {
  name: string;
  kind: string;
  supervisor?: string;
  /** The scenario's selector for it when it started (`worker:0`, `dispatcher:0`). */
  label?: string;
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
  trace: TraceEvents;
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
