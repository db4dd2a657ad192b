import fc from "fast-check";
import { Job } from "../../job/job.js";
import type { JobPayload } from "../../job/payload.js";
import type { AnyJobClass } from "../../job/registry.js";
import { useEnvironment } from "../../job/environment.js";
import type { Simulation } from "../../sim/simulation.js";
import { NotSettledError } from "../../sim/simulation.js";
import { diffTables, snapshotTables, type AppTables } from "../app-state.js";
import { singleWorker } from "../arbitraries/queue-config.js";
import { diffEffects, effectsOf, type Effect } from "../effects.js";
import { fail, pass, type PropertyDefinition, type Verdict } from "../property.js";
import { createWorld, type WorldBase } from "../world.js";
import { counterexampleWorld, worldBase, worldSpec, type WorldOptions } from "../world-options.js";

// Idempotence: performing a job twice, or killing its worker at any await and retrying it (a
// fresh execution of the same row, as an operator retries the ProcessExitError failure), leaves
// the same app tables and the same side effects as performing it once. Every crash point is
// tried in every run: await 1, 2, ... until the job no longer reaches that await.

export interface IdempotenceOptions extends WorldOptions {
  job: AnyJobClass;
  /** Fixed arguments, or an arbitrary of argument lists. Default []. */
  args?: readonly unknown[] | fc.Arbitrary<unknown[]>;
  /** Effects that may repeat (at-least-once is fine for them): "mailer.deliver", "payment.charge". */
  allowDuplicates?: readonly string[];
  /** Also check performing it twice (default true). */
  twice?: boolean;
  /** Crash at these awaits only (default: every await the job reaches). */
  crashAt?: readonly number[];
  /** Kill (SIGKILL, default) or crash (exit 1) the worker. */
  how?: "kill" | "crash";
  /** Virtual time each phase may take. Default 1 hour. */
  horizon?: number | string;
  runs?: number;
}

export interface IdempotenceCase {
  args: unknown[];
  seed: number;
  /** Replays check only this variant ("twice", or a crash at this await). */
  only?: "twice" | { crashAt: number };
}

interface Outcome {
  tables: AppTables;
  effects: Effect[];
  traces: string[];
  crashed: boolean;
}

const MAX_AWAITS = 64;

export function idempotence(opts: IdempotenceOptions): PropertyDefinition<IdempotenceCase> {
  const base = worldBase(opts, [opts.job]);
  const argsArb: fc.Arbitrary<unknown[]> = isArbitrary<unknown[]>(opts.args) ? opts.args : fc.constant([...((opts.args as unknown[] | undefined) ?? [])]);
  const horizon = opts.horizon ?? "1h";
  const allow = opts.allowDuplicates ?? [];
  return {
    name: "idempotence",
    subject: opts.job.jobClassName,
    defaultRuns: opts.runs ?? 50,
    arbitrary: fc.record({ args: argsArb, seed: fc.nat({ max: 0xffff }) }),
    async run(c) {
      const traces: string[] = [];
      const once = await perform(base, opts.job, c, horizon, traces, { kind: "once" });
      const compare = (label: string, o: Outcome, only: IdempotenceCase["only"]): Verdict | undefined => {
        const labels: [string, string] = ["performing it once", label];
        const d = diffTables(once.tables, o.tables, labels) ?? diffEffects(once.effects, o.effects, allow, labels);
        if (d === null) return undefined;
        return { ...fail(`${opts.job.jobClassName}(${argsText(c.args)}) is not idempotent: ${d}`, traces), refine: { ...c, only } };
      };
      if (opts.twice !== false && (c.only === undefined || c.only === "twice")) {
        const bad = compare("performing it twice", await perform(base, opts.job, c, horizon, traces, { kind: "twice" }), "twice");
        if (bad !== undefined) return bad;
      }
      const points = c.only !== undefined ? (c.only === "twice" ? [] : [c.only.crashAt]) : (opts.crashAt ?? null);
      for (let k = 1; k <= (points === null ? MAX_AWAITS : points.length); k++) {
        const at = points === null ? k : points[k - 1]!;
        const o = await perform(base, opts.job, c, horizon, traces, { kind: "crash", at, how: opts.how ?? "kill" });
        if (!o.crashed) {
          if (points === null) break;
          continue;
        }
        const bad = compare(`a ${opts.how ?? "kill"} at await ${at} and a retry`, o, { crashAt: at });
        if (bad !== undefined) return bad;
      }
      return pass(traces);
    },
    spec() {
      const s: Record<string, unknown> = { job: opts.job.jobClassName, ...worldSpec(opts) };
      if (!isArbitrary(opts.args) && opts.args !== undefined) s.args = [...opts.args];
      if (allow.length > 0) s.allow_duplicates = [...allow];
      if (opts.twice === false) s.twice = false;
      if (opts.crashAt !== undefined) s.crash_at = [...opts.crashAt];
      if (opts.how !== undefined) s.how = opts.how;
      if (opts.horizon !== undefined) s.horizon = opts.horizon;
      return s;
    },
    world: (c) => ({ ...counterexampleWorld(opts), config: singleWorker(), seed: c.seed }),
  };
}

type Variant = { kind: "once" } | { kind: "twice" } | { kind: "crash"; at: number; how: "kill" | "crash" };

async function perform(base: WorldBase, job: AnyJobClass, c: IdempotenceCase, horizon: number | string, traces: string[], v: Variant): Promise<Outcome> {
  const sim = await createWorld(base, { seed: c.seed, config: singleWorker(), interleaving: { kind: "fifo" } });
  let crashed = false;
  try {
    if (v.kind === "crash") sim.faults.crashAtAwait({ jobClass: job.jobClassName, await: v.at, how: v.how });
    const enqueued = await sim.enqueue(job, c.args);
    await settle(sim, horizon);
    if (v.kind === "twice" && enqueued !== false && enqueued.providerJobId !== null) {
      await performAgain(sim, enqueued.providerJobId);
      await settle(sim, horizon);
    }
    if (v.kind === "crash") {
      crashed = sim.trace.events.some((e) => e.type === "fault" && (e.data as { kind?: string } | undefined)?.kind === "crash_at_await");
      if (crashed) {
        for (const j of sim.jobs({ status: "failed" })) if (j.error?.exceptionClass.includes("ProcessExitError")) sim.retryFailed(j.id);
        await settle(sim, horizon);
      }
    }
    traces.push(sim.trace.toJSON());
    return { tables: snapshotTables(sim, base.tables), effects: effectsOf(sim.services.calls(), sim.deliveries), traces, crashed };
  } finally {
    sim.dispose();
  }
}

async function settle(sim: Simulation, horizon: number | string): Promise<void> {
  try {
    await sim.runUntilIdle({ horizon });
  } catch (e) {
    if (!(e instanceof NotSettledError)) throw e;
  }
}

/** The same job (same job id and arguments) delivered once more: a new row from its payload. */
async function performAgain(sim: Simulation, rowId: number): Promise<void> {
  const row = sim.job(rowId);
  if (row === undefined) return;
  const cls = sim.registry.require(row.className) as unknown as typeof Job;
  const restore = useEnvironment(sim.env);
  try {
    const again = cls.deserialize({ ...(row.payload as JobPayload), scheduled_at: null });
    again.scheduledAt = null;
    await again.enqueue();
  } finally {
    restore();
  }
}

export function isArbitrary<T>(v: unknown): v is fc.Arbitrary<T> {
  return v instanceof fc.Arbitrary;
}

export function argsText(args: readonly unknown[]): string {
  return JSON.stringify(args).slice(1, -1);
}
