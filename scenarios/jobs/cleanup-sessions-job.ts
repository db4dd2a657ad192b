import { Job } from "../../src/index.js";

// Recurring (config/recurring.yml: cleanup_old_sessions, every day at 3am).
export class CleanupSessionsJob extends Job {
  override async perform(): Promise<void> {
    const cutoff = this.now().getTime() - 30 * 86_400_000;
    await this.db.run("DELETE FROM sessions WHERE updated_at < ?", [cutoff]);
  }
}
