import { describe, expect, expectTypeOf, it } from "vitest";
import { Job, type Args } from "../../src/job/job.js";
import { assertEnqueuedWith, useTestAdapter, type JobEntry } from "../../src/testing/vitest.js";

// Compile-time checks, verified by `npx tsc --noEmit` (test/ is in tsconfig): a wrong argument
// type to performLater or to a matcher's args is an error. The @ts-expect-error lines sit in
// functions that never run; the rest also runs as ordinary tests.

class SendWelcomeEmailJob extends Job {
  override async perform(_userId: number) {}
}

class ImportJob extends Job {
  override async perform(_path: string, _options: { dryRun: boolean }) {}
}

describe("types", () => {
  useTestAdapter();

  it("performLater takes perform's arguments", async () => {
    expectTypeOf<Args<SendWelcomeEmailJob>>().toEqualTypeOf<[_userId: number]>();
    expectTypeOf(SendWelcomeEmailJob.performLater(1)).resolves.toEqualTypeOf<SendWelcomeEmailJob | false>();
    expectTypeOf(ImportJob.set({ queue: "low" }).performLater("a.csv", { dryRun: true })).resolves.toEqualTypeOf<ImportJob | false>();
    const neverRuns = async () => {
      // @ts-expect-error a string is not a user id
      await SendWelcomeEmailJob.performLater("1");
      // @ts-expect-error missing argument
      await SendWelcomeEmailJob.performLater();
      // @ts-expect-error one argument too many
      await SendWelcomeEmailJob.performLater(1, 2);
      // @ts-expect-error wrong option type in the second argument
      await ImportJob.set({ wait: 5 }).performLater("a.csv", { dryRun: "yes" });
    };
    expect(typeof neverRuns).toBe("function");
  });

  it("matcher args follow the job class", async () => {
    await expect(() => SendWelcomeEmailJob.performLater(1)).toHaveEnqueuedJob(SendWelcomeEmailJob, { args: [1] });
    await expect(() => SendWelcomeEmailJob.performLater(1)).toHaveEnqueuedJob(SendWelcomeEmailJob, { args: [expect.any(Number)] });
    await expect(() => SendWelcomeEmailJob.performLater(1)).toHaveEnqueuedJob(SendWelcomeEmailJob, {
      check: (userId) => expectTypeOf(userId).toEqualTypeOf<number>(),
    });
    expect(SendWelcomeEmailJob).toHaveBeenEnqueued({ args: [1], times: 3 });
    expectTypeOf(() => expect(() => {}).toHaveEnqueuedJob()).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(() => expect(SendWelcomeEmailJob).toHaveBeenEnqueued()).returns.toEqualTypeOf<void>();
    const neverRuns = async () => {
      // @ts-expect-error a string is not a user id
      await expect(() => SendWelcomeEmailJob.performLater(1)).toHaveEnqueuedJob(SendWelcomeEmailJob, { args: ["1"] });
      // @ts-expect-error one argument too many
      await expect(() => SendWelcomeEmailJob.performLater(1)).toHavePerformedJob(SendWelcomeEmailJob, { args: [1, 2] });
      // @ts-expect-error the subject's class types toHaveBeenEnqueued's args
      expect(SendWelcomeEmailJob).toHaveBeenEnqueued({ args: ["x"] });
      // @ts-expect-error the subject's class types toHaveBeenPerformed's args
      expect(ImportJob).toHaveBeenPerformed({ args: ["a.csv", { dryRun: 1 }] });
      // @ts-expect-error not a count
      await expect(() => {}).toHaveEnqueuedJob({ times: "often" });
      // @ts-expect-error unknown option
      await expect(() => {}).toHaveEnqueuedJob({ queues: "low" });
      // @ts-expect-error the check gets perform's parameter types
      await expect(() => {}).toHaveEnqueuedJob(SendWelcomeEmailJob, { check: (userId: string) => userId });
    };
    expect(typeof neverRuns).toBe("function");
  });

  it("assertions return the job's own class", async () => {
    await ImportJob.performLater("a.csv", { dryRun: false });
    const job = assertEnqueuedWith({ job: ImportJob, args: ["a.csv", { dryRun: false }] });
    expectTypeOf(job).toEqualTypeOf<ImportJob>();
    expect(job).toBeInstanceOf(ImportJob);
    expectTypeOf<JobEntry["at"]>().toEqualTypeOf<number | undefined>();
    const neverRuns = () => {
      // @ts-expect-error args must fit the job class
      assertEnqueuedWith({ job: ImportJob, args: [1] });
    };
    expect(typeof neverRuns).toBe("function");
  });
});
