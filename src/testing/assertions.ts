import { ArgumentError, AssertionError } from "./errors.js";
import { rejecting } from "./rejecting.js";
import { entryPasses, type FilterOptions } from "./filters.js";
import { checkOnlyExcept, checkOptions } from "./options.js";
import { performEnqueuedJobs } from "./perform-enqueued.js";
import { requireTestAdapter } from "./world.js";

// ActiveJob::TestHelper's counting assertions (active-job.md §7.4), for the test adapter.
// A block may be async; the assertion then returns a promise to await.

export type CountOptions = FilterOptions;
type Block = () => unknown;

const KEYS = ["only", "except", "queue"] as const;

export function assertEnqueuedJobs(n: number, options?: CountOptions): void;
export function assertEnqueuedJobs(n: number, block: Block): Promise<void>;
export function assertEnqueuedJobs(n: number, options: CountOptions, block: Block): Promise<void>;
export function assertEnqueuedJobs(n: number, a?: CountOptions | Block, b?: Block): void | Promise<void> {
  const [options, block] = split(a, b);
  return enqueuedCount("assertEnqueuedJobs", n, options, block);
}

// Each helper names itself in its messages (active-job.md §7.2), the no-variants included.
function enqueuedCount(method: string, n: number, options: CountOptions, block: Block | undefined): void | Promise<void> {
  return block === undefined ? countEnqueued(method, n, options) : rejecting(() => countEnqueued(method, n, options, block));
}

function performedCount(method: string, n: number, options: CountOptions, block: Block | undefined): void | Promise<void> {
  return block === undefined ? countPerformed(method, n, options) : rejecting(() => countPerformed(method, n, options, block));
}

function countEnqueued(method: string, n: number, options: CountOptions, block?: Block): void | Promise<void> {
  const expected = checkCount(method, n);
  checkOptions(method, options, KEYS);
  checkOnlyExcept(options);
  const adapter = requireTestAdapter(method).adapter;
  const matching = () => adapter.enqueuedJobs.filter((e) => entryPasses(e, options));
  const check = (actual: number) => assertCount(expected, actual, `${expected} jobs expected, but ${actual} were enqueued`);
  if (block === undefined) return check(matching().length);
  const original = new Set(matching());
  return (async () => {
    await block();
    check(matching().filter((e) => !original.has(e)).length);
  })();
}

export function assertNoEnqueuedJobs(options?: CountOptions): void;
export function assertNoEnqueuedJobs(block: Block): Promise<void>;
export function assertNoEnqueuedJobs(options: CountOptions, block: Block): Promise<void>;
export function assertNoEnqueuedJobs(a?: CountOptions | Block, b?: Block): void | Promise<void> {
  const [options, block] = split(a, b);
  return enqueuedCount("assertNoEnqueuedJobs", 0, options, block);
}

/** With a block: runs it inside performEnqueuedJobs(options) and counts every job performed in it, nested ones included. */
export function assertPerformedJobs(n: number, options?: CountOptions): void;
export function assertPerformedJobs(n: number, block: Block): Promise<void>;
export function assertPerformedJobs(n: number, options: CountOptions, block: Block): Promise<void>;
export function assertPerformedJobs(n: number, a?: CountOptions | Block, b?: Block): void | Promise<void> {
  const [options, block] = split(a, b);
  return performedCount("assertPerformedJobs", n, options, block);
}

function countPerformed(method: string, n: number, options: CountOptions, block?: Block): void | Promise<void> {
  const expected = checkCount(method, n);
  checkOptions(method, options, KEYS);
  checkOnlyExcept(options);
  const adapter = requireTestAdapter(method).adapter;
  const check = (actual: number) => assertCount(expected, actual, `${expected} jobs expected, but ${actual} were performed`);
  if (block === undefined) return check(adapter.performedJobs.filter((e) => entryPasses(e, options)).length);
  const start = adapter.performedJobs.length;
  return (async () => {
    await performEnqueuedJobs(options, block);
    check(adapter.performedJobs.length - start);
  })();
}

export function assertNoPerformedJobs(options?: CountOptions): void;
export function assertNoPerformedJobs(block: Block): Promise<void>;
export function assertNoPerformedJobs(options: CountOptions, block: Block): Promise<void>;
export function assertNoPerformedJobs(a?: CountOptions | Block, b?: Block): void | Promise<void> {
  const [options, block] = split(a, b);
  return performedCount("assertNoPerformedJobs", 0, options, block);
}

function split(a: CountOptions | Block | undefined, b: Block | undefined): [CountOptions, Block | undefined] {
  return typeof a === "function" ? [{}, a] : [a ?? {}, b];
}

function checkCount(method: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new ArgumentError(`${method}: the expected number of jobs must be a non-negative integer, got ${String(n)}`);
  return n;
}

// minitest's assert_equal message: "<message>.\nExpected: n\n  Actual: m".
function assertCount(expected: number, actual: number, message: string): void {
  if (expected !== actual) throw new AssertionError(`${message}.\nExpected: ${expected}\n  Actual: ${actual}`);
}
