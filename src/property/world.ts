import type { DeliveredMail } from "../job/mailer.js";
import type { AnyJobClass } from "../job/registry.js";
import type { JobView } from "../sim/job-views.js";
import type { ServiceCall } from "../sim/services.js";
import { NotSettledError, type Simulation, type SimulationOptions } from "../sim/simulation.js";
import { serializeTrace, type TraceEvent } from "../sim/trace.js";
import { snapshotTables, type AppTables, type TableOptions } from "./app-state.js";
import { strategyFor } from "./arbitraries/interleaving.js";
import { toQueueConfig } from "./arbitraries/queue-config.js";
import { Buggify } from "./buggify.js";
import { peek } from "./peek.js";
import { applyServices, buildWorld, serviceSetups, tableRows } from "./world-builder.js";
import { templateFor } from "./world-templates.js";
import type { Arrival, ServiceScripts, TimedAction, WorldCase } from "./world-case.js";

// Runs one generated world: build the simulation from the case (world-builder.ts), play arrivals and faults at
// their times, run until idle or the horizon, and keep what properties read afterwards (the
// trace, the jobs, side effects, app tables). The simulation is always disposed.

export interface WorldBase {
  jobs: readonly AnyJobClass[];
  setupSql?: string;
  /** Fixture rows per table. */
  rows?: Record<string, Record<string, unknown>[]>;
  services?: ServiceScripts;
  /** Anything else to do to a fresh simulation (code-only; not written to counterexamples). */
  prepare?: (sim: Simulation) => void | Promise<void>;
  /** Further simulation options (start, timeZone, settings, errors, models). */
  options?: Omit<SimulationOptions, "jobs" | "seed" | "queueConfig" | "interleaving" | "setupSql">;
  tables?: TableOptions;
}

export interface WorldRun {
  c: WorldCase;
  start: number;
  events: TraceEvent[];
  /** The trace as JSON, serialised from `events` when first read. */
  readonly traceJson: string;
  jobs: JobView[];
  calls: ServiceCall[];
  deliveries: DeliveredMail[];
  tables: AppTables;
  /** Worker process name -> its queue list, for every worker that ever started. */
  workers: Map<string, string[]>;
  /** Job row id -> concurrency key (null when unlimited), for every row ever inserted. */
  keys: Map<number, string | null>;
  /** Job class -> its concurrency limit and period (ms). */
  limits: Map<string, { to: number; durationMs: number }>;
  /** False when work was still pending at the horizon. */
  settled: boolean;
  /** An error the run raised (an invariant broken, a job module problem). */
  error?: Error;
  /** The choices the interleaving actually made. */
  choicesMade: number[];
}

export interface RunOptions {
  /** Called with the live simulation after the run, before it is disposed. */
  inspect?: (sim: Simulation) => void | Promise<void>;
  /** Extra steps after the world settled (an operator retrying failed jobs, say). */
  after?: (sim: Simulation) => Promise<void>;
}

export async function createWorld(base: WorldBase, c: Pick<WorldCase, "seed" | "config" | "interleaving" | "services">, record?: number[]): Promise<Simulation> {
  const options = {
    ...base.options,
    jobs: [...base.jobs],
    seed: c.seed,
    queueConfig: toQueueConfig(c.config),
    interleaving: strategyFor(c.interleaving, record),
    invariants: true,
  };
  const services = [...serviceSetups(base.services), ...serviceSetups(c.services)];
  const template = await templateFor(base);
  const sim =
    template !== undefined
      ? await template.simulation(options)
      : await buildWorld({ options, ...(base.setupSql !== undefined ? { setupSql: { sql: base.setupSql } } : {}), rows: tableRows(base.rows), services });
  try {
    if (template !== undefined) applyServices(sim, services);
    await base.prepare?.(sim);
  } catch (e) {
    sim.dispose();
    throw e;
  }
  return sim;
}

export async function runWorld(base: WorldBase, c: WorldCase, opts: RunOptions = {}): Promise<WorldRun> {
  const choicesMade: number[] = [];
  const sim = await createWorld(base, c, choicesMade);
  let traceJson: string | undefined;
  const run: WorldRun = {
    c,
    start: sim.now(),
    events: [],
    get traceJson(): string {
      return (traceJson ??= serializeTrace(this.events));
    },
    jobs: [],
    calls: [],
    deliveries: [],
    tables: {},
    workers: new Map(),
    keys: new Map(),
    limits: new Map(),
    settled: true,
    choicesMade,
  };
  const stop = watch(sim, run);
  try {
    await play(sim, c, run);
    if (opts.after !== undefined && run.error === undefined) await guarded(run, () => opts.after!(sim));
    await opts.inspect?.(sim);
    run.events = sim.trace.events.slice();
    run.jobs = sim.jobs();
    run.calls = sim.services.calls().slice();
    run.deliveries = sim.deliveries.slice();
    run.tables = snapshotTables(sim, base.tables);
  } finally {
    stop();
    sim.dispose();
  }
  return run;
}

/** Records what the trace alone does not say: worker queue lists, rows' concurrency keys. */
function watch(sim: Simulation, run: WorldRun): () => void {
  for (const w of sim.workers()) run.workers.set(w.name, [...w.options.queues]);
  return sim.trace.onEvent((e) => {
    if (e.type === "process_started" && e.process !== undefined && (e.data as { kind?: string } | undefined)?.kind === "Worker") {
      const w = sim.workers().find((x) => x.name === e.process);
      if (w !== undefined) run.workers.set(w.name, [...w.options.queues]);
    } else if (e.type === "enqueued" && e.jobId !== undefined && !run.keys.has(e.jobId)) {
      const cls = e.jobClass === undefined ? undefined : (sim.registry.get(e.jobClass) as { concurrencyOptions?: unknown } | undefined);
      // A class without limits writes no key (sim/job-row.ts): no query for most jobs.
      const key = cls !== undefined && cls.concurrencyOptions === undefined ? null : peek(sim, "SELECT concurrency_key AS k FROM solid_queue_jobs WHERE id = ?", [e.jobId])[0]?.k;
      run.keys.set(e.jobId, typeof key === "string" ? key : null);
      if (cls?.concurrencyOptions !== undefined && !run.limits.has(e.jobClass!)) {
        const info = sim.runtime.concurrency(e.jobClass!);
        if (info !== undefined) run.limits.set(e.jobClass!, { to: info.limit, durationMs: info.durationMs });
      }
    }
  });
}

type Item = { at: number; order: number; arrival?: { a: Arrival; index: number }; action?: TimedAction };

async function play(sim: Simulation, c: WorldCase, run: WorldRun): Promise<void> {
  const buggify = c.buggify === undefined ? undefined : new Buggify(c.buggify);
  buggify?.install(sim);
  for (const k of c.awaitCrashes) if (k.arrival === undefined && k.job !== undefined) sim.faults.crashAtAwait({ jobClass: k.job, await: k.await, how: k.how });
  const window = Math.max(0, ...c.arrivals.map((a) => a.at), ...c.actions.map((a) => a.at)) + 100;
  const items: Item[] = [
    ...c.arrivals.map((a, index) => ({ at: a.at, order: 0, arrival: { a, index } })),
    ...[...c.actions, ...(buggify?.actions(window, sim.workers().length) ?? [])].map((action) => ({ at: action.at, order: 1, action })),
  ].sort((x, y) => x.at - y.at || x.order - y.order);
  const origin = sim.mono();
  for (const item of items) {
    const target = origin + item.at;
    if (target > sim.mono()) {
      const ok = await guarded(run, () => sim.advance((target - sim.mono()) / 1000));
      if (!ok) return;
    }
    if (item.arrival !== undefined) {
      const ok = await guarded(run, () => arrive(sim, c, item.arrival!.a, item.arrival!.index, buggify));
      if (!ok) return;
    } else act(sim, item.action!);
  }
  await guarded(run, async () => {
    try {
      await sim.runUntilIdle({ horizon: c.horizon / 1000 });
    } catch (e) {
      if (!(e instanceof NotSettledError)) throw e;
      run.settled = false;
    }
  });
}

async function arrive(sim: Simulation, c: WorldCase, a: Arrival, index: number, buggify: Buggify | undefined): Promise<void> {
  const opts: { queue?: string; priority?: number; wait?: number } = {};
  if (a.queue !== undefined) opts.queue = a.queue;
  if (a.priority !== undefined) opts.priority = a.priority;
  if (a.wait !== undefined) opts.wait = a.wait;
  const job = await sim.enqueue(a.job, a.args, opts);
  if (job === false || job.providerJobId === null) return;
  for (const k of c.awaitCrashes) if (k.arrival === index) sim.faults.crashAtAwait({ jobId: job.providerJobId, await: k.await, how: k.how });
  buggify?.atArrival(sim, job.providerJobId);
}

/** A timed action aimed at a process that is not there (already dead) does nothing. */
function act(sim: Simulation, a: TimedAction): void {
  try {
    switch (a.action) {
      case "pause":
        return sim.pause(a.queue);
      case "resume":
        return sim.resume(a.queue);
      case "jump_clock":
        return sim.jumpClock(a.seconds);
      case "restart":
        sim.startSupervisor();
        return;
      case "kill":
        return sim.kill(a.target);
      case "crash":
        return sim.crash(a.target);
      case "stop":
        return sim.stop(a.target);
      case "quit":
        return sim.quit(a.target);
      case "stop_heartbeats":
        return sim.stopHeartbeats(a.target);
    }
  } catch (e) {
    if (!(e instanceof Error) || !e.message.startsWith("no process")) throw e;
  }
}

async function guarded(run: WorldRun, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    run.error = e instanceof Error ? e : new Error(String(e));
    return false;
  }
}
