import type { TraceEvent } from "../../sim/trace.js";
import type { WorldRun } from "../world.js";
import type { RetryModel } from "./retry-model.js";

// The engine's run of one job against what Active Job defines for its failure script: the
// number of attempts, their order (each a new row, each after the one before), each retry's
// delay, the retry row's due time (never started before it, nor later than the dispatcher's
// and the worker's polling allow), and the final state of the rows.

export interface RetryCheckOptions {
  className: string;
  /** How late after its due time an attempt may start (polling). */
  slackMs: number;
  /** The first attempt's enqueue delay. */
  waitMs: number;
  script: readonly (string | null)[];
}

const EPSILON = 1e-6;

export function checkRetries(run: WorldRun, model: RetryModel, o: RetryCheckOptions): string[] {
  const mine = run.events.filter((e) => e.jobClass === o.className);
  const starts = mine.filter((e) => e.type === "started");
  const script = `script [${o.script.map((s) => s ?? "ok").join(", ")}]`;
  const expected = model.attempts.length;
  if (starts.length !== expected) {
    const want = model.attempts.map((a) => `${a.error ?? "ok"} -> ${a.outcome}`).join(", ");
    return [`${o.className} ran ${starts.length} times; for ${script} Active Job defines ${expected} attempts (${want})`];
  }
  const problems: string[] = [];
  const enqueued = mine.filter((e) => e.type === "enqueued");
  const first = enqueued[0];
  if (first !== undefined) problems.push(...timing(`attempt 1`, first.t + o.waitMs, starts[0]!, o.slackMs));
  for (let i = 0; i < expected; i++) {
    const a = model.attempts[i]!;
    const start = starts[i]!;
    const row = start.jobId;
    const label = `attempt ${i + 1} (${a.error ?? "ok"})`;
    if (i > 0 && row !== undefined && starts[i - 1]!.jobId !== undefined && row <= starts[i - 1]!.jobId!) problems.push(`${label} ran on row ${row}, not on a newer row than attempt ${i}'s (${starts[i - 1]!.jobId})`);
    const status = run.jobs.find((j) => j.id === row)?.status;
    if (a.outcome === "retried") {
      const retried = mine.find((e) => e.type === "retried" && e.jobId === row && e.seq > start.seq);
      if (retried === undefined) {
        problems.push(`${label} should have been retried (${a.error} is handled by retryOn) but no retry was recorded`);
        break;
      }
      const wait = Number((retried.data as { wait?: unknown } | undefined)?.wait);
      const [lo, hi] = a.delay!;
      if (!(wait >= lo - EPSILON && wait <= hi + EPSILON)) problems.push(`${label} was retried after ${wait}s; retryOn defines ${lo === hi ? `${lo}s` : `${lo}s to ${hi}s`}`);
      const next = mine.find((e) => e.type === "enqueued" && e.seq > retried.seq && e.activeJobId === retried.activeJobId);
      if (next === undefined) {
        problems.push(`${label} was retried but no new row was enqueued`);
        break;
      }
      const due = Number((next.data as { scheduledAt?: unknown } | undefined)?.scheduledAt);
      if (Math.abs(due - (retried.t + wait * 1000)) > 1) problems.push(`the row for attempt ${i + 2} is due at ${iso(due)}, not ${wait}s after the retry at ${iso(retried.t)}`);
      problems.push(...timing(`attempt ${i + 2}`, due, starts[i + 1]!, o.slackMs));
      if (a.queue !== undefined && next.queue !== a.queue) problems.push(`attempt ${i + 2} went to queue ${next.queue}; retryOn moves it to ${a.queue}`);
      if (a.priority !== undefined && next.priority !== a.priority) problems.push(`attempt ${i + 2} has priority ${next.priority}; retryOn gives it ${a.priority}`);
      if (status !== "finished") problems.push(`${label}'s row is ${status}; a retried row is finished`);
    } else if (i === expected - 1) {
      const want = model.final;
      if (want !== "either" && status !== want) problems.push(`${label} ended ${status}; for ${a.outcome} Active Job leaves the job ${want}`);
    }
    if (problems.length >= 5) break;
  }
  return problems;
}

function timing(label: string, due: number, start: TraceEvent, slackMs: number): string[] {
  if (start.t < due) return [`${label} started at ${iso(start.t)}, before it was due at ${iso(due)}`];
  if (start.t - due > slackMs) return [`${label} started at ${iso(start.t)}, ${start.t - due} ms after it was due at ${iso(due)} (polling allows ${slackMs} ms)`];
  return [];
}

function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}
