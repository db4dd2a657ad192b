// Active Job's Enqueuing concern (active-job.md §3): set, enqueue with its callback chain around
// the adapter call, perform_later's configured-job proxy, and enqueue_after_transaction_commit.
import { mergeChains, runChain } from "./callbacks.js";
import { collected, nearest } from "./class-settings.js";
import { durationMs } from "./duration.js";
import type { Job } from "./job.js";
import { aDuration, anInstant, aQueueName, integerLike, nullable, readOptions } from "./options.js";
import { queueNameFromPart } from "./queue-name.js";
import { checkedPriority } from "./queue-priority.js";

export type Args<J> = J extends { perform(...args: infer A): unknown } ? A : never;

/** Job.set / enqueue options (Active Job's set); null or absent leaves the job's value alone. */
export interface SetOptions {
  /** Seconds or a duration string, from the moment of enqueue. */
  wait?: number | string | null;
  /** An instant (Date or epoch ms); wins over wait. Rails' spelling `wait_until` is read too. */
  waitUntil?: Date | number | null;
  /** Prefixed with queueNamePrefix like queueAs; Symbol.for("low") stands for Ruby's :low. */
  queue?: string | symbol | null;
  /** Cut to an integer, as Ruby's to_i ("7" is 7); a non-integer string is an ArgumentError. */
  priority?: number | string | null;
}

export const SET_OPTIONS = {
  method: "set",
  keys: { wait: nullable(aDuration(true)), waitUntil: nullable(anInstant), queue: nullable(aQueueName), priority: nullable(integerLike) },
  aliases: { wait_until: "waitUntil" },
};

/** The options checked (unknown keys and wrong types are ArgumentErrors) and aliases folded in. */
export function readSetOptions(options: unknown): SetOptions {
  return readOptions<SetOptions>(SET_OPTIONS, options);
}

/** Applies set() options to a job (at enqueue time), in Rails' order: wait, wait_until, queue, priority. */
export function applySet(job: Job, given: unknown): void {
  const options = readSetOptions(given);
  // A negative wait is allowed, as in Rails: the job is due at once.
  if (options.wait != null) job.scheduledAt = job.env.now() + durationMs(options.wait, "wait", { allowNegative: true });
  // Applied after wait, so it wins when both are given.
  if (options.waitUntil != null) job.scheduledAt = options.waitUntil instanceof Date ? options.waitUntil.getTime() : options.waitUntil;
  if (options.queue != null) job.queueName = queueNameFromPart(job.constructor as typeof Job, options.queue);
  if (options.priority != null) job.priority = checkedPriority("set", options.priority);
}

/**
 * Job#enqueue (active-job.md §3.3, §3.6): the options first, then the enqueue chain around the
 * adapter call. With enqueueAfterTransactionCommit and a transaction open, the whole step (chain
 * and adapter) waits for the commit, and is dropped on rollback; the job reads as enqueued meanwhile.
 */
export async function enqueue<J extends Job>(job: J, options: unknown): Promise<J | false> {
  job.set(options as SetOptions);
  job.successfullyEnqueued = false;
  job.enqueueError = null;
  const tx = job.env.transactions;
  if (enqueuesAfterCommit(job.constructor) && tx?.inside === true) {
    job.successfullyEnqueued = true;
    await tx.afterCommit(() => {
      job.successfullyEnqueued = false;
      return rawEnqueue(job);
    });
    return job;
  }
  await rawEnqueue(job);
  return job.successfullyEnqueued ? job : false;
}

export function enqueuesAfterCommit(cls: object): boolean {
  return nearest(cls, "enqueueAfterTransactionCommit") ?? false;
}

async function rawEnqueue(job: Job): Promise<void> {
  const start = job.env.now();
  const chain = mergeChains(collected(job.constructor, "enqueueCallbacks"));
  const result = await runChain(job, chain, () => adapterEnqueue(job));
  if (result.halted) job.env.notify("enqueue_aborted", job);
  // The end of the instrumented enqueue block (active-job.md §5.8).
  job.env.notify("enqueue_finished", job, { start, ...(result.halted ? { aborted: true } : {}) });
}

/** The adapter call; an EnqueueError is kept on the job (not a halt), anything else propagates. */
export async function adapterEnqueue(job: Job): Promise<void> {
  try {
    if (job.scheduledAt !== null) await job.env.enqueueAt(job, job.scheduledAt / 1000);
    else await job.env.enqueue(job);
    job.successfullyEnqueued = true;
  } catch (e) {
    if ((e as Error)?.name === "EnqueueError") job.enqueueError = e as Error;
    else throw e;
  }
}

// perform_later(job) / perform_now(job): an instance of the class given first is used as is.
export function jobOrInstantiate<J extends Job>(cls: new (...a: any[]) => J, args: readonly unknown[]): J {
  return args[0] instanceof cls ? args[0] : new cls(...args);
}

/** What Job.set returns: options applied when the job is enqueued or performed. */
export class ConfiguredJob<J extends Job> {
  private readonly options: SetOptions;

  constructor(
    private readonly cls: new (...a: any[]) => J,
    options: SetOptions,
  ) {
    // Checked now, so a misspelt key fails where it was written; applied at enqueue time.
    this.options = readSetOptions(options);
  }

  performLater(...args: Args<J>): Promise<J | false> {
    return new this.cls(...args).enqueue(this.options);
  }

  async performNow(...args: Args<J>): Promise<unknown> {
    return new this.cls(...args).set(this.options).performNow();
  }
}
