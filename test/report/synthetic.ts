import type { TraceEvent, TraceType } from "../../src/sim/trace.js";
import type { JobSummary, ProcessInfo, ScenarioResult } from "../../src/report/types.js";

// A synthetic scenario result built without the engine: workers with threads, jobs arriving over
// half an hour, retries (new row, same activeJobId), failures, discards, a worker that dies mid-job,
// a lost result and a job still running at the end. Deterministic for a given seed.

export const START = Date.UTC(2025, 2, 12, 8, 0, 0);

interface Thread {
  process: string;
  thread: number;
  queues: string[];
  from: number;
  to: number;
  free: number;
}

interface Pending {
  ready: number;
  jobId: number;
  activeJobId: string;
  className: string;
  queue: string;
  attempt: number;
  ordinal: number;
}

/** Pending jobs, earliest ready first (ties: lower id), so big synthetic runs stay fast. */
class ReadyHeap {
  private items: Pending[] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: Pending, b: Pending): boolean {
    return a.ready < b.ready || (a.ready === b.ready && a.jobId < b.jobId);
  }
  push(p: Pending): void {
    const a = this.items;
    a.push(p);
    for (let i = a.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.less(a[i]!, a[up]!)) break;
      [a[i], a[up]] = [a[up]!, a[i]!];
      i = up;
    }
  }
  pop(): Pending {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (Math.imul(this.s, 1664525) + 1013904223) >>> 0;
    return this.s / 2 ** 32;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

export interface SyntheticOptions {
  jobs: number;
  seed?: number;
  hostileArg?: string;
  name?: string;
  /** Threads of each worker (default 3, 2, 2) and minutes over which jobs arrive (default 25). */
  threads?: number;
  minutes?: number;
}

export function syntheticResult(opts: SyntheticOptions): ScenarioResult {
  const rng = new Rng(opts.seed ?? 7);
  const raw: { t: number; order: number; type: TraceType; f: Omit<TraceEvent, "t" | "seq" | "type"> }[] = [];
  let order = 0;
  const ev = (t: number, type: TraceType, f: Omit<TraceEvent, "t" | "seq" | "type"> = {}) => raw.push({ t, order: order++, type, f });
  const minutes = opts.minutes ?? 25;
  const horizon = START + (minutes + 5) * 60_000;
  const deathAt = START + Math.round(minutes * 0.58 * 60_000);

  const processes: ProcessInfo[] = [
    { name: "supervisor-1a2b3c", kind: "Supervisor" },
    { name: "dispatcher-4d5e6f", kind: "Dispatcher", supervisor: "supervisor-1a2b3c" },
    { name: "worker-7a8b9c", kind: "Worker", supervisor: "supervisor-1a2b3c" },
    { name: "worker-0d1e2f", kind: "Worker", supervisor: "supervisor-1a2b3c" },
    { name: "worker-3a4b5c", kind: "Worker", supervisor: "supervisor-1a2b3c" },
    { name: "scheduler-6d7e8f", kind: "Scheduler", supervisor: "supervisor-1a2b3c" },
  ];
  for (const p of processes.slice(0, 4)) ev(START, "process_started", { process: p.name, data: { kind: p.kind } });
  ev(START, "process_started", { process: "scheduler-6d7e8f", data: { kind: "Scheduler" } });
  ev(deathAt, "process_died", { process: "worker-0d1e2f", data: { signal: "KILL" } });
  ev(deathAt + 2_000, "process_started", { process: "worker-3a4b5c", data: { kind: "Worker" } });

  const threads: Thread[] = [];
  for (let i = 0; i < (opts.threads ?? 3); i++) threads.push({ process: "worker-7a8b9c", thread: i, queues: ["default", "payments"], from: START, to: Infinity, free: START });
  for (let i = 0; i < (opts.threads ?? 2); i++) threads.push({ process: "worker-0d1e2f", thread: i, queues: ["mailers"], from: START, to: deathAt, free: START });
  for (let i = 0; i < (opts.threads ?? 2); i++) threads.push({ process: "worker-3a4b5c", thread: i, queues: ["mailers"], from: deathAt + 2_000, to: Infinity, free: deathAt + 2_000 });

  const jobs: JobSummary[] = [];
  let nextId = 1;
  const pending = new ReadyHeap();
  const classes = [
    { className: "SyncInventoryJob", queue: "default", priority: 0 },
    { className: "ChargeCardJob", queue: "payments", priority: 5 },
    { className: "WelcomeMailerJob", queue: "mailers", priority: 10 },
  ];
  const newRow = (t: number, className: string, queue: string, activeJobId: string, args: unknown[], delayMs: number, attempt: number, ordinal: number) => {
    const id = nextId++;
    const priority = className === "ChargeCardJob" ? 5 : className === "WelcomeMailerJob" ? 10 : 0;
    jobs.push({ id, className, queue, priority, activeJobId, status: "ready", args });
    const f = { jobId: id, activeJobId, jobClass: className, queue, priority };
    ev(t, "enqueued", { ...f, data: { scheduledAt: t + delayMs } });
    if (delayMs > 0) {
      ev(t, "scheduled", { ...f, data: { scheduledAt: t + delayMs } });
      ev(t + delayMs, "dispatched", f);
    }
    ev(t + delayMs, "ready", f);
    pending.push({ ready: t + delayMs, jobId: id, activeJobId, className, queue, attempt, ordinal });
    return id;
  };

  for (let i = 0; i < opts.jobs; i++) {
    const c = classes[i % 3]!;
    const t = START + Math.floor((i / opts.jobs) * minutes * 60_000) + rng.int(0, 20_000);
    const aid = `aj-${String(i).padStart(5, "0")}-${rng.int(1000, 9999)}`;
    const args: unknown[] = i === 0 && opts.hostileArg !== undefined ? [opts.hostileArg, { note: "a & b < c" }] : [{ id: 1000 + i }];
    if (i % 10 === 4) {
      ev(t, "recurring_enqueued", { jobClass: c.className, activeJobId: aid, data: { task: "hourly" } });
      newRow(t, c.className, c.queue, aid, args, 0, 1, i);
    } else newRow(t, c.className, c.queue, aid, args, i % 7 === 3 ? rng.int(30_000, 120_000) : 0, 1, i);
  }

  // Greedy dispatch in ready order; retries feed back into `pending`.
  let lostDone = false;
  let runningDone = false;
  while (pending.size > 0) {
    const p = pending.pop();
    const job = jobs[p.jobId - 1]!;
    const f = { jobId: p.jobId, activeJobId: p.activeJobId, jobClass: p.className, queue: p.queue, priority: job.priority };
    let best: Thread | undefined;
    let bestStart = Infinity;
    for (const th of threads) {
      if (!th.queues.includes(p.queue)) continue;
      const s = Math.max(p.ready, th.free, th.from);
      if (s < th.to && s < bestStart) {
        best = th;
        bestStart = s;
      }
    }
    if (best === undefined || bestStart > horizon) continue;
    const start = bestStart;
    // the dying worker is always mid-job when it dies
    const end = best.to !== Infinity && start > best.to - 90_000 ? best.to + 5_000 : start + rng.int(4_000, 70_000);
    const on = { process: best.process, thread: best.thread };
    ev(start, "claimed", { ...f, process: best.process });
    ev(start, "started", { ...f, ...on });
    best.free = end;
    if (end > best.to) {
      job.status = "failed";
      ev(best.to + 10_000, "failed", { ...f, process: "supervisor-1a2b3c", data: { error: "ProcessExitError", message: "process exited" } });
      continue;
    }
    if ((end > horizon || p.ordinal === opts.jobs - 1) && !runningDone) {
      runningDone = true;
      job.status = "claimed";
      best.free = Infinity;
      continue;
    }
    if (p.className === "ChargeCardJob" && p.attempt <= p.ordinal % 4) {
      const wait = 3 * p.attempt ** 4 + 2;
      ev(end, "retried", { jobId: p.jobId, activeJobId: p.activeJobId, jobClass: p.className, queue: p.queue, data: { wait, error: "Timeout: card gateway <slow>" } });
      if (p.attempt >= 3) {
        ev(end, "retry_stopped", { ...f, data: { error: "Timeout", attempts: 3 } });
        ev(end, "failed", { ...f, ...on, data: { error: "Timeout", message: "card gateway <slow>" } });
        job.status = "failed";
        continue;
      }
      newRow(end, p.className, p.queue, p.activeJobId, job.args, wait * 1000, p.attempt + 1, p.ordinal);
      ev(end, "succeeded", { ...f, ...on });
      job.status = "finished";
    } else if (p.ordinal % 11 === 5) {
      ev(end, "failed", { ...f, ...on, data: { error: "ArgumentError", message: "bad <input> & more" } });
      job.status = "failed";
    } else if (p.ordinal % 13 === 6) {
      ev(end, "discarded", { jobId: p.jobId, activeJobId: p.activeJobId, jobClass: p.className, queue: p.queue, data: { error: "ActiveJob::DeserializationError" } });
      ev(end, "succeeded", { ...f, ...on });
      job.status = "finished";
    } else if (!lostDone && p.queue === "default" && start > START + 5 * 60_000) {
      lostDone = true;
      ev(start + 1_000, "released", { ...f, data: { reason: "shutdown" } });
      ev(end, "lost_result", { ...f, ...on, data: { outcome: "succeeded" } });
      job.status = "ready";
    } else {
      ev(end, "succeeded", { ...f, ...on });
      job.status = "finished";
    }
  }

  raw.sort((a, b) => a.t - b.t || a.order - b.order);
  const trace: TraceEvent[] = raw.map((r, seq) => ({ t: r.t, seq, type: r.type, ...r.f }));
  return {
    name: opts.name ?? "Checkout burst with retries",
    file: "scenarios/checkout-burst.yml",
    description: "Synthetic: three queues, a card gateway that times out, a mailer worker killed mid-run.",
    seed: opts.seed ?? 7,
    start: START,
    timeZone: "Europe/Paris",
    passed: false,
    expectations: [
      { name: "every charge finishes or fails", passed: true },
      { name: "no job claimed twice", passed: true },
      { name: "welcome mails sent: 10", passed: false, message: 'expected 10 deliveries, got 8 ("<b>bold</b>" & co)' },
    ],
    trace,
    processes,
    jobs,
    wallMs: 123.4,
  };
}
