import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { assertNoEnqueuedJobs, assertNoPerformedJobs, useTestAdapter } from "../../src/testing/vitest.js";
import { HelloJob } from "./support/jobs.js";

// active-job.md §7.2: a job class that sets its own adapter keeps it under the test helper;
// Rails' InlineAdapter runs the job at enqueue and refuses scheduled jobs.

const ran: unknown[] = [];

class InlineJob extends Job {
  static queueAdapter = "inline";
  override async perform(n: number) {
    ran.push(n);
    await HelloJob.performLater(n);
  }
}

class InlineChildJob extends InlineJob {}

class FailingInlineJob extends Job {
  static queueAdapter = "inline";
  override perform(): void {
    throw new Error("boom inline");
  }
}

describe("§7.2 per-class inline adapter under the test adapter", () => {
  useTestAdapter();

  it("runs the job at once, records it in neither list, while other classes keep the test adapter", async () => {
    ran.length = 0;
    await InlineJob.performLater(1);
    await InlineChildJob.performLater(2);
    expect(ran).toEqual([1, 2]);
    assertNoPerformedJobs({ only: [InlineJob, InlineChildJob] });
    assertNoEnqueuedJobs({ only: [InlineJob, InlineChildJob] });
    // The jobs it enqueued went to the test adapter.
    expect(HelloJob).toHaveBeenEnqueued({ times: 2 });
  });

  it("lets the job's error reach the caller", async () => {
    await expect(FailingInlineJob.performLater()).rejects.toThrow("boom inline");
  });

  it("refuses a scheduled job with Rails' NotImplementedError", async () => {
    await expect(InlineJob.set({ wait: 5 }).performLater(3)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[NotImplementedError: Use a queueing backend to enqueue jobs in the future. Read more at https://guides.rubyonrails.org/active_job_basics.html]`,
    );
  });

  it("names an adapter it does not know", async () => {
    class OddJob extends Job {
      static queueAdapter = "sidekiq";
      override perform(): void {}
    }
    await expect(OddJob.performLater()).rejects.toThrow('OddJob.queueAdapter must be one of "test", "inline" under the test adapter, got "sidekiq"');
  });
});
