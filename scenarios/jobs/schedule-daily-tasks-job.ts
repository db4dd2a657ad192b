import { Job } from "../../src/index.js";
import { CleanupJob } from "./cleanup-job.js";
import { ReportJob } from "./report-job.js";

// Seed: ScheduleDailyTasksJob (manual scheduling): it enqueues itself again for tomorrow at
// midnight, then today's CleanupJob and ReportJob. Time.zone is UTC, Rails' default.
export class ScheduleDailyTasksJob extends Job {
  override async perform(): Promise<void> {
    // Schedule tomorrow's run
    await ScheduleDailyTasksJob.set({ waitUntil: tomorrowMidnight(this.now()) }).performLater();

    // Run daily tasks
    await CleanupJob.performLater();
    await ReportJob.performLater();
  }
}

/** Date.tomorrow.midnight in UTC. */
export function tomorrowMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
