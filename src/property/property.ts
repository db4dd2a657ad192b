import type fc from "fast-check";
import type { QueueConfigCase, ServiceScripts } from "./world-case.js";

// A property: an arbitrary of cases and one run that judges a case. A run may make several
// simulations (idempotence compares a run with its crashed twin); it hands back every trace it
// made, so `checkDeterminism` can run a case twice and compare them.

export interface Verdict {
  ok: boolean;
  /** What is wrong, in words (the first problems found). */
  message?: string;
  /** Trace JSON of every simulation the run made, in order (serialised when first read: only
   * the determinism check reads them, and a passing run without it never does). */
  readonly traces: string[];
  /** A narrower case that fails the same way (idempotence names the one crash point). */
  refine?: unknown;
}

/** How a counterexample file rebuilds the world the property ran in. */
export interface CounterexampleWorld {
  /** Job modules (paths or file: URLs) that export the job classes. */
  modules: string[];
  setupSql?: string;
  rows?: Record<string, Record<string, unknown>[]>;
  services?: ServiceScripts;
  /** The queue config of the failing run, for the scenario's own `config:` key. */
  config?: QueueConfigCase;
  /** Scenario keys for the simulation options: start (epoch ms), time_zone, settings, supervisors. */
  start?: number;
  timeZone?: string;
  settings?: Record<string, unknown>;
  supervisors?: number;
  /** The failing run's simulation seed and interleaving choices, for the scenario's own keys. */
  seed?: number;
  choices?: number[];
  /** Code-only parts the file cannot carry (a prepare hook): named so a reader knows. */
  missing?: string[];
}

export interface PropertyDefinition<C = unknown> {
  /** snake_case, as in a scenario's `properties:` list. */
  readonly name: string;
  /** What it is about, when the name alone does not say (the job class under test). */
  readonly subject?: string;
  readonly arbitrary: fc.Arbitrary<C>;
  /** Run count when none is given. */
  readonly defaultRuns: number;
  run(c: C): Promise<Verdict>;
  /** The scenario `properties:` options that rebuild this property (snake_case keys, plain data). */
  spec(): Record<string, unknown>;
  /** What a counterexample file needs to rebuild the world, given the failing case. */
  world(c: C): CounterexampleWorld;
}

/** A run's traces, or how to serialise them when they are first asked for. */
export type Traces = string[] | (() => string[]);

export const pass = (traces: Traces): Verdict => withTraces({ ok: true }, traces);
export const fail = (message: string, traces: Traces): Verdict => withTraces({ ok: false, message }, traces);

function withTraces(v: Omit<Verdict, "traces">, traces: Traces): Verdict {
  if (typeof traces !== "function") return { ...v, traces };
  let serialised: string[] | undefined;
  return Object.defineProperty(v, "traces", { get: () => (serialised ??= traces()), enumerable: true }) as Verdict;
}

/** Problems found by checks, as one verdict (the first few, so messages stay readable). */
export function verdictOf(problems: readonly string[], traces: Traces): Verdict {
  if (problems.length === 0) return pass(traces);
  const shown = problems.slice(0, 5).map((p) => `  - ${p}`);
  if (problems.length > 5) shown.push(`  ... and ${problems.length - 5} more`);
  return fail(shown.join("\n"), traces);
}

/** "idempotence ChargeOrderJob": how reports name a property. */
export function titleOf(def: { name: string; subject?: string }): string {
  return def.subject === undefined ? def.name : `${def.name} ${def.subject}`;
}

/** "idempotence-charge-order-job": how file names name a property. */
export function slugOf(def: { name: string; subject?: string }): string {
  return def.subject === undefined ? def.name : `${def.name}-${kebab(def.subject)}`;
}

/** "ChargeOrderJob" -> "charge-order-job". */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}
