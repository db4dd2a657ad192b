import { Job } from "../../src/index.js";
import { User } from "./app.js";
import { rubyFloat } from "./ruby-float.js";

// Seed: ImportDataJob (queue_as :low; a before_enqueue log line; an around_perform that logs
// how long the import took, in virtual time).
export class ImportDataJob extends Job {
  static {
    this.queueAs("low");

    this.beforeEnqueue((job) => {
      job.log(`Enqueueing import for ${String(job.arguments[0])}`);
    });

    this.aroundPerform(async (job, block) => {
      const startTime = job.now().getTime();
      await block();
      const duration = (job.now().getTime() - startTime) / 1000;
      job.log(`Import completed in ${rubyFloat(duration, 2)}s`);
    });
  }

  override async perform(filePath: string, userId: number): Promise<void> {
    const user = await this.find(User, userId);
    await this.services.ImportService.call(filePath, user);
  }
}
