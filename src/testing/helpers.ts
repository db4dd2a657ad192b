// ActiveJob::TestHelper in jobsim: per-test worlds, perform_enqueued_jobs, the job lists, the
// assert_* helpers and the time helpers. Re-exports only; each lives in the file named after it.

export { useTestAdapter, useSimulation, startTestAdapter, recordSimulation, type TestAdapterHandle, type SimulationHandle } from "./lifecycle.js";
export { performEnqueuedJobs, type PerformOptions } from "./perform-enqueued.js";
export { enqueuedJobs, performedJobs, clearEnqueuedJobs, clearPerformedJobs } from "./job-lists.js";
export { assertEnqueuedJobs, assertNoEnqueuedJobs, assertPerformedJobs, assertNoPerformedJobs, type CountOptions } from "./assertions.js";
export { assertEnqueuedWith, assertPerformedWith, type JobWith, type DeserializedEntry } from "./assert-with.js";
export { travelTo, travel, travelBack, advance, type TravelOptions } from "./time-travel.js";
