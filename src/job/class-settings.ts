import type { CallbackEntry } from "./callbacks.js";
import type { ConcurrencyOptions } from "./concurrency-key.js";
import type { Handler } from "./handlers.js";

// Per-class declarations. Each class keeps only what it declared; reads walk the prototype
// chain, so subclasses inherit and override without touching the parent or its siblings.

type QueueSpec = string | null | ((job: never) => string | null | undefined);
type PrioritySpec = number | null | ((job: never) => number | null | undefined);

export interface OwnSettings {
  queue?: QueueSpec;
  priority?: PrioritySpec;
  retryJitter?: number;
  queueNamePrefix?: string | null;
  queueNameDelimiter?: string;
  concurrency?: ConcurrencyOptions<never>;
  jobClassName?: string;
  enqueueAfterTransactionCommit?: boolean;
  enqueueCallbacks: CallbackEntry[];
  performCallbacks: CallbackEntry[];
  handlers: Handler[];
  afterDiscard: ((job: never, error: unknown) => unknown)[];
}

const OWN = Symbol("jobsim.settings");

type WithSettings = { [OWN]?: OwnSettings };

export function own(cls: object): OwnSettings {
  const c = cls as WithSettings;
  if (!Object.prototype.hasOwnProperty.call(c, OWN)) {
    c[OWN] = { enqueueCallbacks: [], performCallbacks: [], handlers: [], afterDiscard: [] };
  }
  return c[OWN]!;
}

/** The class and its ancestors up to (not including) Object, root first. */
export function lineage(cls: object): object[] {
  const out: object[] = [];
  for (let c: object | null = cls; c !== null && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    out.push(c);
  }
  return out.reverse();
}

/** The nearest declared value of a scalar setting. */
export function nearest<K extends "queue" | "priority" | "retryJitter" | "queueNamePrefix" | "queueNameDelimiter" | "concurrency" | "enqueueAfterTransactionCommit">(
  cls: object,
  key: K,
): OwnSettings[K] | undefined {
  for (let c: object | null = cls; c !== null && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const s = (c as WithSettings)[OWN];
    if (s !== undefined && Object.prototype.hasOwnProperty.call(c, OWN) && key in s) return s[key];
  }
  return undefined;
}

/** Lists concatenated root first (callbacks, handlers, after_discard). */
export function collected<K extends "enqueueCallbacks" | "performCallbacks" | "handlers" | "afterDiscard">(cls: object, key: K): OwnSettings[K][] {
  const out: OwnSettings[K][] = [];
  for (const c of lineage(cls)) {
    if (Object.prototype.hasOwnProperty.call(c, OWN)) out.push((c as WithSettings)[OWN]![key]);
  }
  return out;
}
