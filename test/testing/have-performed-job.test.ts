import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { ArgumentError, performEnqueuedJobs, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { HeavyLiftingJob, HelloJob, LoggingJob, PEOPLE_SQL, Person } from "./support/jobs.js";

// rspec-rails' have_performed_job cases, ported (perform mode on, as their `before` sets it).

const TOMORROW_NOON = new Date(Date.UTC(2026, 0, 2, 12));
const TOMORROW_MIDNIGHT = new Date(Date.UTC(2026, 0, 2));

describe("toHavePerformedJob (test adapter in perform mode)", () => {
  const t = useTestAdapter({ performEnqueuedJobs: true, performEnqueuedAtJobs: true, setupSql: PEOPLE_SQL, models: [Person] });

  it("raises ArgumentError when the subject is not a block", async () => {
    const job = await HeavyLiftingJob.performLater();
    await expect(expect(job).toHavePerformedJob()).rejects.toThrow(ArgumentError);
    await expect(expect(HeavyLiftingJob).toHavePerformedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHavePerformedJob only supports block expectations: expect(() => HeavyLiftingJob.performLater(...)).toHavePerformedJob(...); to look at every recorded HeavyLiftingJob, use expect(HeavyLiftingJob).toHaveBeenPerformed(...)]`);
  });

  it("passes with the default count (exactly one)", async () => {
    await expect(() => HeavyLiftingJob.performLater()).toHavePerformedJob();
  });

  it("counts only jobs performed in the block", async () => {
    await HeavyLiftingJob.performLater();
    await expect(() => HeavyLiftingJob.performLater()).toHavePerformedJob({ times: 1 });
  });

  it("passes when negated", async () => {
    await expect(() => {}).not.toHavePerformedJob();
  });

  it("fails when the job is not performed", async () => {
    await expect(expect(() => {}).toHavePerformedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to perform exactly 1 jobs, but performed 0]`);
  });

  it("fails when too many jobs are performed", async () => {
    await expect(
      expect(async () => {
        await HeavyLiftingJob.performLater();
        await HeavyLiftingJob.performLater();
      }).toHavePerformedJob({ times: 1 }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to perform exactly 1 jobs, but performed 2]`);
  });

  it("reports the right number in the failure message", async () => {
    await HeavyLiftingJob.performLater();
    await expect(expect(() => {}).toHavePerformedJob({ times: 1 })).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to perform exactly 1 jobs, but performed 0]`);
  });

  it("fails when negated and a job is performed", async () => {
    await expect(expect(() => HeavyLiftingJob.performLater()).not.toHavePerformedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected not to perform exactly 1 jobs, but performed 1]`);
  });

  it("negates by plain inversion: not passes for 0 or 2+ matching jobs with the default exactly 1", async () => {
    await expect(async () => {
      await HelloJob.performLater();
      await HelloJob.performLater();
    }).not.toHavePerformedJob();
    await expect(
      expect(async () => {
        await HelloJob.performLater();
        await HelloJob.performLater();
      }).not.toHavePerformedJob({ times: 2 }),
    ).rejects.toThrow("expected not to perform exactly 2 jobs, but performed 2");
  });

  it("passes with a job class", async () => {
    await expect(async () => {
      await HelloJob.performLater();
      await HeavyLiftingJob.performLater();
    }).toHavePerformedJob(HelloJob, { times: 1 });
  });

  it("passes with several jobs (rspec's .and)", async () => {
    await expect(async () => {
      await expect(async () => {
        await HelloJob.performLater();
        await LoggingJob.performLater();
        await HeavyLiftingJob.performLater();
      }).toHavePerformedJob(HelloJob);
    }).toHavePerformedJob(LoggingJob);
  });

  it.each([
    ["once", 1],
    ["twice", 2],
    ["thrice", 3],
  ] as const)("passes with the %s count", async (times, n) => {
    await expect(async () => {
      for (let i = 0; i < n; i++) await HelloJob.performLater();
    }).toHavePerformedJob({ times });
  });

  it("passes with atLeast / atMost", async () => {
    await expect(async () => {
      await HelloJob.performLater();
      await HelloJob.performLater();
    }).toHavePerformedJob({ atLeast: "once" });
    await expect(() => HelloJob.performLater()).toHavePerformedJob({ atMost: "once" });
  });

  it("says at least / at most in the failure message", async () => {
    await expect(expect(() => {}).toHavePerformedJob({ atLeast: "once" })).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to perform at least 1 jobs, but performed 0]`);
    await expect(
      expect(async () => {
        await HelloJob.performLater();
        await HelloJob.performLater();
      }).toHavePerformedJob({ atMost: "once" }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to perform at most 1 jobs, but performed 2]`);
  });

  it("passes with a queue name and an at date", async () => {
    await expect(() => HelloJob.set({ queue: "low" }).performLater()).toHavePerformedJob({ queue: "low" });
    await expect(() => HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater()).toHavePerformedJob({ at: TOMORROW_NOON });
  });

  it("passes with arguments, records and argument matchers", async () => {
    await expect(() => HelloJob.performLater(42, "David")).toHavePerformedJob({ args: [42, "David"] });
    const person = Person.find(t.db, 42);
    await expect(() => HelloJob.performLater(person)).toHavePerformedJob({ args: [person] });
    await expect(() => HelloJob.performLater(42, "David")).toHavePerformedJob({ args: [42, expect.any(String)] });
  });

  it("generates the failure message with every option (the list is still called Queued jobs)", async () => {
    await expect(
      expect(() => HelloJob.performLater(1)).toHavePerformedJob(HelloJob, { args: [42], queue: "low", at: TOMORROW_NOON, priority: 5, times: 2 }),
    ).rejects.toThrow(
      "expected to perform exactly 2 jobs, with [42], on queue low, at 2026-01-02 12:00:00 UTC, with priority 5, but performed 0" +
        "\nQueued jobs:" +
        "\n  HelloJob job with [1], on queue default, with no priority specified",
    );
  });

  it("fails with the check's own message, passes every deserialized argument to it", async () => {
    await expect(
      expect(() => HelloJob.performLater("asdf")).toHavePerformedJob(HelloJob, { check: (arg) => expect(arg).toBe("zxcv") }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[AssertionError: expected 'asdf' to be 'zxcv' // Object.is equality]`);
    const person = Person.find(t.db, 42);
    await expect(() => HelloJob.performLater(person, { symbolized_key: "asdf" })).toHavePerformedJob(HelloJob, {
      check: (first, second) => {
        expect(first).toEqual(person);
        expect(second).toEqual({ symbolized_key: "asdf" });
      },
    });
  });

  it("calls the check only for jobs meeting the other constraints", async () => {
    await expect(async () => {
      await HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater("asdf");
      await HelloJob.set({ waitUntil: TOMORROW_MIDNIGHT }).performLater("zxcv");
    }).toHavePerformedJob(HelloJob, { at: TOMORROW_NOON, check: (arg) => expect(arg).toBe("asdf") });
  });

  it("counts nested jobs (a job performing another)", async () => {
    class ParentJob extends Job {
      override async perform() {
        await HelloJob.performLater("child");
      }
    }
    await expect(() => ParentJob.performLater()).toHavePerformedJob({ times: 2 });
    await expect(() => ParentJob.performLater()).toHavePerformedJob(HelloJob, { args: ["child"] });
  });
});

describe("toHavePerformedJob (test adapter, perform mode off)", () => {
  useTestAdapter();

  it("needs perform mode or a performEnqueuedJobs inside the block", async () => {
    await expect(expect(() => HelloJob.performLater()).toHavePerformedJob()).rejects.toThrow("but performed 0");
    await expect(() => performEnqueuedJobs(() => HelloJob.performLater())).toHavePerformedJob(HelloJob);
    await HelloJob.performLater("flushed");
    await expect(() => performEnqueuedJobs()).toHavePerformedJob(HelloJob, { args: ["flushed"] });
  });
});

describe("toHavePerformedJob (simulation)", () => {
  const s = useSimulation({ jobs: [HelloJob] });

  it("counts the executions started while the block ran", async () => {
    await HelloJob.performLater(1);
    await HelloJob.set({ wait: "10m" }).performLater(2);
    await expect(() => s.sim.advance("1m")).toHavePerformedJob(HelloJob, { args: [1], at: "noWait" });
    await expect(() => s.sim.advance("1m")).not.toHavePerformedJob();
    await expect(() => s.sim.runUntilIdle()).toHavePerformedJob(HelloJob, { args: [2], at: Date.UTC(2026, 0, 1, 0, 10) });
    await expect(expect(() => HelloJob.performLater(3)).toHavePerformedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to perform exactly 1 jobs, but performed 0]`);
  });
});
