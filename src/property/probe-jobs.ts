import { Job } from "../job/job.js";

// Small jobs the built-in properties use to exercise the engine itself: they only take time
// and pass scheduling points, so any misbehaviour seen is the queue's, not theirs.

/** Sleeps `ms`, with a scheduling point before and after. */
export class ProbeJob extends Job {
  override async perform(_tag: number, ms: number): Promise<void> {
    await this.pause();
    if (ms > 0) await this.sleep(ms / 1000);
    await this.pause();
  }
}

/** At most one at a time per key. */
export class LimitedProbeJob extends Job {
  static {
    this.limitsConcurrency({ key: (key: number) => key, to: 1, duration: 60 });
  }
  override async perform(_key: number, ms: number): Promise<void> {
    await this.pause();
    if (ms > 0) await this.sleep(ms / 1000);
  }
}

/** At most two at a time per key, with a short period (expiry is one of the exceptions). */
export class PairLimitedProbeJob extends Job {
  static {
    this.limitsConcurrency({ key: (key: number) => key, to: 2, duration: 5 });
  }
  override async perform(_key: number, ms: number): Promise<void> {
    await this.pause();
    if (ms > 0) await this.sleep(ms / 1000);
  }
}

export class ProbeError extends Error {
  override name = "ProbeError";
}

/** Fixed and polynomial waits, a discard, several declarations counting apart. */
export class RetryProbeJob extends Job {
  static {
    this.retryOn("ProbeTimeout", { wait: 2, attempts: 3 });
    this.retryOn("ProbeRateLimited", { wait: "polynomiallyLonger", attempts: 4 });
    this.discardOn("ProbeGone");
  }
  override perform(): void {}
}

/** A computed wait that moves the retry to another queue and priority; explicit jitter. */
export class RetryElsewhereProbeJob extends Job {
  static {
    this.queueAs("work");
    this.retryOn(ProbeError, { wait: (n: number) => n * 1.5, attempts: 5, queue: "retries", priority: 3 });
    this.retryOn("ProbeJittery", { wait: 10, jitter: 0.5, attempts: 2 });
  }
  override perform(): void {}
}

/** Retries forever; the script is what ends it. */
export class RetryForeverProbeJob extends Job {
  static {
    this.retryOn("ProbeTimeout", { wait: "1 second", attempts: "unlimited" });
  }
  override perform(): void {}
}

/** Fails its first `failures` attempts, retried after a second, three attempts in all. */
export class FlakyProbeJob extends Job {
  static {
    this.retryOn(ProbeError, { wait: 1, attempts: 3 });
  }
  override async perform(failures: number, ms: number): Promise<void> {
    if (ms > 0) await this.sleep(ms / 1000);
    if (this.executions <= failures) throw new ProbeError(`attempt ${this.executions} fails`);
  }
}

/** Limited to one per key; a second one arriving meanwhile is discarded. */
export class DiscardingProbeJob extends Job {
  static {
    this.limitsConcurrency({ key: (key: number) => key, to: 1, duration: 30, onConflict: "discard" });
  }
  override async perform(_key: number, ms: number): Promise<void> {
    if (ms > 0) await this.sleep(ms / 1000);
  }
}
