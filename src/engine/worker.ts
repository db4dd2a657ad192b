import type { FailedError } from "../store/failed-executions.js";
import type { JobRow } from "../store/jobs.js";
import { claim } from "./claim.js";
import type { Timer } from "./event-queue.js";
import { failClaimed, finishClaimed, releaseClaimsOf } from "./finalize.js";
import { Poller } from "./poller.js";
import { QueueProcess } from "./process.js";
import { parseQueueEntries, selects, type QueueEntry } from "./queue-selector.js";
import { Phase, type EngineRuntime } from "./runtime.js";

// A worker (spec §2.4, §5.4): polls for as many jobs as it has idle threads, runs them as
// concurrent tasks, sleeps polling_interval while a thread is idle or 600 s when all are busy,
// and is woken by every job completion.
//
// Poll skipping (engine/poller.ts): a poll of an idle worker that finds nothing changes nothing.
// Instead of scheduling it, the worker goes quiet and, when a job becomes ready in a queue it
// reads, schedules the first tick that polling would have reached. Event order at one instant
// does not depend on when an event was scheduled, so the trace is the same.

export interface WorkerOptions {
  queues: string[];
  threads: number;
  pollingInterval: number; // ms
}

export type PerformOutcome = { ok: true } | { ok: false; error: FailedError };

/** Runs a claimed job on one of the worker's threads. */
export type PerformFn = (worker: Worker, thread: number, job: JobRow) => Promise<PerformOutcome>;

const FULL_POOL_SLEEP = 600_000;
const NO_PAYLOAD = () => ({});

export class Worker extends QueueProcess {
  readonly entries: QueueEntry[];
  /** thread index → job running on it */
  readonly running = new Map<number, JobRow>();
  private readonly poller: Poller;
  private drainTimer: Timer | null = null;

  constructor(
    rt: EngineRuntime,
    owner: number,
    supervisorId: number | null,
    readonly options: WorkerOptions,
    private readonly perform: PerformFn,
  ) {
    super(rt, "Worker", owner, supervisorId);
    this.entries = parseQueueEntries(options.queues);
    this.poller = new Poller(rt, Phase.Worker, owner, options.pollingInterval, () => this.poll());
  }

  metadata(): Record<string, unknown> {
    return { queues: this.options.queues.join(","), polling_interval: this.options.pollingInterval / 1000, thread_pool_size: this.options.threads };
  }

  get idleThreads(): number {
    return this.options.threads - this.running.size;
  }

  protected start(): void {
    this.poller.start();
  }

  private poll(): void {
    if (this.state !== "running") return;
    const idle = this.idleThreads;
    // with_polling_volume: one polling.solid_queue per poll (spec §9.8).
    const jobs = claim(this.rt, this.entries, idle, this.id, this.name);
    this.rt.instrument("polling", NO_PAYLOAD);
    for (const job of jobs) this.startJob(job);
    const now = this.rt.mono();
    if (this.idleThreads === 0) this.poller.pollAt(now + FULL_POOL_SLEEP);
    else if (jobs.length === 0 && this.rt.settings.pollSkipping && !this.rt.listening("polling")) this.poller.goQuiet(now);
    else this.poller.pollAfterInterval(now);
  }

  /** A job became ready in `queue` (or a queue was resumed): wake at the next poll tick. */
  notifyReady(queue: string | null): void {
    if (!this.poller.quiet || this.state !== "running") return;
    if (queue !== null && !selects(this.entries, queue)) return;
    this.poller.pollAt(this.poller.gridTick(this.rt.currentKey().time));
  }

  private startJob(job: JobRow): void {
    let thread = 0;
    while (this.running.has(thread)) thread++;
    this.running.set(thread, job);
    this.perform(this, thread, job).then(
      (outcome) => this.jobDone(thread, job, outcome),
      (error) => this.jobDone(thread, job, { ok: false, error: { exception_class: "Error", message: String(error), backtrace: [] } }),
    );
  }

  private jobDone(thread: number, job: JobRow, outcome: PerformOutcome): void {
    // A dead process records nothing: its claims wait for the supervisor or the pruner.
    if (this.state === "dead") {
      this.onJobSettled(job);
      return;
    }
    if (this.running.get(thread) === job) this.running.delete(thread);
    const fields = { process: this.name, thread };
    if (outcome.ok) finishClaimed(this.rt, job, this.id, fields);
    else failClaimed(this.rt, job, outcome.error, this.id, fields);
    if (this.state === "running") this.wake();
    else if (this.state === "stopping" && this.running.size === 0) this.deregister();
    this.onJobSettled(job);
  }

  /** Called once a job's execution is fully recorded (the world stops waiting for its thread). */
  onJobSettled: (job: JobRow) => void = () => {};

  /** A completion wakes the worker: poll at this instant (several wake-ups collapse into one). */
  private wake(): void {
    const now = this.rt.mono();
    if (this.poller.nextAt === now) return;
    this.poller.pollAt(now);
  }

  protected override drain(): void {
    this.poller.stop();
    if (this.running.size === 0) {
      this.deregister();
      return;
    }
    this.drainTimer = this.rt.at(this.rt.mono() + this.rt.settings.shutdownTimeout, Phase.Worker, this.owner, () => this.deregister());
  }

  protected override releaseClaims(): void {
    // Threads still running find no claim when they return and record nothing.
    releaseClaimsOf(this.rt, this.id, "shutdown");
  }

  protected cancelTimers(): void {
    this.poller.stop();
    this.drainTimer?.cancel();
  }
}
