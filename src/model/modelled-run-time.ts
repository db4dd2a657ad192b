// A TypeScript job class that takes its run time from a model: its code runs as written, and
// the execution lasts the modelled time on its worker thread. The model's time is the whole
// execution's: what the code already spent (its own sleeps, service latencies) counts, the
// rest is slept after it, whether the code returned or raised.
import type { Job } from "../job/job.js";
import type { AnyJobClass } from "../job/registry.js";
import { executionStream } from "./perform-behaviour.js";
import { drawRunTime } from "./run-time.js";
import type { RunTime } from "./types.js";

/** A subclass under the same job class name, so rows written for the original run it. */
export function withModelledRunTime(cls: AnyJobClass, runTime: RunTime): AnyJobClass {
  const base = cls as unknown as new (...args: unknown[]) => Job;
  const timed = class extends base {
    override async perform(...args: unknown[]): Promise<unknown> {
      const seconds = drawRunTime(runTime, executionStream(this));
      const start = this.env.now();
      try {
        return await super.perform(...args);
      } finally {
        const left = seconds - (this.env.now() - start) / 1000;
        if (left > 0) await this.sleep(Math.round(left * 1000) / 1000);
      }
    }
  };
  Object.defineProperty(timed, "name", { value: cls.name });
  const out = timed as unknown as AnyJobClass;
  out.jobClassName = cls.jobClassName;
  return out;
}
