import type { Execution } from "./executions.js";
import type { JobGroups } from "./job-groups.js";
import type { ExpectationResult } from "./types.js";

// The executions that explain a failed expectation, for the top of the page: for a latency
// bound the longest waits where it applies; otherwise the attempts that went wrong (failed
// first, then retried, discarded, killed, lost) of the job class or job it is about, or of any
// job when it names none (invariants, a table count). At most EVIDENCE_LIMIT, earliest first
// within a kind.

export const EVIDENCE_LIMIT = 5;
const BAD: readonly Execution["outcome"][] = ["failed", "killed", "lost", "retried", "discarded"];

export function failureEvidence(e: ExpectationResult, execs: readonly Execution[], waits: readonly number[], jg: JobGroups): number[] {
  if (e.passed) return [];
  const f = e.focus ?? {};
  const group = f.jobId === undefined ? undefined : jg.groups.findIndex((g) => g.ids.includes(f.jobId!));
  const inFocus = (x: Execution) =>
    (f.queue === undefined || x.queue === f.queue) &&
    (f.jobClass === undefined || x.className === f.jobClass) &&
    (group === undefined || jg.groupOf.get(x.activeJobId) === group);
  if (f.latency !== undefined) {
    const idx: number[] = [];
    execs.forEach((x, i) => {
      if (waits[i]! >= 0 && inFocus(x)) idx.push(i);
    });
    return idx.sort((a, b) => waits[b]! - waits[a]! || a - b).slice(0, EVIDENCE_LIMIT);
  }
  const out: number[] = [];
  for (const outcome of BAD) {
    for (let i = 0; i < execs.length && out.length < EVIDENCE_LIMIT; i++) if (execs[i]!.outcome === outcome && inFocus(execs[i]!)) out.push(i);
    if (f.failed && outcome === "lost") break; // no_failed_jobs: failed, killed then failed, lost
  }
  return out;
}
