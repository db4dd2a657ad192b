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
    for (const e of sim.trace.all) this.take(e);
    const stopEvents = sim.trace.onEvent((e) => this.take(e));
    const stopRollbacks = sim.trace.onRollback((seq) => this.forgetFrom(seq));
    this.stop = () => {
      stopEvents();
      stopRollbacks();
    };
  }

  enqueuedJobs(): JobEntry[] {
    return this.enqueued.map((r) => r.entry);
  }

  performedJobs(): JobEntry[] {
    return this.performed.map((r) => r.entry);
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

  // An enqueue rolled back by an injected fault drops its trace events (from `seq` on): drop
  // their entries too. Told by the trace, not found by looking for the events: a compact trace
  // builds new event objects when read, and a streamed or limited one holds few or none.
  private forgetFrom(seq: number): void {
    for (const list of [this.enqueued, this.performed]) {
      let n = list.length;
      while (n > 0 && list[n - 1]!.event.seq >= seq) n--;
      list.length = n;
    }
  }
}
