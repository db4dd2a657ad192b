// Inheritance, as Active Job's class attributes and callback chains apply it: a subclass sees
// its nearest ancestor's queue_as / queue_with_priority / retry_jitter / limits_concurrency /
// perform; handlers and callbacks are appended after the parent's (active-job §2.1, §4.1,
// §5.2). Only classes whose chain reaches ActiveJob::Base are jobs.
import type { AppSettings, CallbackKind, CallbackModel, JobClassModel, Unmapped } from "../model/types.js";
import { prefixed } from "../model/load-job.js";
import type { ClassDeclarations } from "./class-declarations.js";
import { resolveConstant, type RubyClass } from "./ruby-classes.js";

export const JOB_BASE = "ActiveJob::Base";

export interface FoundClass {
  cls: RubyClass;
  /** True for files under app/jobs: a class there is read as a job even when its chain is unknown. */
  inJobsFolder: boolean;
}

interface ReadClass extends FoundClass {
  decls: ClassDeclarations;
}

/** The app's superclass chain, nearest first, and where it ends outside the app. */
function chain(name: string, byName: Map<string, FoundClass>): { names: string[]; end?: string } {
  const names: string[] = [];
  let current = byName.get(name);
  const seen = new Set<string>([name]);
  while (current !== undefined) {
    const sup = current.cls.superclass;
    if (sup === undefined) return { names };
    const resolved = resolveConstant(sup, current.cls.nesting, new Set(byName.keys()));
    if (seen.has(resolved)) return { names };
    seen.add(resolved);
    names.push(resolved);
    current = byName.get(resolved);
  }
  return { names, end: names[names.length - 1] };
}

/**
 * The job classes among `classes`, resolved. `read` gives a class's own declarations; it is
 * called only for job classes and their ancestors, so models and helpers are never reported.
 */
export function resolveJobs(classes: FoundClass[], read: (c: FoundClass) => ClassDeclarations, settings: AppSettings, unmapped: Unmapped[]): Record<string, JobClassModel> {
  const found = new Map<string, FoundClass>();
  for (const c of classes) if (!found.has(c.cls.name)) found.set(c.cls.name, c);
  const jobNames = [...found.keys()].filter((name) => {
    const { end } = chain(name, found);
    return end === JOB_BASE || (end !== undefined && found.get(name)!.inJobsFolder);
  });
  const wanted = new Set(jobNames.flatMap((n) => [n, ...chain(n, found).names]));
  const byName = new Map<string, ReadClass>();
  // A class reopened in another file adds to its earlier declarations (file order).
  for (const c of classes) {
    if (!wanted.has(c.cls.name)) continue;
    const rc: ReadClass = { ...c, decls: read(c) };
    const prev = byName.get(c.cls.name);
    if (prev === undefined) byName.set(c.cls.name, rc);
    else mergeInto(prev, rc);
  }
  const jobs: Record<string, JobClassModel> = {};
  for (const name of jobNames.sort()) {
    const rc = byName.get(name)!;
    const { names, end } = chain(name, byName);
    if (end !== JOB_BASE) {
      const top = names.length > 1 ? byName.get(names[names.length - 2]!)! : rc;
      unmapped.push({
        at: top.cls.source.at(top.cls.node.location),
        class: top.cls.name,
        what: `superclass ${end}`,
        why: `not defined in app/ and not ${JOB_BASE}; its declarations are unknown, Active Job's defaults are assumed`,
      });
    }
    const lineage = [...names.filter((n) => byName.has(n)).reverse().map((n) => byName.get(n)!), rc];
    jobs[name] = resolveOne(rc, lineage, names, settings);
  }
  return jobs;
}

function mergeInto(prev: ReadClass, more: ReadClass): void {
  const d = prev.decls;
  const m = more.decls;
  d.handlers.push(...m.handlers);
  for (const [k, list] of Object.entries(m.callbacks)) d.callbacks[k as CallbackKind] = [...(d.callbacks[k as CallbackKind] ?? []), ...list!];
  for (const key of ["queue", "priority", "retryJitter", "commit", "concurrency", "perform"] as const) {
    if (m[key] !== undefined) (d as unknown as Record<string, unknown>)[key] = m[key];
  }
  if (prev.cls.superclass === undefined && more.cls.superclass !== undefined) prev.cls = { ...prev.cls, superclass: more.cls.superclass };
}

/** The nearest declaration of `key` in the lineage (root first), with who declared it. */
function nearest<K extends keyof ClassDeclarations>(lineage: ReadClass[], key: K): { value: NonNullable<ClassDeclarations[K]>; from: string } | undefined {
  for (let i = lineage.length - 1; i >= 0; i--) {
    const v = lineage[i]!.decls[key];
    if (v !== undefined) return { value: v as NonNullable<ClassDeclarations[K]>, from: lineage[i]!.cls.name };
  }
  return undefined;
}

function origin<T extends object>(value: T, from: string, self: string): T {
  return from === self ? { ...value } : { ...value, inherited_from: from };
}

function resolveOne(rc: ReadClass, lineage: ReadClass[], ancestors: string[], settings: AppSettings): JobClassModel {
  const self = rc.cls.name;
  const queue = nearest(lineage, "queue");
  const priority = nearest(lineage, "priority");
  const jitter = nearest(lineage, "retryJitter");
  const commit = nearest(lineage, "commit");
  const retryJitter = jitter?.value.value ?? settings.retry_jitter;
  const job: JobClassModel = {
    at: rc.cls.source.at(rc.cls.node.location),
    ...(rc.cls.superclass !== undefined ? { superclass: rc.cls.superclass.replace(/^::/, "") } : {}),
    ancestors,
    // §2.1: the default queue is resolved lazily, so it picks up the prefix.
    queue: queue === undefined ? { name: prefixed("default", settings) } : origin(queue.value, queue.from, self),
    priority: priority === undefined ? { value: null } : origin(priority.value, priority.from, self),
    retry_jitter: retryJitter,
    enqueue_after_transaction_commit: commit?.value.value ?? settings.enqueue_after_transaction_commit,
    handlers: [],
    callbacks: {},
    behaviour: {},
  };
  for (const rcl of lineage) {
    for (const h of rcl.decls.handlers) {
      const copy = origin(h, rcl.cls.name, self);
      // §5.7: without jitter:, the retry uses the job class's retry_jitter.
      if (copy.kind === "retry_on" && !copy.jitter_declared) copy.jitter = retryJitter;
      job.handlers.push(copy);
    }
    for (const [k, list] of Object.entries(rcl.decls.callbacks)) {
      const target = (job.callbacks[k as CallbackKind] ??= []);
      for (const cb of list!) addCallback(target, origin(cb, rcl.cls.name, self));
    }
  }
  const conc = nearest(lineage, "concurrency");
  if (conc !== undefined) {
    const d = conc.value;
    job.concurrency = origin(
      {
        to: d.to,
        key: d.key,
        // solid-queue §3.1: the group defaults to the job's own class name.
        group: d.group ?? self,
        duration: d.duration ?? defaultPeriod(settings),
        on_conflict: d.on_conflict,
        ...(d.at !== undefined ? { at: d.at } : {}),
      },
      conc.from,
      self,
    );
  }
  const perform = nearest(lineage, "perform");
  if (perform !== undefined) job.perform = origin(perform.value, perform.from, self);
  // behaviour last: it is the part a person edits, at the end of each class.
  const { behaviour, ...declared } = job;
  return { ...declared, behaviour };
}

/** §4.1: re-declaring the same method callback moves it to the end; blocks are never merged. */
function addCallback(list: CallbackModel[], cb: CallbackModel): void {
  if (cb.method !== undefined) {
    const i = list.findIndex((c) => c.method === cb.method);
    if (i >= 0) list.splice(i, 1);
  }
  list.push(cb);
}

function defaultPeriod(settings: AppSettings): number {
  const v = settings.solid_queue["default_concurrency_control_period"];
  return typeof v === "number" ? v : 180;
}
