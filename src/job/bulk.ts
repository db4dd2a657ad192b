import { adapterEnqueue, enqueuesAfterCommit } from "./enqueuing.js";
import type { Job } from "./job.js";

// ActiveJob.perform_all_later (active-job.md §3.5): no enqueue callbacks; one adapter call per
// environment; each job's successfullyEnqueued tells how it went. Returns nothing, as Rails.
// With a transaction open, jobs of classes with enqueueAfterTransactionCommit go in one batch
// after the commit and the others at once (§3.6).

export async function performAllLater(...jobs: (Job | Job[])[]): Promise<void> {
  const list = jobs.flat();
  const groups = new Map<Job["env"], Job[]>();
  for (const j of list) {
    const g = groups.get(j.env);
    if (g === undefined) groups.set(j.env, [j]);
    else g.push(j);
  }
  for (const [env, group] of groups) {
    const tx = env.transactions;
    if (tx?.inside !== true) {
      await enqueueGroup(env, group);
      continue;
    }
    const deferred = group.filter((j) => enqueuesAfterCommit(j.constructor));
    const immediate = group.filter((j) => !enqueuesAfterCommit(j.constructor));
    if (immediate.length > 0) await enqueueGroup(env, immediate);
    if (deferred.length > 0) await tx.afterCommit(() => enqueueGroup(env, deferred));
  }
}

async function enqueueGroup(env: Job["env"], group: Job[]): Promise<void> {
  for (const j of group) {
    j.successfullyEnqueued = false;
    j.enqueueError = null;
  }
  if (env.enqueueAll !== undefined) {
    await env.enqueueAll(group);
    return;
  }
  for (const j of group) await adapterEnqueue(j);
}
