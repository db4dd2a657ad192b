// jobsim's public API. Re-exports only; each name lives in the module named after it.

export { Job, ConfiguredJob, NotImplementedError, type Args, type JobClass, type SetOptions, type RetryJobOptions } from "./job/job.js";
export { performAllLater } from "./job/bulk.js";
export { serializeArguments, deserializeArguments, type JsonValue, type JsonObject, type DeserializeContext } from "./job/arguments.js";
export type { JobPayload } from "./job/payload.js";
export { Mailer, MailDeliveryJob, mail, type Mail, type DeliveredMail } from "./job/mailer.js";
export { defineModel, makeLocator, ModelRecord, ModelRegistry, type Model, type ModelOptions, type SqlReader, type Locator, type RecordId } from "./job/model.js";
export { SerializerRegistry, defaultSerializers, type Serializer } from "./job/serializers.js";
export { SerializationError, DeserializationError, RecordNotFoundDeserializationError, RecordNotFound, DurationError, ArgumentError } from "./job/errors.js";
export { Rollback, TransactionScopeError } from "./job/transactions.js";
export { parseDuration, formatDuration } from "./job/duration.js";
export { UnknownJobClassError } from "./job/registry.js";
export { useEnvironment, currentEnvironment, type JobEnvironment } from "./job/environment.js";
export { EnqueueError } from "./engine/enqueue.js";
export { Simulation, createSimulation, NotSettledError, type SimulationOptions, type LifecycleHook, type HookName } from "./sim/simulation.js";
export { WorldTemplate } from "./sim/world-template.js";
export { InvariantError } from "./sim/invariants.js";
export { RecordInvalid, type DynamicTaskOptions } from "./engine/recurring-tasks.js";
export { namedError, type ServiceOutcome, type ServiceCall } from "./sim/services.js";
export { seededStrategy, fifoStrategy, choiceStrategy, pctStrategy, type InterleavingStrategy } from "./sim/strategy.js";
export { Random } from "./sim/random.js";
export { serializeTrace, type TraceEvent, type TraceEvents, type TraceType } from "./sim/trace.js";
export type { JobView, JobStatus, JobFilter } from "./sim/job-views.js";
export type { SqlFault, AwaitCrash } from "./sim/faults.js";
export { SqlError, type Database, type Row, type Params, type SqlValue, type BindParams, type SqlDatabase, type SqlStatement } from "./store/database.js";
export { loadQueueConfig, loadRecurringConfig, defaultQueueConfig, ConfigError } from "./config/index.js";
export type { QueueConfig, RecurringConfig, WorkerConfig, DispatcherConfig } from "./config/index.js";
export { parseSchedule, ScheduleError, type Schedule } from "./schedule/index.js";
