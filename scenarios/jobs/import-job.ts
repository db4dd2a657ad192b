import { Job, mail } from "../../src/index.js";
import { AdminNotifier, ImportValidationError } from "./app.js";

// Seed: ImportJob (custom error handling): a validation error is logged and reported to the
// admin by mail, and the job ends without a retry; any other error propagates.
//
// The seed passes the exception itself (`AdminNotifier.import_failed(e).deliver_later`). An
// exception is not a job argument, so Rails raises ActiveJob::SerializationError there and the
// job fails; jobsim does the same. This port passes the message instead.
export class ImportJob extends Job {
  override async perform(filePath: string): Promise<void> {
    try {
      await this.services.ImportService.call(filePath);
    } catch (e) {
      if (!(e instanceof ImportValidationError)) throw e;
      // Log and notify, but don't retry
      this.log(`Import validation failed: ${e.message}`);
      await mail(AdminNotifier, "importFailed", e.message).deliverLater();
    }
  }
}
