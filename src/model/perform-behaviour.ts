// What a modelled job's perform does: its service calls, then its run time on the worker
// thread, then its failures, then its fan-out. Each execution draws from a stream of its own
// (seed + class + job id + execution number), so adding a job class, a failure or an enqueue
// to a model never shifts another execution's draws, and a job gets the same run time under
// every queue config of a what-if (common random numbers, so the comparison is fair).
import type { Job } from "../job/job.js";
import type { AnyJobClass } from "../job/registry.js";
import { fillArgs } from "./arg-template.js";
import type { ErrorClasses } from "./error-classes.js";
import { drawRunTime } from "./run-time.js";
import type { Behaviour } from "./types.js";

export interface BehaviourHost {
  errors: ErrorClasses;
  /** A job class by name (the model's own, or a TypeScript one the scenario loads). */
  jobClass(name: string): AnyJobClass;
}

/** The execution's own generator: job.env.stream when the world has one (a simulation does). */
export function executionStream(job: Job): () => number {
  const label = `model ${job.className} ${job.jobId} ${job.executions}`;
  return job.env.stream?.(label) ?? (() => job.env.random());
}

export async function performBehaviour(job: Job, b: Behaviour, host: BehaviourHost): Promise<void> {
  const next = executionStream(job);
  // Drawn first, so the failures' and enqueues' draws never change it.
  const seconds = b.run_time === undefined ? 0 : drawRunTime(b.run_time, next);
  for (const c of b.calls ?? []) {
    const args = fillArgs(c.args ?? [], job.arguments) as unknown[];
    await job.services[c.service]![c.method]!(...args);
  }
  if (seconds > 0) await job.sleep(seconds);
  for (const f of b.failures ?? []) {
    const fails = "probability" in f ? next() < f.probability : f.script[job.executions - 1] === true;
    if (fails) {
      const cls = host.errors.get(f.error);
      throw new cls(f.message ?? `${f.error} raised by ${job.className}'s modelled behaviour (execution ${job.executions})`);
    }
  }
  for (const e of b.enqueues ?? []) {
    const cls = host.jobClass(e.job);
    for (let i = 0; i < (e.count ?? 1); i++) {
      if (e.probability !== undefined && !(next() < e.probability)) continue;
      const args = fillArgs(e.args ?? [], job.arguments) as unknown[];
      await new cls(...args).enqueue({ wait: e.wait ?? null, queue: e.queue ?? null, priority: e.priority ?? null });
    }
  }
}
