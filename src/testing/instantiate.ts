import { deserializeArguments, type DeserializeContext } from "../job/arguments.js";
import type { Job } from "../job/job.js";
import { entryClassName, type JobEntry } from "./entry.js";

// Rails' instantiate_job: a job instance rebuilt from a recorded entry, its time taken from
// `at`, its arguments read now (with a context) or left for perform_now to read.

export function instantiate(entry: JobEntry, ctx?: DeserializeContext): Job {
  if (entry.job === undefined) throw new Error(`cannot rebuild a ${entryClassName(entry)} job: the class is not known to this world`);
  const job = entry.job.deserialize(entry);
  if (entry.at !== undefined) job.scheduledAt = Math.round(entry.at * 1000);
  if (ctx !== undefined && job.serializedArguments !== null) {
    job.arguments = deserializeArguments(job.serializedArguments, ctx);
    job.serializedArguments = null;
  }
  return job;
}
