// Loaders for Rails' config/queue.yml and config/recurring.yml, read as Solid Queue reads them.
export type {
  SourcePos,
  WorkerConfig,
  DispatcherConfig,
  SchedulerConfig,
  QueueConfig,
  RecurringTaskConfig,
  RecurringConfig,
  LoadOptions,
} from "./types.js";
export { ConfigError, formatPos } from "./config-error.js";
export type { ConfigIssue } from "./config-error.js";
export { loadQueueConfig, defaultQueueConfig } from "./queue-config.js";
export { loadRecurringConfig } from "./recurring-config.js";
export { suggest } from "./suggest.js";
