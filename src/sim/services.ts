import { durationMs } from "../job/duration.js";

// Outside services a job calls (payment gateway, HTTP API, mailer transport). A test or
// scenario scripts their outcomes per call; every call is recorded with its virtual time, so
// properties can compare side effects (a payment charged twice) across runs.

export interface ServiceOutcome {
  /** Value the call resolves to. */
  returns?: unknown;
  /** Throw an error: a class, or a name (a class by that name is made, matched by retryOn("Name")). */
  throws?: (new (message?: string) => Error) | string;
  message?: string;
  /** Virtual time the call takes (seconds or a duration string). */
  latency?: number | string;
  /** Never answer: the job hangs at this call. */
  hang?: boolean;
}

export interface ServiceCall {
  service: string;
  method: string;
  args: unknown[];
  t: number;
  jobId?: number;
  jobClass?: string;
  outcome: "returned" | "threw" | "hung";
}

type Handler = ServiceOutcome | ((args: unknown[], call: number) => ServiceOutcome | Promise<ServiceOutcome>);

export class ServiceStub {
  private readonly scripts = new Map<string, ServiceOutcome[]>();
  private readonly defaults = new Map<string, Handler>();
  private readonly counts = new Map<string, number>();
  readonly calls: ServiceCall[] = [];

  constructor(readonly name: string) {}

  /** Outcomes for the next calls of `method` ("*" = any method), consumed in order. */
  script(method: string, outcomes: ServiceOutcome[]): this {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...outcomes]);
    return this;
  }

  /** What every call of `method` does once its script is used up. */
  otherwise(method: string, handler: Handler): this {
    this.defaults.set(method, handler);
    return this;
  }

  /** The outcome for this call, consuming the script. */
  async next(method: string, args: unknown[]): Promise<ServiceOutcome> {
    const n = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, n);
    for (const key of [method, "*"]) {
      const s = this.scripts.get(key);
      if (s !== undefined && s.length > 0) return s.shift()!;
    }
    const d = this.defaults.get(method) ?? this.defaults.get("*");
    if (d === undefined) return {};
    return typeof d === "function" ? d(args, n) : d;
  }

  callsOf(method: string): ServiceCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}

export class Services {
  private readonly stubs = new Map<string, ServiceStub>();
  constructor(private readonly errors: Record<string, new (message?: string) => Error> = {}) {}

  get(name: string): ServiceStub {
    let s = this.stubs.get(name);
    if (s === undefined) {
      s = new ServiceStub(name);
      this.stubs.set(name, s);
    }
    return s;
  }

  all(): ServiceStub[] {
    return [...this.stubs.values()];
  }

  /** Every call to every service, in call order. */
  calls(): ServiceCall[] {
    return this.all()
      .flatMap((s) => s.calls)
      .sort((a, b) => a.t - b.t);
  }

  errorFor(outcome: ServiceOutcome, service: string, method: string): Error {
    const t = outcome.throws!;
    const cls = typeof t === "string" ? (this.errors[t] ?? namedError(t)) : t;
    return new cls(outcome.message ?? `${service}.${method} failed`);
  }

  latencyMs(outcome: ServiceOutcome): number {
    return outcome.latency === undefined ? 0 : durationMs(outcome.latency, "service latency");
  }
}

const named = new Map<string, new (message?: string) => Error>();

/** An Error subclass with this name (one per name), for errors scripted by name. */
export function namedError(name: string): new (message?: string) => Error {
  let cls = named.get(name);
  if (cls === undefined) {
    const made = { [name]: class extends Error {} }[name]!;
    Object.defineProperty(made.prototype, "name", { value: name, writable: true, configurable: true });
    cls = made;
    named.set(name, cls);
  }
  return cls;
}
