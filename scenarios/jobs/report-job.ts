import { Job } from "../../src/index.js";

// Enqueued daily by ScheduleDailyTasksJob: writes one report row.
export class ReportJob extends Job {
  override async perform(): Promise<void> {
    await this.db.run("INSERT INTO reports (generated_at) VALUES (?)", [this.now().getTime()]);
  }
}
