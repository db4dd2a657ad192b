import type { JobEntry } from "./entry.js";
import { requireTestAdapter, requireWorld } from "./world.js";

// enqueued_jobs / performed_jobs and their clear_* helpers. In test adapter mode the lists are
// the adapter's own arrays; in simulation mode, the recorder's view (rows enqueued, executions
// started), which only the simulation itself changes.

export function enqueuedJobs(): readonly JobEntry[] {
  return requireWorld("enqueuedJobs").enqueuedJobs();
}

export function performedJobs(): readonly JobEntry[] {
  return requireWorld("performedJobs").performedJobs();
}

export function clearEnqueuedJobs(): void {
  requireTestAdapter("clearEnqueuedJobs").adapter.enqueuedJobs.length = 0;
}

export function clearPerformedJobs(): void {
  requireTestAdapter("clearPerformedJobs").adapter.performedJobs.length = 0;
}
