// A job model's classes as real Job classes, declared through the job/ API exactly as a
// TypeScript job would declare them, so the engine, every step, fault, expectation, report and
// property treat a modelled job like any other. perform is the class's behaviour.
//
// What Ruby code cannot be run is decided here, each choice written down (docs/rails.md):
//   queue_as { block }         the enqueue's own queue (an export records it), else the first
//                              queue the block can return, else "default"
//   queue_with_priority { }    the enqueue's own priority, else none
//   wait: ->(...) { ... }      its formula when it has one, else 3 s (a warning)
//   on_exhausted / blocks      run nothing, but keep Rails' outcome: an exhausted retry_on with
//                              a block, a discard_on, a rescue_from all end the job without failing
//   limits_concurrency key:    literal or argument paths; a lambda without parts keys the whole
//                              class (a warning: stricter than Rails)
//   callbacks                  not run (their effects belong in the behaviour: enqueues, calls)
import { Job } from "../job/job.js";
import type { AnyJobClass } from "../job/registry.js";
import type { RetryOptions } from "../job/handlers.js";
import type { Wait } from "../job/retry-delay.js";
import { ErrorClasses } from "./error-classes.js";
import { performBehaviour } from "./perform-behaviour.js";
import type { Behaviour, ConcurrencyModel, JobClassModel, JobModel, RetryOnModel } from "./types.js";
import { parseWaitFormula } from "./wait-formula.js";

export interface ModelledJobs {
  jobs: AnyJobClass[];
  errors: ErrorClasses;
  /** Where the model asks for something the simulation approximates (file: jobs.X...: why). */
  warnings: string[];
}

export interface BuildOptions {
  /** The model file, for messages. */
  file: string;
  /** Job classes known beside the model (TypeScript ones), for fan-out by name. */
  others?: () => readonly AnyJobClass[];
  errors?: ErrorClasses;
}

type Declaring = typeof Job & { jobClassName: string };

export function buildJobClasses(model: Pick<JobModel, "jobs">, opts: BuildOptions): ModelledJobs {
  const errors = opts.errors ?? new ErrorClasses();
  const warnings: string[] = [];
  const byName = new Map<string, AnyJobClass>();
  const host = {
    errors,
    jobClass(name: string): AnyJobClass {
      const cls = byName.get(name) ?? opts.others?.().find((c) => c.jobClassName === name);
      if (cls === undefined) throw new Error(`${opts.file}: a modelled behaviour enqueues ${name}, which is neither in the model nor in the scenario's job modules`);
      return cls;
    },
  };
  for (const [name, m] of Object.entries(model.jobs)) {
    const where = `${opts.file}: jobs.${name}`;
    const behaviour: Behaviour = m.behaviour;
    const cls = class extends Job {
      override async perform(): Promise<void> {
        await performBehaviour(this, behaviour, host);
      }
    } as Declaring;
    Object.defineProperty(cls, "name", { value: name.slice(name.lastIndexOf(":") + 1) });
    cls.jobClassName = name;
    declare(cls, m, where, errors, warnings);
    byName.set(name, cls);
  }
  return { jobs: [...byName.values()], errors, warnings };
}

function declare(cls: Declaring, m: JobClassModel, where: string, errors: ErrorClasses, warnings: string[]): void {
  if ("name" in m.queue) cls.queueAs(m.queue.name);
  else {
    const fallback = m.queue.candidates[0] ?? "default";
    cls.queueAs(() => fallback);
  }
  if ("value" in m.priority) {
    if (m.priority.value !== null) cls.queueWithPriority(m.priority.value);
  }
  cls.retryJitter = m.retry_jitter;
  for (const [i, h] of m.handlers.entries()) {
    // Names, not classes: matched against every class in the raised error's chain.
    for (const e of h.errors) errors.get(e);
    if (h.kind === "retry_on") {
      const options: RetryOptions = { wait: waitOf(h, `${where}.handlers[${i}]`, warnings), attempts: h.attempts, jitter: h.jitter };
      if (h.queue !== undefined) options.queue = h.queue;
      if (h.priority !== undefined) options.priority = h.priority;
      cls.retryOn(h.errors, options, h.on_exhausted !== undefined ? () => undefined : undefined);
    } else if (h.kind === "discard_on") cls.discardOn(h.errors);
    else cls.rescueFrom(h.errors, () => undefined);
  }
  if (m.concurrency !== undefined) cls.limitsConcurrency(concurrencyOf(m.concurrency, `${where}.concurrency`, warnings) as never);
}

function waitOf(h: RetryOnModel, where: string, warnings: string[]): Wait {
  const w = h.wait;
  if (typeof w === "number") return w;
  if (w === "polynomially_longer") return "polynomiallyLonger";
  if (w.formula !== undefined) {
    const f = parseWaitFormula(w.formula);
    return (n: number) => f(n);
  }
  warnings.push(`${where}.wait: the proc ${w.proc} has no formula; the simulation waits Active Job's default 3 s between its retries`);
  return 3;
}

function concurrencyOf(c: ConcurrencyModel, where: string, warnings: string[]): Record<string, unknown> {
  let key: string | ((...args: unknown[]) => unknown);
  if ("literal" in c.key) key = c.key.literal;
  else if (c.key.parts !== undefined) {
    const parts = c.key.parts;
    key = (...args: unknown[]) => {
      const values = parts.map((p) => ("literal" in p ? p.literal : pathValue(args[p.arg], p.path ?? [])));
      // One part is the value itself (a record keys as Model/id); several make a text, as "#{...}" does.
      return values.length === 1 ? values[0] : values.map((v) => (v === null || v === undefined ? "" : String(v))).join("");
    };
  } else {
    warnings.push(`${where}.key: the lambda ${c.key.source} has no argument parts; every job of the class shares one key (stricter than Rails)`);
    key = "";
  }
  let group: string | undefined;
  if (typeof c.group === "string") group = c.group;
  else warnings.push(`${where}.group: a dynamic group (${c.group.dynamic}) is read as the class name`);
  return { key, to: c.to, duration: c.duration, onConflict: c.on_conflict, ...(group !== undefined ? { group } : {}) };
}

function pathValue(v: unknown, path: readonly string[]): unknown {
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
