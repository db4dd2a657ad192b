// Active Job's QueueName concern (active-job.md §2.1): queue_as, the prefix and its delimiter,
// and the default queue name.
//
// - default_queue_name is a module attribute (mattr_accessor): one value for every job class,
//   read lazily, so jobs without queue_as pick up a later change, prefix included.
// - queue_as with a name prefixes it at declaration (Rails' queue_name_from_part); a later
//   prefix does not change it. A function runs per job, with the job as `this`, when its queue
//   is first read, and its result is prefixed then.
// - The class attribute `queue_name` of a class without queue_as is Rails' default lambda
//   (`-> { self.class.default_queue_name }`); the class-level reader returns it as a function.
import { nearest, own } from "./class-settings.js";
import { ArgumentError } from "./errors.js";
import { show, symbolName } from "./options.js";

export type QueueBlock = (job: any) => unknown;

let defaultQueueName = "default";

export function getDefaultQueueName(): string {
  return defaultQueueName;
}

export function setDefaultQueueName(name: string | symbol): void {
  if (typeof name !== "string" && typeof name !== "symbol") throw new ArgumentError(`defaultQueueName must be a string, got ${show(name)}`);
  defaultQueueName = typeof name === "symbol" ? symbolName(name) : name;
}

interface PrefixedClass {
  readonly queueNamePrefix: string | null;
  readonly queueNameDelimiter: string;
}

/**
 * Rails' queue_name_from_part: nil (or undefined) is the default queue name; a blank prefix
 * means none; the part is turned into a string as Ruby's join does (so ":low" stays ":low",
 * as in Rails: only a Symbol loses its colon, and `Symbol.for("low")` stands for one).
 */
export function queueNameFromPart(cls: PrefixedClass, part: unknown): string {
  const name = part === null || part === undefined ? defaultQueueName : typeof part === "symbol" ? symbolName(part) : String(part);
  const prefix = cls.queueNamePrefix;
  return prefix === null || prefix === "" ? name : `${prefix}${cls.queueNameDelimiter}${name}`;
}

/** queue_as: a name (prefixed now), null for the default, or a function run per job. */
export function declareQueue(cls: object & PrefixedClass, queue: unknown): void {
  const s = own(cls);
  if (typeof queue === "function") s.queue = queue as never;
  else if (queue === null || queue === undefined || typeof queue === "string" || typeof queue === "symbol" || typeof queue === "number") {
    s.queue = queueNameFromPart(cls, queue);
  } else throw new ArgumentError(`queueAs: expected a queue name (a string), null for the default queue, or a function (job) => name; got ${show(queue)}`);
}

/** The class-level queue_name: the declared name, the declared function, or the default lambda. */
export function classQueueName(cls: object): string | QueueBlock {
  const spec = nearest(cls, "queue");
  if (typeof spec === "string") return spec;
  if (typeof spec === "function") return spec as QueueBlock;
  return defaultQueueLambda;
}

// Rails' default: evaluated per job, so the default name and the prefix are read when needed.
function defaultQueueLambda(): string {
  return defaultQueueName;
}

/** The job instance's queue, resolved the first time it is read. */
export function resolveQueue(job: object): string {
  const cls = job.constructor as unknown as object & PrefixedClass;
  const spec = classQueueName(cls);
  if (typeof spec === "string") return spec;
  return queueNameFromPart(cls, spec.call(job, job));
}
