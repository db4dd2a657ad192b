import { expect } from "vitest";
import type { Job, JobClass } from "../job/job.js";
import type { Instant } from "./instants.js";
import type { JobMatchOptions } from "./matcher-options.js";
import type { Mailer } from "../job/mailer.js";
import type { DeliveredMailOptions, MailMatchOptions } from "./mail-matchers.js";
import { toBeCloseToTime, toHaveBeenDelivered, toHaveBeenEnqueued, toHaveBeenPerformed, toHaveEnqueuedJob, toHaveEnqueuedMail, toHavePerformedJob } from "./matchers.js";
import { toHaveReportedError, type ReportedErrorOptions } from "./error-matcher.js";

// The entry to add to a vitest setup file (`import "jobsim/vitest"`): registers the job
// matchers and declares their types, and exports the test helpers and the test adapter.

expect.extend({
  toHaveEnqueuedJob,
  toHavePerformedJob,
  toHaveBeenEnqueued,
  toHaveBeenPerformed,
  toBeCloseToTime,
  toHaveEnqueuedMail,
  toHaveBeenDelivered,
  toHaveReportedError,
});

type InstanceOfJob<T> = T extends abstract new (...args: any[]) => infer J ? (J extends Job ? J : Job) : Job;

interface JobMatchers<T> {
  /** rspec-rails' have_enqueued_job: jobs enqueued by the block (await it). Negated, passes only when none matches. */
  toHaveEnqueuedJob(options?: JobMatchOptions): Promise<void>;
  toHaveEnqueuedJob<J extends Job>(job: JobClass<J> | null | undefined, options?: JobMatchOptions<J>): Promise<void>;
  /** rspec-rails' have_performed_job: jobs performed while the block ran (await it). */
  toHavePerformedJob(options?: JobMatchOptions): Promise<void>;
  toHavePerformedJob<J extends Job>(job: JobClass<J> | null | undefined, options?: JobMatchOptions<J>): Promise<void>;
  /** rspec-rails' have_been_enqueued, on a job class: every recorded enqueue of it. */
  toHaveBeenEnqueued(options?: JobMatchOptions<InstanceOfJob<T>>): void;
  /** rspec-rails' have_been_performed, on a job class: every recorded perform of it. */
  toHaveBeenPerformed(options?: JobMatchOptions<InstanceOfJob<T>>): void;
  /** rspec-rails' have_enqueued_mail: mail enqueued by the block (deliverLater), by mailer and action (await it). */
  toHaveEnqueuedMail(options?: MailMatchOptions): Promise<void>;
  toHaveEnqueuedMail(mailer: typeof Mailer, options?: MailMatchOptions): Promise<void>;
  toHaveEnqueuedMail(mailer: typeof Mailer, action: string, options?: MailMatchOptions): Promise<void>;
  /** On a mailer class: the mail it delivered (deliverNow, or a MailDeliveryJob performed). */
  toHaveBeenDelivered(options?: DeliveredMailOptions): void;
  /** Within `withinSeconds` of `instant`, inclusive (rspec's a_value_within(n.seconds).of(t)); also `expect.toBeCloseToTime(t, 5)`. */
  toBeCloseToTime(instant: Instant, withinSeconds: number): any;
  /** Rails' assert_error_reported, on a simulation: a report in `sim.errors` of this error class
   * (or class name) with the given handled, severity, source, message and context. */
  toHaveReportedError(error?: string | (abstract new (...a: any[]) => Error) | ReportedErrorOptions, options?: ReportedErrorOptions): void;
}

// As vitest 4 documents custom matchers: `Matchers<T>` types `expect(x).matcher()`, `expect.extend`
// and `expect.matcher()`; `AsymmetricMatchersContaining` types `expect.not.matcher()`. A consumer gets
// them wherever this module is part of the program: imported by a test file or by a setup file
// that tsconfig includes.
declare module "vitest" {
  interface Matchers<T = any> extends JobMatchers<T> {}
  interface AsymmetricMatchersContaining {
    /** Matches a Date (or epoch ms) within `withinSeconds` of `instant`: `at: expect.toBeCloseToTime(t, 5)`. */
    toBeCloseToTime(instant: Instant, withinSeconds: number): any;
  }
}

export * from "./helpers.js";
export { TestAdapter, DEFAULT_TEST_START, type TestAdapterOptions, type AdapterNotice } from "./test-adapter.js";
export type { JobEntry } from "./entry.js";
export type { JobMatchOptions, JobCount } from "./matcher-options.js";
export type { MailMatchOptions, DeliveredMailOptions } from "./mail-matchers.js";
export type { ReportedErrorOptions } from "./error-matcher.js";
export type { JobFilter, JobFilterFn } from "./filters.js";
export type { Instant } from "./instants.js";
export { ArgumentError, AssertionError } from "./errors.js";
export { PRECISION_WARNING } from "./job-matcher.js";
export { verifyPartialDoubles, type PerformSignature } from "./perform-signature.js";
