import type { Job } from "./job.js";

// Job classes by the name stored in solid_queue_jobs.class_name. A row names its class; the
// class must be known to run it (Active Job's UnknownJobClassError otherwise).

export type AnyJobClass = (new (...args: any[]) => Job) & { jobClassName: string };

export class UnknownJobClassError extends Error {
  override name = "UnknownJobClassError";
  constructor(readonly className: string, known: readonly string[]) {
    super(`Failed to instantiate job, class \`${className}\` doesn't exist${known.length > 0 ? ` (known job classes: ${known.join(", ")})` : ""}`);
  }
}

export class JobRegistry {
  private readonly classes = new Map<string, AnyJobClass>();

  constructor(classes: Iterable<AnyJobClass> = []) {
    for (const c of classes) this.add(c);
  }

  add(cls: AnyJobClass): void {
    const name = cls.jobClassName;
    const existing = this.classes.get(name);
    if (existing !== undefined && existing !== cls) throw new Error(`Two different job classes are named ${name}`);
    this.classes.set(name, cls);
  }

  get(name: string): AnyJobClass | undefined {
    return this.classes.get(name);
  }

  require(name: string): AnyJobClass {
    const cls = this.classes.get(name);
    if (cls === undefined) throw new UnknownJobClassError(name, this.names());
    return cls;
  }

  names(): string[] {
    return [...this.classes.keys()].sort();
  }
}
