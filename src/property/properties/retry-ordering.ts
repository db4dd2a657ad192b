import fc from "fast-check";
import { collected, nearest } from "../../job/class-settings.js";
import type { ErrorMatcher, Handler } from "../../job/handlers.js";
import { Job } from "../../job/job.js";
import type { AnyJobClass } from "../../job/registry.js";
import { namedError } from "../../sim/services.js";
import { cover, queueConfigs, type QueueConfigOptions } from "../arbitraries/queue-config.js";
import { failureScripts, type FailureScript } from "../arbitraries/failures.js";
import { checkRetries } from "../checks/retry-timing.js";
import { retryModel } from "../checks/retry-model.js";
import { verdictOf, type PropertyDefinition } from "../property.js";
import { runWorld } from "../world.js";
import type { QueueConfigCase, WorldCase } from "../world-case.js";
import { counterexampleWorld, worldBase, worldSpec, type WorldOptions } from "../world-options.js";
import { isArbitrary } from "./idempotence.js";

// Retry ordering (active-job.md §5.3, spec §2.9): for any failure script (which attempt throws
// which error), attempts happen in order, never before their due time and not much after it,
// at the delays the class's retryOn declarations define, never more often than `attempts`
// allows, and the job ends in the state Active Job defines (finished / failed). The job's own
// perform is replaced by the script (runPerform: true runs it after a succeeding step).

export interface RetryOrderingOptions extends WorldOptions {
  job: AnyJobClass;
  args?: readonly unknown[] | fc.Arbitrary<unknown[]>;
  /** Error names (or classes) the script draws from. Default: every error the class declares, plus one it does not. */
  errors?: readonly (string | (new (message?: string) => Error))[];
  /** Longest failure script. Default 6. */
  maxScript?: number;
  /** Run the class's perform on attempts that do not throw. Default false. */
  runPerform?: boolean;
  /** A fixed config, or how to generate them. */
  config?: QueueConfigCase | QueueConfigOptions;
  runs?: number;
}

export interface RetryCase {
  seed: number;
  script: FailureScript;
  args: unknown[];
  config: QueueConfigCase;
  /** Enqueue delay, seconds (0: at once). */
  wait: number;
}

export const UNDECLARED_ERROR = "UndeclaredProbeError";

export function retryOrdering(opts: RetryOrderingOptions): PropertyDefinition<RetryCase> {
  const declared = declaredErrors(opts.job);
  const byName = new Map<string, ErrorMatcher>();
  for (const m of declared) byName.set(typeof m === "string" ? m : m.name, m);
  for (const e of opts.errors ?? []) byName.set(typeof e === "string" ? e : e.name, e as ErrorMatcher);
  const names = opts.errors !== undefined ? [...byName.keys()].filter((n) => opts.errors!.some((e) => (typeof e === "string" ? e : e.name) === n)) : [...byName.keys(), UNDECLARED_ERROR];
  const errorFor = (name: string): Error => makeError(byName.get(name) ?? name, `scripted ${name}`);
  const queue = classQueue(opts.job);
  const config = opts.config !== undefined && "workers" in opts.config ? fc.constant(opts.config as QueueConfigCase) : queueConfigs({ queues: [queue], ...((opts.config as QueueConfigOptions | undefined) ?? {}) });
  const argsArb: fc.Arbitrary<unknown[]> = isArbitrary<unknown[]>(opts.args) ? opts.args : fc.constant([...((opts.args as unknown[] | undefined) ?? [])]);
  const others = (opts.jobs ?? []).filter((j) => j.jobClassName !== opts.job.jobClassName);
  return {
    name: "retry_ordering",
    subject: opts.job.jobClassName,
    defaultRuns: opts.runs ?? 100,
    arbitrary: fc.record({
      seed: fc.nat({ max: 0xffff }),
      script: failureScripts({ errors: names, maxLength: opts.maxScript ?? 6 }),
      args: argsArb,
      config,
      wait: fc.constantFrom<number>(0, 0, 1, 30),
    }),
    async run(c) {
      const scripted = scriptedClass(opts.job, c.script, errorFor, opts.runPerform === true);
      const base = worldBase({ ...opts, jobs: others }, [scripted]);
      const model = await retryModel(scripted, c.script, errorFor);
      // Queues retryOn moves the job to must be read by some worker too.
      const config = cover(c.config, [queue, ...model.attempts.flatMap((a) => (a.queue !== undefined ? [a.queue] : []))]);
      const world: WorldCase = {
        seed: c.seed,
        config,
        arrivals: [{ at: 0, job: opts.job.jobClassName, args: c.args, ...(c.wait > 0 ? { wait: c.wait } : {}) }],
        actions: [],
        awaitCrashes: [],
        interleaving: { kind: "fifo" },
        horizon: 24 * 3600_000,
      };
      const run = await runWorld(base, world);
      const slack = Math.max(...config.dispatchers.map((d) => d.pollingInterval)) * 1000 + Math.max(...config.workers.map((w) => w.pollingInterval)) * 1000 + 1;
      const problems = run.error !== undefined ? [`the run raised ${run.error.name}: ${run.error.message}`] : checkRetries(run, model, { className: opts.job.jobClassName, slackMs: slack, waitMs: c.wait * 1000, script: c.script });
      return verdictOf(problems, [run.traceJson]);
    },
    spec() {
      const s: Record<string, unknown> = { job: opts.job.jobClassName, ...worldSpec(opts) };
      if (opts.errors !== undefined) s.errors = names;
      if (opts.runPerform === true) s.run_perform = true;
      return s;
    },
    world: (c) => ({ ...counterexampleWorld(opts), config: c.config, seed: c.seed }),
  };
}

/** Every error class or name the class's retryOn / discardOn / rescueFrom declarations name. */
export function declaredErrors(cls: AnyJobClass): ErrorMatcher[] {
  const out: ErrorMatcher[] = [];
  for (const h of collected(cls, "handlers").flat() as Handler[]) for (const m of h.matchers) if (!out.includes(m)) out.push(m);
  return out;
}

function makeError(m: ErrorMatcher | string, message: string): Error {
  if (typeof m === "string") return new (namedError(m))(message);
  try {
    return new (m as unknown as new (message?: string) => Error)(message);
  } catch {
    const e = Object.create((m as unknown as { prototype: object }).prototype) as Error;
    e.message = message;
    return e;
  }
}

/** The class under test with its perform replaced by the script (same name, same declarations). */
function scriptedClass(cls: AnyJobClass, script: FailureScript, errorFor: (name: string) => Error, runPerform: boolean): AnyJobClass {
  const Base = cls as unknown as typeof Job;
  const Scripted = class extends Base {
    override async perform(...args: unknown[]): Promise<unknown> {
      const name = script[this.executions - 1];
      if (name !== undefined && name !== null) throw errorFor(name);
      return runPerform ? super.perform(...args) : undefined;
    }
  };
  Scripted.jobClassName = cls.jobClassName;
  Scripted.retryJitter = 0;
  return Scripted as unknown as AnyJobClass;
}

/** The queue a config must read for the class's jobs ("*" stands in for a computed queue). */
function classQueue(cls: AnyJobClass): string {
  const spec = nearest(cls, "queue");
  return typeof spec === "string" ? spec : spec === null || spec === undefined ? "default" : "*";
}
