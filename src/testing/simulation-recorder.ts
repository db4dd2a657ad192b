import type { JobClass } from "../job/job.js";
import type { JobPayload } from "../job/payload.js";
import type { Simulation } from "../sim/simulation.js";
import type { TraceEvent } from "../sim/trace.js";
import { entryFromPayload, type JobEntry } from "./entry.js";
import { JobTimes } from "./job-times.js";

// The simulation's counterparts of enqueued_jobs and performed_jobs, read from the trace:
// "enqueued" is every job row inserted (a retry is a new row, as in Solid Queue) and
// "performed" is every execution a worker started. Each entry is taken from the row at the
// moment of the event, so rows cleared later (clear_finished_jobs_after) still count.

const ROW_SQL = "SELECT class_name, arguments FROM solid_queue_jobs WHERE id = ?";

interface Recorded {
  event: TraceEvent;
  entry: JobEntry;
}

export class SimulationRecorder {
  private readonly enqueued: Recorded[] = [];
  private readonly performed: Recorded[] = [];
  private readonly stop: () => void;
  /** The trace's times of each entry's enqueue and start (for attemptsAt). */
  readonly times = new JobTimes();

  constructor(readonly sim: Simulation) {
    for (const e of sim.trace.events) this.take(e);
    this.stop = sim.trace.onEvent((e) => this.take(e));
  }

  enqueuedJobs(): JobEntry[] {
    return this.live(this.enqueued);
  }

  performedJobs(): JobEntry[] {
    return this.live(this.performed);
  }

  detach(): void {
    this.stop();
  }

  private take(e: TraceEvent): void {
    if (e.jobId === undefined || (e.type !== "enqueued" && e.type !== "started")) return;
    const entry = this.entryOf(e.jobId);
    if (entry === undefined) return;
    if (e.type === "enqueued") {
      this.enqueued.push({ event: e, entry });
      this.times.recordEnqueue(entry, e.t);
    } else {
      this.performed.push({ event: e, entry });
      this.times.recordPerform(entry, e.t);
    }
  }

  // A raw prepared statement: it bypasses the fault injector's hook, so reading never fails
  // (or counts) an injected SQL fault.
  private entryOf(jobId: number): JobEntry | undefined {
    const stmt = this.sim.db.prepare(ROW_SQL);
    try {
      stmt.bind([jobId]);
      if (!stmt.step()) return undefined;
      const [className, args] = stmt.get() as [string, string];
      const cls = this.sim.registry.get(className) as JobClass | undefined;
      return entryFromPayload(JSON.parse(args) as JobPayload, cls);
    } finally {
      stmt.reset();
    }
  }

  // An enqueue rolled back by an injected fault drops its trace events: drop its entry too.
  // (With a traceLimit the trace stops keeping events; then every entry stays.)
  private live(list: Recorded[]): JobEntry[] {
    if (this.sim.trace.dropped > 0) return list.map((r) => r.entry);
    const kept = new Set(this.sim.trace.events);
    return list.filter((r) => kept.has(r.event)).map((r) => r.entry);
  }
}
