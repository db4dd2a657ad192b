import { afterEach, describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { parseParameters } from "../../src/testing/perform-signature.js";
import { useTestAdapter, verifyPartialDoubles } from "../../src/testing/vitest.js";
import { TwoArgsJob } from "./support/jobs.js";

// active-job.md §8.3 step 3: rspec-rails checks each matching job's arguments against its
// perform signature (rspec-support's StrictSignatureVerifier messages).

class KeywordArgsJob extends Job {
  override async perform({ one, two }: { one: number; two: number }) {
    void one, void two;
  }
}

class OptionalArgsJob extends Job {
  override async perform(_a: number, _b = 2, { flag = false }: { flag?: boolean } = {}) {
    void flag;
  }
}

class DeclaredJob extends Job {
  static performSignature = { required: 1, rest: true };
  override perform(...args: unknown[]) {
    void args;
  }
}

// Enqueues with arguments TypeScript would refuse, as Ruby code can.
const later = (job: unknown, ...args: unknown[]) => (job as { performLater(...a: unknown[]): Promise<unknown> }).performLater(...args);

describe("§8.3 perform signature checks", () => {
  useTestAdapter();
  afterEach(() => void verifyPartialDoubles(true));

  it("fails when the number of arguments does not fit perform, whatever the count says", async () => {
    await expect(expect(() => later(TwoArgsJob, 1)).toHaveEnqueuedJob(TwoArgsJob, { args: [1] } as never)).rejects.toThrow(
      "Incorrect arguments passed to TwoArgsJob: Wrong number of arguments. Expected 2, got 1.",
    );
    await later(TwoArgsJob, 1, 2, 3);
    expect(() => expect(TwoArgsJob).toHaveBeenEnqueued({ args: [1, 2, 3] } as never)).toThrow("Incorrect arguments passed to TwoArgsJob: Wrong number of arguments. Expected 2, got 3.");
  });

  it("names the missing keyword arguments when positional ones are given for keywords", async () => {
    await expect(expect(() => later(KeywordArgsJob, 1, 2)).toHaveEnqueuedJob(KeywordArgsJob)).rejects.toThrow(
      "Incorrect arguments passed to KeywordArgsJob: Missing required keyword arguments: one, two",
    );
  });

  it("passes keyword arguments given as the trailing object, and names unknown ones", async () => {
    await KeywordArgsJob.performLater({ one: 1, two: 2 });
    expect(KeywordArgsJob).toHaveBeenEnqueued({ args: [{ one: 1, two: 2 }] });
    await later(KeywordArgsJob, { one: 1, two: 2, three: 3 });
    expect(() => expect(KeywordArgsJob).toHaveBeenEnqueued({ args: [{ one: 1, two: 2, three: 3 }] } as never)).toThrow(
      "Incorrect arguments passed to KeywordArgsJob: Invalid keyword arguments provided: three",
    );
  });

  it("describes a range of positional arguments as rspec does", async () => {
    await later(OptionalArgsJob);
    expect(() => expect(OptionalArgsJob).toHaveBeenEnqueued()).toThrow("Incorrect arguments passed to OptionalArgsJob: Wrong number of arguments. Expected 1 to 2, got 0.");
    await DeclaredJob.performLater();
    expect(() => expect(DeclaredJob).toHaveBeenEnqueued()).toThrow("Incorrect arguments passed to DeclaredJob: Wrong number of arguments. Expected at least 1, got 0.");
  });

  it("checks only matching jobs, and nothing at all when verification is off", async () => {
    await later(TwoArgsJob, 1);
    expect(TwoArgsJob).toHaveBeenEnqueued({ args: [5, 6], times: 0 });
    verifyPartialDoubles(false);
    expect(TwoArgsJob).toHaveBeenEnqueued({ args: [1] } as never);
  });

  it("negated, a mismatch is not a match", async () => {
    await later(TwoArgsJob, 1);
    expect(TwoArgsJob).not.toHaveBeenEnqueued();
  });
});

describe("reading perform's parameter list", () => {
  it("counts required, optional, rest and trailing keyword parameters", () => {
    expect(parseParameters("async perform(a, b) {}")).toEqual({ required: 2, optional: 0, rest: false });
    expect(parseParameters("perform(a, b = [1, 2], ...more) {}")).toEqual({ required: 1, optional: 1, rest: true });
    expect(parseParameters('perform(a, { k, j = ")", ...o } = {}) {}')).toEqual({
      required: 1,
      optional: 0,
      rest: false,
      requiredKeywords: ["k"],
      optionalKeywords: ["j"],
      keywordRest: true,
    });
    expect(parseParameters("function () { [native code] }")).toBeUndefined();
  });
});
