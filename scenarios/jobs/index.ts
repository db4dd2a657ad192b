// The seed document's jobs, ported to jobsim, and the app they run in.
import { BatchProcessJob } from "./batch-process-job.js";
import { CleanupJob } from "./cleanup-job.js";
import { CleanupSessionsJob } from "./cleanup-sessions-job.js";
import { DailyDigestJob } from "./daily-digest-job.js";
import { ExportJob } from "./export-job.js";
import { ImportDataJob } from "./import-data-job.js";
import { ImportJob } from "./import-job.js";
import { ProcessPaymentJob } from "./process-payment-job.js";
import { ProcessWebhookJob } from "./process-webhook-job.js";
import { ReportJob } from "./report-job.js";
import { ScheduleDailyTasksJob } from "./schedule-daily-tasks-job.js";
import { SendWelcomeEmailJob } from "./send-welcome-email-job.js";
import { SyncInventoryJob } from "./sync-inventory-job.js";
import { UnreliableApiJob } from "./unreliable-api-job.js";

export * from "./app.js";
export { enqueuePendingRecords, type RowReader } from "./batch-process-job.js";
export { tomorrowMidnight } from "./schedule-daily-tasks-job.js";
export {
  BatchProcessJob,
  CleanupJob,
  CleanupSessionsJob,
  DailyDigestJob,
  ExportJob,
  ImportDataJob,
  ImportJob,
  ProcessPaymentJob,
  ProcessWebhookJob,
  ReportJob,
  ScheduleDailyTasksJob,
  SendWelcomeEmailJob,
  SyncInventoryJob,
  UnreliableApiJob,
};

/** Every job class above, for createSimulation({ jobs }). */
export const JOBS = [
  SendWelcomeEmailJob,
  ProcessPaymentJob,
  ImportDataJob,
  BatchProcessJob,
  ProcessWebhookJob,
  ExportJob,
  ScheduleDailyTasksJob,
  UnreliableApiJob,
  ImportJob,
  CleanupSessionsJob,
  DailyDigestJob,
  SyncInventoryJob,
  CleanupJob,
  ReportJob,
];
