import { failedJobIds } from "../store/failed-executions.js";
import { discardAllFailed, retryAllFailed } from "./operator.js";
import type { EngineRuntime } from "./runtime.js";

// The bulk operator calls in batches (solid-queue.md §2.8, §2.10), as Mission Control runs them:
// FailedExecution.discard_all_in_batches(batch_size: 500) takes up to batch_size failed
// executions ordered by job_id, deletes their jobs and rows in one transaction, and repeats until
// nothing is left; retrying all failed jobs runs FailedExecution.retry_all on batch_size jobs at
// a time (job_id order), one transaction each. Both return the total count.

export interface BatchOptions {
  /** Rows per transaction; Solid Queue's default is 500. */
  batchSize?: number;
}

export function discardFailedInBatches(rt: EngineRuntime, options: BatchOptions = {}): number {
  return inBatches(rt, options, "discardAllFailed", (ids) => discardAllFailed(rt, ids));
}

export function retryFailedInBatches(rt: EngineRuntime, options: BatchOptions = {}): number {
  return inBatches(rt, options, "retryAllFailed", (ids) => retryAllFailed(rt, ids));
}

function inBatches(rt: EngineRuntime, options: BatchOptions, method: string, batch: (ids: number[]) => number): number {
  const size = options.batchSize ?? 500;
  if (!Number.isInteger(size) || size < 1) throw new Error(`${method}: batchSize must be a positive integer, got ${String(options.batchSize)}`);
  // The executions present when the call starts; each batch is one transaction, in job_id order.
  const ids = failedJobIds(rt.store);
  let total = 0;
  for (let i = 0; i < ids.length; i += size) total += batch(ids.slice(i, i + size));
  return total;
}
