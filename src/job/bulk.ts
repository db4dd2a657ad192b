import type { Job } from "./job.js";

// ActiveJob.perform_all_later (active-job.md §3.5): no enqueue callbacks; one adapter call per
// environment; each job's successfullyEnqueued tells how it went. Returns nothing, as Rails.

export async function performAllLater(...jobs: (Job | Job[])[]): Promise<void> {
  const list = jobs.flat();
  const groups = new Map<Job["env"], Job[]>();
  for (const j of list) {
    const g = groups.get(j.env);
    if (g === undefined) groups.set(j.env, [j]);
    else g.push(j);
  }
  for (const [env, group] of groups) {
    for (const j of group) {
      j.successfullyEnqueued = false;
      j.enqueueError = null;
    }
    if (env.enqueueAll !== undefined) {
      await env.enqueueAll(group);
      continue;
    }
    for (const j of group) {
      try {
        if (j.scheduledAt !== null) await env.enqueueAt(j, j.scheduledAt / 1000);
        else await env.enqueue(j);
        j.successfullyEnqueued = true;
      } catch (e) {
        if ((e as Error)?.name === "EnqueueError") j.enqueueError = e as Error;
        else throw e;
      }
    }
  }
}
