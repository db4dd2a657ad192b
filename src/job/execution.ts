// Active Job's Execution concern: the perform_now pipeline (active-job.md §5.1).
import { deserializeArguments } from "./arguments.js";
import { mergeChains, runChain } from "./callbacks.js";
import { collected } from "./class-settings.js";
import { allHandlers, handledView } from "./exceptions.js";
import { findHandler } from "./handlers.js";
import type { Job } from "./job.js";

/**
 * executions += 1 first; then the stored arguments are read and the perform chain runs around
 * perform. The result: perform's value, false when a before callback halted, undefined when an
 * around never called its block, or the handled error when a handler took it. An error no
 * handler takes runs the after_discard procs and is raised again.
 */
export async function performNow(job: Job): Promise<unknown> {
  job.executions += 1;
  // The instrumented perform block (active-job.md §5.8): its end carries the start time, whether
  // a callback halted, and the error that escaped.
  const start = job.env.now();
  let aborted = false;
  let escaped: { error: unknown } | undefined;
  try {
    return await performInstrumented(job, () => {
      aborted = true;
    });
  } catch (e) {
    escaped = { error: e };
    throw e;
  } finally {
    job.env.notify("performed", job, { start, ...(aborted ? { aborted: true } : {}), ...(escaped !== undefined ? { exception: escaped.error } : {}) });
  }
}

async function performInstrumented(job: Job, halted: () => void): Promise<unknown> {
  job.env.notify("perform_started", job);
  try {
    if (job.serializedArguments !== null) {
      job.arguments = deserializeArguments(job.serializedArguments, job.env.deserializeContext());
      job.serializedArguments = null;
    }
    const chain = mergeChains(collected(job.constructor, "performCallbacks"));
    const result = await runChain(job, chain, async () => job.perform(...job.arguments));
    if (result.halted) {
      halted();
      job.env.notify("perform_aborted", job);
      return false;
    }
    return result.ran ? result.value : undefined;
  } catch (error) {
    const found = findHandler(allHandlers(job.constructor), error);
    if (found !== undefined) {
      await found.handler.handle(handledView(job), found.error);
      return found.error;
    }
    await job.runAfterDiscard(error);
    throw error;
  }
}
