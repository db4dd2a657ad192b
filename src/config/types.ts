// Public shapes of the loaded Rails config files (queue.yml, recurring.yml).
// Durations are seconds, as written in the files.

export interface SourcePos {
  file: string;
  line: number; // 1-based
  col: number; // 1-based, in UTF-16 code units
}

export interface WorkerConfig {
  /** As written, each entry stripped; `[]` (from `queues:` empty) means all queues to Solid Queue. */
  queues: string[];
  threads: number;
  processes: number;
  pollingInterval: number;
  pos?: SourcePos;
}

export interface DispatcherConfig {
  pollingInterval: number;
  batchSize: number;
  concurrencyMaintenance: boolean;
  concurrencyMaintenanceInterval: number;
  pos?: SourcePos;
}

export interface SchedulerConfig {
  dynamicTasksEnabled: boolean;
  pollingInterval: number;
  pos?: SourcePos;
}

export interface QueueConfig {
  workers: WorkerConfig[];
  dispatchers: DispatcherConfig[];
  scheduler: SchedulerConfig;
  warnings: string[];
  file?: string;
  /** The environment section that was used; undefined when the whole file was the config. */
  section?: string;
  /** True when none of workers/dispatchers/scheduler was given and Solid Queue's fallback applies. */
  fallback?: boolean;
}

export interface RecurringTaskConfig {
  key: string;
  className?: string;
  command?: string;
  /** Positional arguments; a trailing plain object is keyword arguments (as Solid Queue passes it). */
  args: unknown[];
  queue?: string;
  priority?: number;
  /** Kept verbatim (a null schedule becomes ""); parsing and validation belong to the schedule module. */
  schedule: string;
  description?: string;
  /** Position of the task's key. */
  pos: SourcePos;
  /** Position of the schedule value, for schedule errors. */
  schedulePos: SourcePos;
}

export interface RecurringConfig {
  tasks: RecurringTaskConfig[];
  warnings: string[];
  file?: string;
  section?: string;
}

/** Options shared by both loaders. */
export interface LoadOptions {
  /** File to read; with `text` it only names the source in messages. */
  path?: string;
  /** Content given inline (scenario files); takes precedence over reading `path`. */
  text?: string;
  /** Rails environment name; default "development". */
  env?: string;
  /** ENV as seen by the ERB subset. Never defaults to process.env: unset means empty. */
  vars?: Record<string, string | undefined>;
  /**
   * The virtual CPU count the ERB reads as Concurrent.processor_count, physical_processor_count,
   * available_processor_count and Etc.nprocessors. Default 1, with a warning when the file reads it.
   */
  cpuCount?: number;
  /** For inline text embedded in another file: added to every reported line. */
  lineOffset?: number;
  /** For inline text embedded in another file: added to every reported column. */
  colOffset?: number;
}
