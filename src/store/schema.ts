// Solid Queue's tables (spec §1): same names, columns, unique and ordering indexes. Ids are
// assigned by the store from per-table counters, so they are strictly increasing and never
// reused, as with Rails' AUTOINCREMENT keys on SQLite.

export const SCHEMA = `
CREATE TABLE solid_queue_jobs (
  id INTEGER PRIMARY KEY NOT NULL,
  queue_name VARCHAR(255) NOT NULL,
  class_name VARCHAR(255) NOT NULL,
  arguments TEXT,
  priority INTEGER NOT NULL DEFAULT 0,
  active_job_id VARCHAR(255),
  scheduled_at DATETIME(6),
  finished_at DATETIME(6),
  concurrency_key VARCHAR(255),
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE INDEX index_solid_queue_jobs_on_active_job_id ON solid_queue_jobs (active_job_id);
CREATE INDEX index_solid_queue_jobs_on_class_name ON solid_queue_jobs (class_name);
CREATE INDEX index_solid_queue_jobs_on_finished_at ON solid_queue_jobs (finished_at);
CREATE INDEX index_solid_queue_jobs_for_filtering ON solid_queue_jobs (queue_name, finished_at);
CREATE INDEX index_solid_queue_jobs_for_alerting ON solid_queue_jobs (scheduled_at, finished_at);

CREATE TABLE solid_queue_ready_executions (
  id INTEGER PRIMARY KEY NOT NULL,
  job_id INTEGER NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
  queue_name VARCHAR(255) NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_ready_executions_on_job_id ON solid_queue_ready_executions (job_id);
CREATE INDEX index_solid_queue_poll_all ON solid_queue_ready_executions (priority, job_id);
CREATE INDEX index_solid_queue_poll_by_queue ON solid_queue_ready_executions (queue_name, priority, job_id);

CREATE TABLE solid_queue_scheduled_executions (
  id INTEGER PRIMARY KEY NOT NULL,
  job_id INTEGER NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
  queue_name VARCHAR(255) NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  scheduled_at DATETIME(6) NOT NULL,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_scheduled_executions_on_job_id ON solid_queue_scheduled_executions (job_id);
CREATE INDEX index_solid_queue_dispatch_all ON solid_queue_scheduled_executions (scheduled_at, priority, job_id);

CREATE TABLE solid_queue_claimed_executions (
  id INTEGER PRIMARY KEY NOT NULL,
  job_id INTEGER NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
  process_id BIGINT,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_claimed_executions_on_job_id ON solid_queue_claimed_executions (job_id);
CREATE INDEX index_solid_queue_claimed_executions_on_process_id_and_job_id ON solid_queue_claimed_executions (process_id, job_id);

CREATE TABLE solid_queue_blocked_executions (
  id INTEGER PRIMARY KEY NOT NULL,
  job_id INTEGER NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
  queue_name VARCHAR(255) NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  concurrency_key VARCHAR(255) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_blocked_executions_on_job_id ON solid_queue_blocked_executions (job_id);
CREATE INDEX index_solid_queue_blocked_executions_for_release ON solid_queue_blocked_executions (concurrency_key, priority, job_id);
CREATE INDEX index_solid_queue_blocked_executions_for_maintenance ON solid_queue_blocked_executions (expires_at, concurrency_key);

CREATE TABLE solid_queue_failed_executions (
  id INTEGER PRIMARY KEY NOT NULL,
  job_id INTEGER NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
  error TEXT,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_failed_executions_on_job_id ON solid_queue_failed_executions (job_id);

CREATE TABLE solid_queue_pauses (
  id INTEGER PRIMARY KEY NOT NULL,
  queue_name VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_pauses_on_queue_name ON solid_queue_pauses (queue_name);

CREATE TABLE solid_queue_processes (
  id INTEGER PRIMARY KEY NOT NULL,
  kind VARCHAR(255) NOT NULL,
  last_heartbeat_at DATETIME(6) NOT NULL,
  supervisor_id BIGINT,
  pid INTEGER NOT NULL,
  hostname VARCHAR(255),
  metadata TEXT,
  created_at DATETIME(6) NOT NULL,
  name VARCHAR(255) NOT NULL
);
CREATE INDEX index_solid_queue_processes_on_last_heartbeat_at ON solid_queue_processes (last_heartbeat_at);
CREATE UNIQUE INDEX index_solid_queue_processes_on_name_and_supervisor_id ON solid_queue_processes (name, supervisor_id);
CREATE INDEX index_solid_queue_processes_on_supervisor_id ON solid_queue_processes (supervisor_id);

CREATE TABLE solid_queue_semaphores (
  id INTEGER PRIMARY KEY NOT NULL,
  key VARCHAR(255) NOT NULL,
  value INTEGER NOT NULL DEFAULT 1,
  expires_at DATETIME(6) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE INDEX index_solid_queue_semaphores_on_expires_at ON solid_queue_semaphores (expires_at);
CREATE INDEX index_solid_queue_semaphores_on_key_and_value ON solid_queue_semaphores (key, value);
CREATE UNIQUE INDEX index_solid_queue_semaphores_on_key ON solid_queue_semaphores (key);

CREATE TABLE solid_queue_recurring_tasks (
  id INTEGER PRIMARY KEY NOT NULL,
  key VARCHAR(255) NOT NULL,
  schedule VARCHAR(255) NOT NULL,
  command VARCHAR(2048),
  class_name VARCHAR(255),
  arguments TEXT,
  queue_name VARCHAR(255),
  priority INTEGER DEFAULT 0,
  static BOOLEAN NOT NULL DEFAULT 1,
  description TEXT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_recurring_tasks_on_key ON solid_queue_recurring_tasks (key);
CREATE INDEX index_solid_queue_recurring_tasks_on_static ON solid_queue_recurring_tasks (static);

CREATE TABLE solid_queue_recurring_executions (
  id INTEGER PRIMARY KEY NOT NULL,
  job_id INTEGER NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
  task_key VARCHAR(255) NOT NULL,
  run_at DATETIME(6) NOT NULL,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_recurring_executions_on_job_id ON solid_queue_recurring_executions (job_id);
CREATE UNIQUE INDEX index_solid_queue_recurring_executions_on_task_key_and_run_at ON solid_queue_recurring_executions (task_key, run_at);
`;

export const TABLES = [
  "solid_queue_jobs",
  "solid_queue_ready_executions",
  "solid_queue_scheduled_executions",
  "solid_queue_claimed_executions",
  "solid_queue_blocked_executions",
  "solid_queue_failed_executions",
  "solid_queue_pauses",
  "solid_queue_processes",
  "solid_queue_semaphores",
  "solid_queue_recurring_tasks",
  "solid_queue_recurring_executions",
] as const;

export type TableName = (typeof TABLES)[number];
