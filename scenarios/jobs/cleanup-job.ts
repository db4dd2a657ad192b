import { Job } from "../../src/index.js";

// Enqueued daily by ScheduleDailyTasksJob: drops sessions idle for 30 days.
export class CleanupJob extends Job {
  override async perform(): Promise<void> {
    const cutoff = this.now().getTime() - 30 * 86_400_000;
    const { changes } = await this.db.run("DELETE FROM sessions WHERE updated_at < ?", [cutoff]);
    this.log(`Cleanup removed ${changes} sessions`);
  }
}
