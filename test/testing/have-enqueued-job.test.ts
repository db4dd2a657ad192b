import { describe, expect, it, vi } from "vitest";
import { ArgumentError, PRECISION_WARNING, performEnqueuedJobs, travelTo, useSimulation, useTestAdapter } from "../../src/testing/vitest.js";
import { START } from "../helpers/world.js";
import { HeavyLiftingJob, HelloJob, LoggingJob, PEOPLE_SQL, Person, UnreliableJob } from "./support/jobs.js";

// rspec-rails' have_enqueued_job cases (spec/rspec/rails/matchers/active_job_spec.rb), ported.

const TOMORROW_NOON = new Date(Date.UTC(2026, 0, 2, 12));
const TOMORROW_MIDNIGHT = new Date(Date.UTC(2026, 0, 2));

describe("toHaveEnqueuedJob (test adapter)", () => {
  const t = useTestAdapter({ setupSql: PEOPLE_SQL, models: [Person] });

  it("raises ArgumentError when the subject is not a block", async () => {
    const job = await HeavyLiftingJob.performLater();
    await expect(expect(job).toHaveEnqueuedJob()).rejects.toThrow(ArgumentError);
    await expect(expect(job).toHaveEnqueuedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHaveEnqueuedJob only supports block expectations: pass a function, expect(() => ...).toHaveEnqueuedJob(...), not a HeavyLiftingJob (did you call the block instead of passing it?)]`);
    await expect(expect(HeavyLiftingJob).toHaveEnqueuedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHaveEnqueuedJob only supports block expectations: expect(() => HeavyLiftingJob.performLater(...)).toHaveEnqueuedJob(...); to look at every recorded HeavyLiftingJob, use expect(HeavyLiftingJob).toHaveBeenEnqueued(...)]`);
  });

  it("passes with the default count (exactly one)", async () => {
    await expect(() => HeavyLiftingJob.performLater()).toHaveEnqueuedJob();
  });

  it("counts only jobs enqueued in the block", async () => {
    await HeavyLiftingJob.performLater();
    await expect(() => HeavyLiftingJob.performLater()).toHaveEnqueuedJob({ times: 1 });
  });

  it("passes when negated", async () => {
    await expect(() => {}).not.toHaveEnqueuedJob();
  });

  it("counts newly enqueued jobs when previously enqueued ones were performed", async () => {
    await HeavyLiftingJob.performLater();
    await expect(async () => {
      await performEnqueuedJobs();
      await HelloJob.performLater();
    }).toHaveEnqueuedJob(HelloJob);
  });

  it("passes with a re-enqueued (retried) job", async () => {
    const time = new Date(START + 3_600_000);
    await travelTo(time);
    await UnreliableJob.performLater();
    await expect(() => performEnqueuedJobs()).toHaveEnqueuedJob(UnreliableJob, { queue: "retry", at: new Date(time.getTime() + 5000) });
  });

  it("fails when the job is not enqueued", async () => {
    await expect(expect(() => {}).toHaveEnqueuedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to enqueue exactly 1 jobs, but enqueued 0]`);
  });

  it("fails when too many jobs are enqueued", async () => {
    await expect(
      expect(async () => {
        await HeavyLiftingJob.performLater();
        await HeavyLiftingJob.performLater();
      }).toHaveEnqueuedJob({ times: 1 }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to enqueue exactly 1 jobs, but enqueued 2]`);
  });

  it("reports the right number in the failure message", async () => {
    await HeavyLiftingJob.performLater();
    await expect(expect(() => {}).toHaveEnqueuedJob({ times: 1 })).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to enqueue exactly 1 jobs, but enqueued 0]`);
  });

  it("fails when negated and a job is enqueued", async () => {
    await expect(expect(() => HeavyLiftingJob.performLater()).not.toHaveEnqueuedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected not to enqueue at least 1 jobs, but enqueued 1]`);
  });

  it("fails when negated and several jobs are enqueued", async () => {
    await expect(
      expect(async () => {
        await HeavyLiftingJob.performLater();
        await HeavyLiftingJob.performLater();
      }).not.toHaveEnqueuedJob(),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected not to enqueue at least 1 jobs, but enqueued 2]`);
  });

  it("forces at least 1 when negated, whatever count was given", async () => {
    await expect(
      expect(async () => {
        await HelloJob.performLater();
        await HelloJob.performLater();
      }).not.toHaveEnqueuedJob({ times: 5 }),
    ).rejects.toThrow("expected not to enqueue at least 1 jobs, but enqueued 2");
  });

  it("passes with a job class", async () => {
    await expect(async () => {
      await HelloJob.performLater();
      await HeavyLiftingJob.performLater();
    }).toHaveEnqueuedJob(HelloJob, { times: 1 });
  });

  it("passes with several jobs (rspec's .and: the outer block sees what the inner one enqueued)", async () => {
    await expect(async () => {
      await expect(async () => {
        await HelloJob.performLater();
        await LoggingJob.performLater();
        await HeavyLiftingJob.performLater();
      }).toHaveEnqueuedJob(HelloJob);
    }).toHaveEnqueuedJob(LoggingJob);
  });

  it.each([
    ["once", 1],
    ["twice", 2],
    ["thrice", 3],
  ] as const)("passes with the %s count", async (times, n) => {
    await expect(async () => {
      for (let i = 0; i < n; i++) await HelloJob.performLater();
    }).toHaveEnqueuedJob({ times });
  });

  it("passes with atLeast when over the limit, atMost when under it", async () => {
    await expect(async () => {
      await HelloJob.performLater();
      await HelloJob.performLater();
    }).toHaveEnqueuedJob({ atLeast: "once" });
    await expect(() => HelloJob.performLater()).toHaveEnqueuedJob({ atMost: "once" });
    await expect(() => HelloJob.performLater()).toHaveEnqueuedJob({ atLeast: "1" });
  });

  it("says at least / at most in the failure message", async () => {
    await expect(expect(() => {}).toHaveEnqueuedJob({ atLeast: "once" })).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to enqueue at least 1 jobs, but enqueued 0]`);
    await expect(
      expect(async () => {
        await HelloJob.performLater();
        await HelloJob.performLater();
      }).toHaveEnqueuedJob({ atMost: "once" }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: expected to enqueue at most 1 jobs, but enqueued 2]`);
  });

  it("refuses two counts and bad counts", async () => {
    await expect(expect(() => {}).toHaveEnqueuedJob({ times: 1, atLeast: 1 })).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHaveEnqueuedJob: give one of times, atLeast, atMost (got times and atLeast)]`);
    await expect(expect(() => {}).toHaveEnqueuedJob({ times: "often" as never })).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHaveEnqueuedJob: times must be a non-negative integer or "once" / "twice" / "thrice", got "often"]`);
    await expect(expect(() => {}).toHaveEnqueuedJob({ qeue: "low" } as never)).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHaveEnqueuedJob: unknown option "qeue" (did you mean "queue"?); known options: args, check, queue, priority, at, times, atLeast, atMost, attemptsAt, tolerance]`);
  });

  it("passes with a queue name", async () => {
    await expect(() => HelloJob.set({ queue: "low" }).performLater()).toHaveEnqueuedJob({ queue: "low" });
  });

  it("passes with a priority given as a number or a string", async () => {
    await expect(() => HelloJob.set({ priority: 2 }).performLater()).toHaveEnqueuedJob({ priority: 2 });
    await expect(() => HelloJob.set({ priority: 2 }).performLater()).toHaveEnqueuedJob({ priority: "2" });
  });

  it("fails when the priority was not set", async () => {
    await expect(expect(() => HelloJob.performLater()).toHaveEnqueuedJob({ priority: 2 })).rejects.toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 1 jobs, with priority 2, but enqueued 0
      Queued jobs:
        HelloJob job on queue default, with no priority specified]
    `);
  });

  it("fails when the priority was set to a different value", async () => {
    await expect(expect(() => HelloJob.set({ priority: 1 }).performLater()).toHaveEnqueuedJob({ priority: 2 })).rejects.toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 1 jobs, with priority 2, but enqueued 0
      Queued jobs:
        HelloJob job on queue default, with priority 1]
    `);
  });

  it("passes with an at date and an at time", async () => {
    await expect(() => HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater()).toHaveEnqueuedJob({ at: TOMORROW_NOON });
    const time = new Date(t.now() + 86_400_000);
    await expect(() => HelloJob.set({ waitUntil: time }).performLater()).toHaveEnqueuedJob({ at: time });
    await expect(() => HelloJob.set({ waitUntil: time }).performLater()).toHaveEnqueuedJob({ at: time.getTime() });
    await expect(() => HelloJob.set({ waitUntil: time }).performLater()).toHaveEnqueuedJob({ at: time.toISOString() });
  });

  it("works with time offsets", async () => {
    const time = new Date(START + 7_200_000);
    await travelTo(time);
    await expect(() => HelloJob.set({ wait: 5 }).performLater()).toHaveEnqueuedJob({ at: new Date(time.getTime() + 5000) });
  });

  it("warns about a precision error and still fails when only the milliseconds differ", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const time = new Date(START + 7_200_550);
      await travelTo(time); // drops the 550 ms, as travel_to drops microseconds
      await expect(expect(() => HelloJob.set({ wait: 5 }).performLater()).toHaveEnqueuedJob({ at: new Date(time.getTime() + 5000) })).rejects.toThrow(
        /^expected to enqueue exactly 1 jobs, at 2026-01-01 02:00:05.55 UTC, but enqueued 0/,
      );
      expect(warn).toHaveBeenCalledWith(PRECISION_WARNING);
      expect(PRECISION_WARNING).toMatch(/precision error/);
    } finally {
      warn.mockRestore();
    }
  });

  it("accepts an asymmetric matcher as the at time", async () => {
    const future = t.now() + 60_000;
    const slightlyEarlier = new Date(t.now() + 58_000);
    await expect(() => HelloJob.set({ waitUntil: slightlyEarlier }).performLater()).toHaveEnqueuedJob({ at: expect.toBeCloseToTime(future, 5) });
    await expect(expect(() => HelloJob.set({ waitUntil: slightlyEarlier }).performLater()).toHaveEnqueuedJob({ at: expect.toBeCloseToTime(future, 1) })).rejects.toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 1 jobs, at toBeCloseToTime<1767225660000, 1>, but enqueued 0
      Queued jobs:
        HelloJob job on queue default, at 2026-01-01 00:00:58 UTC, with no priority specified]
    `);
  });

  it("matches at: noWait only for jobs enqueued without a time", async () => {
    await expect(() => HelloJob.performLater()).toHaveEnqueuedJob({ at: "noWait" });
    await expect(() => HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater()).not.toHaveEnqueuedJob({ at: "noWait" });
  });

  it("fails when an at time is given and the job has no wait", async () => {
    await expect(expect(() => HelloJob.performLater()).toHaveEnqueuedJob({ at: TOMORROW_NOON })).rejects.toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 1 jobs, at 2026-01-02 12:00:00 UTC, but enqueued 0
      Queued jobs:
        HelloJob job on queue default, with no priority specified]
    `);
  });

  it("matches a scheduled job when no at is given", async () => {
    await expect(() => HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater()).toHaveEnqueuedJob();
  });

  it("passes with arguments, and with asymmetric matchers among them", async () => {
    await expect(() => HelloJob.performLater(42, "David")).toHaveEnqueuedJob({ args: [42, "David"] });
    await expect(() => HelloJob.performLater(42, "David")).toHaveEnqueuedJob({ args: [expect.any(Number), expect.stringMatching(/^Da/)] });
    await expect(() => HelloJob.performLater({ id: 1, name: "x" })).toHaveEnqueuedJob({ args: [expect.objectContaining({ id: 1 })] });
    await expect(expect(() => HelloJob.performLater(42, "David")).toHaveEnqueuedJob({ args: [42] })).rejects.toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 1 jobs, with [42], but enqueued 0
      Queued jobs:
        HelloJob job with [42, "David"], on queue default, with no priority specified]
    `);
  });

  it("compares hashes whatever their key order", async () => {
    await expect(() => HelloJob.performLater({ a: 1, b: 2 })).toHaveEnqueuedJob({ args: [{ b: 2, a: 1 }] });
  });

  it("passes with a record argument (GlobalID), fetched again on both sides", async () => {
    const person = Person.find(t.db, 42);
    await expect(() => HelloJob.performLater(person)).toHaveEnqueuedJob({ args: [person] });
  });

  it("generates the failure message with every option", async () => {
    await expect(
      expect(() => HelloJob.performLater(1)).toHaveEnqueuedJob(HelloJob, { args: [42], queue: "low", at: TOMORROW_NOON, priority: 5, times: 2 }),
    ).rejects.toThrow(
      "expected to enqueue exactly 2 jobs, with [42], on queue low, at 2026-01-02 12:00:00 UTC, with priority 5, but enqueued 0" +
        "\nQueued jobs:" +
        "\n  HelloJob job with [1], on queue default, with no priority specified",
    );
  });

  it("fails with the check's own message when the check fails", async () => {
    await expect(
      expect(() => HelloJob.performLater("asdf")).toHaveEnqueuedJob(HelloJob, { check: (arg) => expect(arg).toBe("zxcv") }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[AssertionError: expected 'asdf' to be 'zxcv' // Object.is equality]`);
  });

  it("passes every argument to the check", async () => {
    const seen: unknown[][] = [];
    await expect(() => HelloJob.performLater("asdf", "zxcv")).toHaveEnqueuedJob(HelloJob, { check: (...args) => seen.push(args) });
    expect(seen).toEqual([["asdf", "zxcv"]]);
  });

  it("passes deserialized arguments to the check", async () => {
    const person = Person.find(t.db, 42);
    await expect(() => HelloJob.performLater(person, { symbolized_key: "asdf" })).toHaveEnqueuedJob(HelloJob, {
      check: (first, second) => {
        expect(first).toEqual(person);
        expect(first).toBeInstanceOf(Person);
        expect(second).toEqual({ symbolized_key: "asdf" });
      },
    });
  });

  it("ignores jobs whose arguments cannot be deserialized", async () => {
    const gone = Person.find(t.db, 21);
    const person = Person.find(t.db, 42);
    await expect(async () => {
      await HelloJob.performLater(gone);
      t.db.run("DELETE FROM people WHERE id = 21");
      await HelloJob.performLater(person);
    }).toHaveEnqueuedJob(HelloJob, { args: [person] });
  });

  it("calls the check only for jobs meeting the other constraints", async () => {
    await expect(async () => {
      await HelloJob.set({ waitUntil: TOMORROW_NOON }).performLater("asdf");
      await HelloJob.set({ waitUntil: TOMORROW_MIDNIGHT }).performLater("zxcv");
    }).toHaveEnqueuedJob(HelloJob, { at: TOMORROW_NOON, check: (arg) => expect(arg).toBe("asdf") });
  });

  it("passes with a Date argument", async () => {
    const time = new Date("2016-07-01T00:00:00.001Z");
    await expect(() => HelloJob.performLater(time)).toHaveEnqueuedJob(HelloJob, { args: [time] });
  });

  it("lists scheduled jobs with their time and priority in the failure message", async () => {
    await expect(
      expect(async () => {
        await HelloJob.set({ waitUntil: TOMORROW_NOON, priority: 0 }).performLater({ id: 1 });
        await HeavyLiftingJob.set({ queue: "low" }).performLater();
      }).toHaveEnqueuedJob(LoggingJob),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`
      [Error: expected to enqueue exactly 1 jobs, but enqueued 0
      Queued jobs:
        HelloJob job with [{id: 1}], on queue default, at 2026-01-02 12:00:00 UTC, with priority 0
        HeavyLiftingJob job on queue low, with no priority specified]
    `);
  });
});

describe("toHaveEnqueuedJob without a test world", () => {
  it("throws a descriptive error", async () => {
    await expect(expect(() => {}).toHaveEnqueuedJob()).rejects.toThrowErrorMatchingInlineSnapshot(`[ArgumentError: toHaveEnqueuedJob needs a jobsim test world: call useTestAdapter() or useSimulation() in the test file or describe block (or startTestAdapter() / recordSimulation(sim) by hand)]`);
  });
});

describe("toHaveEnqueuedJob (simulation)", () => {
  const s = useSimulation({ jobs: [HelloJob, HeavyLiftingJob] });

  it("counts the rows the block enqueued", async () => {
    await HelloJob.performLater(0);
    await expect(async () => {
      await HelloJob.performLater(42, "David");
      await HelloJob.set({ wait: 60, queue: "low", priority: 3 }).performLater(1);
    }).toHaveEnqueuedJob(HelloJob, { args: [42, "David"], queue: "default", at: "noWait" });
    await expect(() => HelloJob.set({ wait: 60 }).performLater()).toHaveEnqueuedJob({ at: s.sim.now() + 60_000 });
    await expect(() => s.sim.runUntilIdle()).not.toHaveEnqueuedJob();
  });

  it("fails with the same message shape", async () => {
    await expect(
      expect(() => HelloJob.performLater(1)).toHaveEnqueuedJob(HelloJob, { args: [42], queue: "low", at: TOMORROW_NOON, priority: 5, times: 2 }),
    ).rejects.toThrow(
      "expected to enqueue exactly 2 jobs, with [42], on queue low, at 2026-01-02 12:00:00 UTC, with priority 5, but enqueued 0" +
        "\nQueued jobs:" +
        "\n  HelloJob job with [1], on queue default, with no priority specified",
    );
  });
});
