import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { enqueuedJobs, performedJobs, performEnqueuedJobs, useSimulation, useTestAdapter, type JobEntry } from "../../src/testing/vitest.js";
import { START } from "../helpers/world.js";
import { HelloJob, LoggingJob } from "./support/jobs.js";

// perform_enqueued_jobs (active-job.md §7.6), with and without a block.

const names = (list: readonly JobEntry[]) => list.map((e) => `${e.job_class}(${e.args.join(",")})`);

/** Enqueues a HelloJob for each of its arguments (a chain). */
class FanOutJob extends Job {
  override async perform(...names: string[]) {
    for (const n of names) await HelloJob.performLater(n);
  }
}

class FailingJob extends Job {
  override async perform() {
    throw new Error("boom");
  }
}

describe("performEnqueuedJobs with a block", () => {
  const t = useTestAdapter();

  it("performs jobs at the moment they are enqueued, scheduled ones too, and returns the block's value", async () => {
    const order: string[] = [];
    class TracingJob extends Job {
      override async perform(name: string) {
        order.push(`perform ${name}`);
      }
    }
    const value = await performEnqueuedJobs(async () => {
      await TracingJob.performLater("now");
      order.push("after now");
      await TracingJob.set({ wait: "1 day" }).performLater("tomorrow");
      order.push("after tomorrow");
      return 42;
    });
    expect(value).toBe(42);
    expect(order).toEqual(["perform now", "after now", "perform tomorrow", "after tomorrow"]);
    expect(enqueuedJobs()).toEqual([]);
    expect(performedJobs()).toHaveLength(2);
    expect(t.now()).toBe(START);
  });

  it("performs jobs enqueued by jobs, recursively (a chain)", async () => {
    await performEnqueuedJobs(() => FanOutJob.performLater("a", "b"));
    expect(names(performedJobs())).toEqual(["FanOutJob(a,b)", "HelloJob(a)", "HelloJob(b)"]);
    expect(enqueuedJobs()).toEqual([]);
  });

  it("does not perform jobs enqueued before the block", async () => {
    await HelloJob.performLater("before");
    await performEnqueuedJobs(() => HelloJob.performLater("inside"));
    expect(names(enqueuedJobs())).toEqual(["HelloJob(before)"]);
    expect(names(performedJobs())).toEqual(["HelloJob(inside)"]);
  });

  it("records filtered-out jobs: only, except, queue, at", async () => {
    await performEnqueuedJobs({ only: HelloJob }, async () => {
      await HelloJob.performLater("only");
      await LoggingJob.performLater();
    });
    await performEnqueuedJobs({ except: [HelloJob] }, async () => {
      await HelloJob.performLater("except");
      await LoggingJob.performLater();
    });
    await performEnqueuedJobs({ queue: "low" }, async () => {
      await HelloJob.set({ queue: "low" }).performLater("low");
      await HelloJob.performLater("default");
    });
    await performEnqueuedJobs({ at: START + 60_000 }, async () => {
      await HelloJob.set({ wait: 60 }).performLater("due");
      await HelloJob.set({ wait: 61 }).performLater("later");
    });
    expect(names(performedJobs())).toEqual(["HelloJob(only)", "LoggingJob()", "HelloJob(low)", "HelloJob(due)"]);
    expect(names(enqueuedJobs())).toEqual(["LoggingJob()", "HelloJob(except)", "HelloJob(default)", "HelloJob(later)"]);
  });

  it("gives a filter function the job instance", async () => {
    const seen: unknown[] = [];
    await performEnqueuedJobs({ only: (job: unknown) => (seen.push(job), (job as Job).arguments[0] === "yes") }, async () => {
      await HelloJob.performLater("yes");
      await HelloJob.performLater("no");
    });
    expect(seen.every((j) => j instanceof HelloJob)).toBe(true);
    expect(names(performedJobs())).toEqual(["HelloJob(yes)"]);
  });

  it("restores every setting afterwards, even when the block throws", async () => {
    const a = t.adapter;
    a.queue = "kept";
    await expect(
      performEnqueuedJobs({ only: FailingJob, queue: "default", at: START }, async () => {
        expect([a.performEnqueuedJobs, a.performEnqueuedAtJobs, a.filter, a.queue, a.at]).toEqual([true, true, FailingJob, "default", START / 1000]);
        await FailingJob.performLater();
      }),
    ).rejects.toThrow("boom");
    expect([a.performEnqueuedJobs, a.performEnqueuedAtJobs, a.filter, a.reject, a.queue, a.at]).toEqual([false, false, null, null, "kept", null]);
  });
});

describe("performEnqueuedJobs without a block", () => {
  useTestAdapter();

  it("flushes a snapshot: jobs enqueued while flushing are recorded, a second call runs them", async () => {
    await FanOutJob.performLater("a", "b");
    expect(await performEnqueuedJobs()).toBe(1);
    expect(names(performedJobs())).toEqual(["FanOutJob(a,b)"]);
    expect(names(enqueuedJobs())).toEqual(["HelloJob(a)", "HelloJob(b)"]);
    expect(await performEnqueuedJobs()).toBe(2);
    expect(enqueuedJobs()).toEqual([]);
    expect(await performEnqueuedJobs()).toBe(0);
  });

  it("filters with only, except, queue, and at (keeping unscheduled jobs and those due by then)", async () => {
    await HelloJob.performLater("now");
    await HelloJob.set({ wait: 60 }).performLater("in a minute");
    await HelloJob.set({ wait: 3600 }).performLater("in an hour");
    await LoggingJob.set({ queue: "low" }).performLater();
    expect(await performEnqueuedJobs({ at: START + 60_000, except: LoggingJob })).toBe(2);
    expect(names(enqueuedJobs())).toEqual(["HelloJob(in an hour)", "LoggingJob()"]);
    expect(await performEnqueuedJobs({ queue: "low" })).toBe(1);
    expect(await performEnqueuedJobs({ only: [LoggingJob] })).toBe(0);
    expect(await performEnqueuedJobs({ only: HelloJob })).toBe(1);
  });

  it("gives a filter function the recorded entry", async () => {
    await HelloJob.performLater("yes");
    await HelloJob.performLater("no");
    expect(await performEnqueuedJobs({ only: (entry: JobEntry) => entry.args[0] === "yes" })).toBe(1);
    expect(names(enqueuedJobs())).toEqual(["HelloJob(no)"]);
  });

  it("stops at an error: the failing job counts as performed, the rest stay enqueued", async () => {
    await HelloJob.performLater(1);
    await FailingJob.performLater();
    await HelloJob.performLater(2);
    await expect(performEnqueuedJobs()).rejects.toThrow("boom");
    expect(names(performedJobs())).toEqual(["HelloJob(1)", "FailingJob()"]);
    expect(names(enqueuedJobs())).toEqual(["HelloJob(2)"]);
  });

  it("reads the stored arguments at perform time", async () => {
    const got: unknown[] = [];
    class DateJob extends Job {
      override async perform(d: Date) {
        got.push(d);
      }
    }
    await DateJob.performLater(new Date(START + 5));
    await performEnqueuedJobs();
    expect(got).toEqual([new Date(START + 5)]);
  });
});

describe("performEnqueuedJobs option errors", () => {
  useTestAdapter();

  it("refuses both only and except, and unknown options", async () => {
    await expect(performEnqueuedJobs({ only: HelloJob, except: LoggingJob })).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: Cannot specify both \`only\` and \`except\` options.]`);
    await expect(performEnqueuedJobs({ only: HelloJob, except: LoggingJob }, () => {})).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: Cannot specify both \`only\` and \`except\` options.]`);
    await expect(performEnqueuedJobs({ onlyy: HelloJob } as never)).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: performEnqueuedJobs: unknown option "onlyy" (did you mean "only"?); known options: only, except, queue, at]`);
  });
});

describe("performEnqueuedJobs in simulation mode", () => {
  const s = useSimulation({ jobs: [HelloJob] });

  it("just runs a block (Rails on another adapter); jobs run when the simulation runs", async () => {
    expect(await performEnqueuedJobs(() => HelloJob.performLater("x").then(() => "done"))).toBe("done");
    expect(s.sim.jobs().map((j) => j.status)).toEqual(["ready"]);
  });

  it("refuses to flush without a block", async () => {
    await expect(performEnqueuedJobs()).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: performEnqueuedJobs (without a block) requires the Active Job test adapter, you're using the simulation (Solid Queue). In simulation mode use the matchers (toHaveEnqueuedJob, toHavePerformedJob, ...), enqueuedJobs() / performedJobs() or sim.jobs(), and run the simulation (sim.runUntilIdle()) to perform jobs.]`);
  });
});
