import { OUTCOMES, type ExecutionTable, type Outcome } from "./executions.js";
import { groupOfJob, type JobGroups } from "./job-groups.js";
import type { ExpectationResult } from "./types.js";

// The executions that explain a failed expectation, for the top of the page: for a latency
// bound the longest waits where it applies; otherwise the attempts that went wrong (failed
// first, then retried, discarded, killed, lost) of the job class or job it is about, or of any
// job when it names none (invariants, a table count). At most EVIDENCE_LIMIT, earliest first
// within a kind.

export const EVIDENCE_LIMIT = 5;
const BAD: readonly Outcome[] = ["failed", "killed", "lost", "retried", "discarded"];

export function failureEvidence(e: ExpectationResult, x: ExecutionTable, waits: readonly number[], jg: JobGroups): number[] {
  if (e.passed) return [];
  const f = e.focus ?? {};
  const group = f.jobId === undefined ? undefined : groupOfJob(jg.groups, f.jobId);
  const inFocus = (i: number) =>
    (f.queue === undefined || x.name(x.queue[i]!) === f.queue) &&
    (f.jobClass === undefined || x.name(x.className[i]!) === f.jobClass) &&
    (group === undefined || jg.execGroup[i] === group);
  if (f.latency !== undefined) {
    const idx: number[] = [];
    for (let i = 0; i < x.length; i++) if (waits[i]! >= 0 && inFocus(i)) idx.push(i);
    return idx.sort((a, b) => waits[b]! - waits[a]! || a - b).slice(0, EVIDENCE_LIMIT);
  }
  const out: number[] = [];
  for (const outcome of BAD) {
    const o = OUTCOMES.indexOf(outcome);
    for (let i = 0; i < x.length && out.length < EVIDENCE_LIMIT; i++) if (x.outcome[i] === o && inFocus(i)) out.push(i);
    if (f.failed && outcome === "lost") break; // no_failed_jobs: failed, killed then failed, lost
  }
  return out;
}
