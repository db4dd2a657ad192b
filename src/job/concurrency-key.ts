import { ModelRecord, modelOf, recordId } from "./model.js";

// limits_concurrency's key (spec §3.1, §3.2): "<group>/<value>", a record as
// "<group>/<Model>/<id>", nil parts dropped.

export interface ConcurrencyOptions<J> {
  key: string | ((...args: never[]) => unknown);
  to?: number;
  group?: string | ((job: J) => string);
  /** Semaphore / block expiry; seconds or a duration string. Default 180 s. */
  duration?: number | string;
  onConflict?: "block" | "discard";
}

export function concurrencyKey(className: string, options: ConcurrencyOptions<unknown>, job: { arguments: readonly unknown[] }): string {
  // Functions run with the job as `this` (Solid Queue instance_execs the key proc with the arguments).
  const group = typeof options.group === "function" ? options.group.call(job, job) : (options.group ?? className);
  const value = typeof options.key === "function" ? (options.key as (...a: unknown[]) => unknown).apply(job, job.arguments as unknown[]) : options.key;
  const parts: string[] = [String(group)];
  if (value instanceof ModelRecord) parts.push(modelOf(value).modelName, String(recordId(value)));
  else if (value !== null && value !== undefined) parts.push(String(value));
  return parts.join("/");
}
