// Active Job's two callback chains (enqueue, perform) with ActiveSupport's ordering rules
// (active-job.md §4): declaration order, parent first; an around wraps everything declared
// after it; an after belongs to its nesting level and runs in reverse; a before can halt with
// job.abort(), which skips the rest and every after, while started arounds still finish.

export type CallbackKind = "before" | "around" | "after";
export type Condition<J> = string | ((job: J) => unknown);

export interface CallbackOptions<J> {
  if?: Condition<J> | Condition<J>[];
  unless?: Condition<J> | Condition<J>[];
  prepend?: boolean;
}

export type SimpleCallback<J> = ((job: J) => unknown) | string;
export type AroundCallback<J> = ((job: J, block: () => Promise<unknown>) => unknown) | string;

export interface CallbackEntry {
  kind: CallbackKind;
  fn: SimpleCallback<never> | AroundCallback<never>;
  options: CallbackOptions<never>;
}

/**
 * Thrown by job.abort() inside a before callback; anywhere else it is an error. Its class is
 * named UncaughtThrowError, the error Ruby raises for a stray `throw :abort`, so a failed
 * execution records that name.
 */
export const AbortChain = class UncaughtThrowError extends Error {
  constructor() {
    super("uncaught throw :abort");
    this.name = "UncaughtThrowError";
  }
};
export type AbortChain = InstanceType<typeof AbortChain>;

/** Merges inherited chains: a method-name callback declared again moves to the end. */
export function mergeChains(chains: readonly (readonly CallbackEntry[])[]): CallbackEntry[] {
  const out: CallbackEntry[] = [];
  for (const chain of chains) {
    for (const entry of chain) {
      if (entry.options.prepend) {
        dedupe(out, entry);
        out.unshift(entry);
      } else {
        dedupe(out, entry);
        out.push(entry);
      }
    }
  }
  return out;
}

function dedupe(out: CallbackEntry[], entry: CallbackEntry): void {
  if (typeof entry.fn !== "string") return;
  const i = out.findIndex((e) => e.kind === entry.kind && e.fn === entry.fn);
  if (i >= 0) out.splice(i, 1);
}

export interface ChainResult {
  halted: boolean;
  /** Whether the body ran (an around that never called its block keeps it from running). */
  ran: boolean;
  value: unknown;
}

export async function runChain(job: object, chain: readonly CallbackEntry[], body: () => Promise<unknown>): Promise<ChainResult> {
  const state: ChainResult = { halted: false, ran: false, value: undefined };
  const call = (fn: unknown, ...args: unknown[]): unknown => {
    if (typeof fn === "string") {
      const method = (job as Record<string, unknown>)[fn];
      if (typeof method !== "function") throw new TypeError(`callback method ${fn} is not defined on ${job.constructor.name}`);
      return (method as (...a: unknown[]) => unknown).apply(job, args.slice(1));
    }
    return (fn as (...a: unknown[]) => unknown).call(job, job, ...args.slice(1));
  };

  const step = async (i: number): Promise<unknown> => {
    if (i === chain.length) {
      state.ran = true;
      state.value = await body();
      return state.value;
    }
    const entry = chain[i]!;
    // An after's conditions are read when it would run (after the body), as ActiveSupport does.
    if (entry.kind !== "after" && !conditionsHold(job, entry.options)) return step(i + 1);
    switch (entry.kind) {
      case "before":
        try {
          await call(entry.fn, job);
        } catch (e) {
          if (e instanceof AbortChain) {
            state.halted = true;
            return false;
          }
          throw e;
        }
        return step(i + 1);
      case "around": {
        let inner: unknown;
        const block = async () => {
          inner = await step(i + 1);
          return inner;
        };
        if (typeof entry.fn === "string") {
          const method = (job as Record<string, unknown>)[entry.fn];
          if (typeof method !== "function") throw new TypeError(`callback method ${entry.fn} is not defined on ${job.constructor.name}`);
          await (method as (b: () => Promise<unknown>) => unknown).call(job, block);
        } else await (entry.fn as (j: object, b: () => Promise<unknown>) => unknown).call(job, job, block);
        return state.halted ? false : inner;
      }
      case "after": {
        // Runs unless a before halted, even when an around nested inside never yielded.
        const value = await step(i + 1);
        if (!state.halted && conditionsHold(job, entry.options)) await call(entry.fn, job);
        return value;
      }
    }
  };

  await step(0);
  return state;
}

function conditionsHold(job: object, options: CallbackOptions<never>): boolean {
  const test = (c: Condition<never>): boolean => {
    if (typeof c === "string") {
      const m = (job as Record<string, unknown>)[c];
      return Boolean(typeof m === "function" ? (m as () => unknown).call(job) : m);
    }
    return Boolean((c as (this: object, j: object) => unknown).call(job, job));
  };
  const list = (c: Condition<never> | Condition<never>[] | undefined) => (c === undefined ? [] : Array.isArray(c) ? c : [c]);
  return list(options.if).every(test) && !list(options.unless).some(test);
}
