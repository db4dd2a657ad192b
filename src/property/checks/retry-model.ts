import { collected } from "../../job/class-settings.js";
import { findHandler, type HandledJob, type Handler } from "../../job/handlers.js";
import type { AnyJobClass } from "../../job/registry.js";

// What Active Job says a failure script leads to (active-job.md §5.2-5.7), read from the job
// class's own declarations: each scripted error goes to the handler Active Job would pick
// (last declared first, by class, then by cause); a retry_on handler is asked, through a stand-in
// job, which delay it schedules (with the jitter draw at both ends of its range) and when it
// gives up. The engine's run is then compared with this list.

export type AttemptOutcome = "succeeded" | "retried" | "discarded" | "rescued" | "failed" | "exhausted";

export interface ExpectedAttempt {
  /** The error this attempt throws (null: it succeeds). */
  error: string | null;
  outcome: AttemptOutcome;
  /** For a retry: the delay range in seconds [no jitter, most jitter]. */
  delay?: [number, number];
  /** For a retry: the queue / priority retry_on moves the job to, if any. */
  queue?: string;
  priority?: number;
}

export interface RetryModel {
  attempts: ExpectedAttempt[];
  /** The last row's state; "either" when a callback's effect could not be foreseen. */
  final: "finished" | "failed" | "either";
}

interface Probe {
  wait?: number;
  queue?: string | null;
  priority?: number | null;
  counters: Record<string, number>;
  threw?: unknown;
}

export async function retryModel(cls: AnyJobClass, script: readonly (string | null)[], errorFor: (name: string) => Error): Promise<RetryModel> {
  const handlers = collected(cls, "handlers").flat() as Handler[];
  let counters: Record<string, number> = {};
  const attempts: ExpectedAttempt[] = [];
  for (let i = 0; ; i++) {
    const name = i < script.length ? script[i]! : null;
    if (name === null) {
      attempts.push({ error: null, outcome: "succeeded" });
      return { attempts, final: "finished" };
    }
    const error = errorFor(name);
    const found = findHandler(handlers, error);
    if (found === undefined) {
      attempts.push({ error: name, outcome: "failed" });
      return { attempts, final: "failed" };
    }
    const low = await probe(found.handler, found.error, counters, i + 1, 0);
    if (found.handler.kind === "retry" && low.wait !== undefined) {
      const high = await probe(found.handler, found.error, counters, i + 1, 1 - 2 ** -40);
      counters = low.counters;
      const a: ExpectedAttempt = { error: name, outcome: "retried", delay: [low.wait, Math.max(low.wait, high.wait ?? low.wait)] };
      if (low.queue != null) a.queue = low.queue;
      if (low.priority != null) a.priority = low.priority;
      attempts.push(a);
      continue;
    }
    const outcome: AttemptOutcome = found.handler.kind === "retry" ? "exhausted" : found.handler.kind === "discard" ? "discarded" : "rescued";
    attempts.push({ error: name, outcome });
    // The handler rethrowing the very error is Active Job's "give up": the row fails. Anything
    // else thrown came from a user callback that met the stand-in job: it may go either way.
    if (low.threw === undefined) return { attempts, final: "finished" };
    return { attempts, final: low.threw === found.error ? "failed" : "either" };
  }
}

async function probe(handler: Handler, error: unknown, counters: Record<string, number>, executions: number, draw: number): Promise<Probe> {
  const seen: Probe = { counters: { ...counters } };
  const job: HandledJob = {
    get exceptionExecutions() {
      return seen.counters;
    },
    set exceptionExecutions(v) {
      seen.counters = v;
    },
    executions,
    async retryJob(o) {
      seen.wait = o.wait ?? 0;
      seen.queue = o.queue ?? null;
      seen.priority = o.priority ?? null;
      return undefined;
    },
    async runAfterDiscard() {},
    notice() {},
    jitterDefault: () => 0,
    random: () => draw,
    report() {},
    get self() {
      return job;
    },
  };
  try {
    await handler.handle(job, error);
  } catch (e) {
    seen.threw = e;
  }
  return seen;
}
