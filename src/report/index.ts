// Reports of scenario runs: deterministic JSON traces, JUnit XML, a self-contained HTML timeline.

export type { ExpectationResult, JobSummary, ProcessInfo, ReportFormat, ReportOptions, ScenarioResult } from "./types.js";
export { writeReports } from "./write-reports.js";
export { renderJunit } from "./junit.js";
export { renderHtml } from "./html-page.js";
export { slugify, traceFileName, uniqueSlugs } from "./slug.js";
export { deriveExecutions, OUTCOMES, type Execution, type Outcome } from "./executions.js";
export { queueDepth, type DepthSeries } from "./queue-depth.js";
export { buildPageScenario, DOM_BAR_LIMIT, type PageScenario } from "./page-model.js";
export { TRACE_ROW_LIMIT } from "./page-columns.js";
export { compareRuns, type RunComparison } from "./compare-runs.js";
export { readTraceFile } from "./trace-file.js";
export { processLabels } from "./process-labels.js";
