import { EnqueueError } from "../../../src/engine/enqueue.js";
import type { DeserializeContext } from "../../../src/job/arguments.js";
import { useEnvironment, type JobEnvironment, type JobNotice, type PerformContext } from "../../../src/job/environment.js";
import { Job } from "../../../src/job/job.js";
import type { DeliveredMail } from "../../../src/job/mailer.js";
import type { JobPayload } from "../../../src/job/payload.js";
import { defaultSerializers } from "../../../src/job/serializers.js";
import { START } from "../../helpers/world.js";

// A minimal world for Active Job semantics without a store: it records what the adapter is given
// (Rails' test adapter entries, reduced), scripts random draws, and can make the adapter fail.

export interface Recorded {
  payload: JobPayload;
  /** Float epoch seconds, only for enqueue_at (as the test adapter's :at). */
  at?: number;
  job: Job;
}

export class FakeEnvironment implements JobEnvironment {
  readonly name = "fake";
  time = START;
  readonly enqueued: Recorded[] = [];
  readonly notices: { type: JobNotice; jobId: string; data?: Record<string, unknown> }[] = [];
  readonly logs: string[] = [];
  readonly delivered: DeliveredMail[] = [];
  /** Values random() returns, in order; an empty list makes random() throw (it must not be drawn). */
  draws: number[] = [];
  randomCalls = 0;
  /** The test adapter's perform mode: each enqueued job runs at once, nested in its enqueuer. */
  performImmediately = false;
  readonly performed: JobPayload[] = [];
  /** Make the next n adapter calls raise EnqueueError. */
  failNext = 0;
  private ids = 0;

  now(): number {
    return this.time;
  }

  random(): number {
    this.randomCalls++;
    const v = this.draws.shift();
    if (v === undefined) throw new Error("random() was drawn but no draw was scripted");
    return v;
  }

  newJobId(): string {
    this.ids++;
    return `00000000-0000-4000-8000-${String(this.ids).padStart(12, "0")}`;
  }

  async enqueue(job: Job): Promise<void> {
    await this.record(job);
  }

  async enqueueAt(job: Job, timestampSeconds: number): Promise<void> {
    await this.record(job, timestampSeconds);
  }

  notify(type: JobNotice, job: Job, data?: Record<string, unknown>): void {
    this.notices.push(data === undefined ? { type, jobId: job.jobId } : { type, jobId: job.jobId, data });
  }

  inlineContext(): PerformContext {
    const env = this;
    const noDb = async (): Promise<never> => {
      throw new Error("the fake environment has no database");
    };
    return {
      db: { all: noDb, get: noDb, run: noDb, exec: noDb, transaction: noDb },
      sleep: async (seconds) => {
        env.time += seconds * 1000;
      },
      pause: async () => {},
      log: (message) => env.logs.push(message),
      callService: noDb,
    };
  }

  deserializeContext(): DeserializeContext {
    return { registry: defaultSerializers };
  }

  serializers() {
    return defaultSerializers;
  }

  deliver(mail: DeliveredMail): void {
    this.delivered.push(mail);
  }

  /** The notices, without the ends of instrumented blocks (performed, enqueue_finished,
   * retry_enqueued): those only time Active Job's events; instrumentation tests cover them. */
  noticeTypes(): JobNotice[] {
    const blockEnds: JobNotice[] = ["performed", "enqueue_finished", "retry_enqueued"];
    return this.notices.map((n) => n.type).filter((t) => !blockEnds.includes(t));
  }

  private async record(job: Job, at?: number): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new EnqueueError(new Error("adapter down"));
    }
    const entry: Recorded = { payload: job.serialize(), job };
    if (at !== undefined) entry.at = at;
    if (!this.performImmediately) {
      this.enqueued.push(entry);
      return;
    }
    // As the test adapter: counted as performed first, then run on a fresh instance.
    this.performed.push(entry.payload);
    const cls = job.constructor as typeof Job;
    await cls.deserialize(JSON.parse(JSON.stringify(entry.payload)) as JobPayload).performNow();
  }
}

/** Runs `fn` with a fresh FakeEnvironment current. */
export async function withFakeEnvironment<T>(fn: (env: FakeEnvironment) => T | Promise<T>): Promise<T> {
  const env = new FakeEnvironment();
  const restore = useEnvironment(env);
  try {
    return await fn(env);
  } finally {
    restore();
  }
}
