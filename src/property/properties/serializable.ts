import fc from "fast-check";
import type { AnyJobClass } from "../../job/registry.js";
import { canonical, diffTables, type AppTables } from "../app-state.js";
import { choiceLists, trimDefaults } from "../arbitraries/interleaving.js";
import { singleWorker } from "../arbitraries/queue-config.js";
import { sortArrivals } from "../arbitraries/workload.js";
import { fail, pass, type PropertyDefinition } from "../property.js";
import { runWorld } from "../world.js";
import type { Arrival, InterleavingCase, WorldCase } from "../world-case.js";
import { counterexampleWorld, worldBase, worldSpec, type WorldOptions } from "../world-options.js";
import { isArbitrary } from "./idempotence.js";

// Serializability: jobs running at once on one worker's threads, under any interleaving, leave
// the app tables as running them one after another in some order would. A read-modify-write
// with an await between the read and the write (a lost update) breaks it.

export interface SerializableOptions extends WorldOptions {
  /** The jobs that run together, one arrival each. */
  work: readonly { job: AnyJobClass; args?: readonly unknown[] | fc.Arbitrary<unknown[]> }[];
  /** Threads of the one worker. Default 2 to 4. */
  minThreads?: number;
  maxThreads?: number;
  /** Arrivals fall in [0, window) ms. Default 1000. */
  window?: number;
  /** Serial orders tried before giving up (the concurrent start order first). Default 24. */
  maxOrders?: number;
  runs?: number;
}

export interface SerializableCase {
  seed: number;
  threads: number;
  arrivals: Arrival[];
  interleaving: InterleavingCase;
}

export function serializable(opts: SerializableOptions): PropertyDefinition<SerializableCase> {
  if (opts.work.length < 2) throw new Error("serializable needs at least two jobs in work:");
  const base = worldBase(opts, opts.work.map((w) => w.job));
  const slots = Math.max(1, Math.floor((opts.window ?? 1000) / 50));
  const arrival = (w: SerializableOptions["work"][number]): fc.Arbitrary<Arrival> =>
    fc.record({
      at: fc.nat({ max: slots - 1 }).map((k) => k * 50),
      job: fc.constant(w.job.jobClassName),
      args: isArbitrary<unknown[]>(w.args) ? w.args : fc.constant<unknown[]>([...((w.args as unknown[] | undefined) ?? [])]),
    });
  const world = (c: SerializableCase, arrivals: Arrival[], threads: number, interleaving: InterleavingCase): WorldCase => ({
    seed: c.seed,
    config: singleWorker(threads),
    arrivals,
    actions: [],
    awaitCrashes: [],
    interleaving,
    horizon: 3600_000,
  });
  return {
    name: "serializable",
    subject: opts.work[0]!.job.jobClassName,
    defaultRuns: opts.runs ?? 50,
    arbitrary: fc.record({
      seed: fc.nat({ max: 0xffff }),
      threads: fc.integer({ min: opts.minThreads ?? 2, max: Math.max(opts.minThreads ?? 2, opts.maxThreads ?? 4) }),
      arrivals: fc.tuple(...opts.work.map(arrival)).map((list) => sortArrivals(list)),
      interleaving: choiceLists(),
    }),
    async run(c) {
      const together = await runWorld(base, world(c, c.arrivals, c.threads, c.interleaving));
      const traces = [together.traceJson];
      if (together.error !== undefined) return fail(`the run raised ${together.error.name}: ${together.error.message}`, traces);
      const rowIndex = new Map<number, number>();
      together.events.filter((e) => e.type === "enqueued").forEach((e, i) => rowIndex.set(e.jobId!, i));
      const startOrder = together.events.filter((e) => e.type === "started").map((e) => rowIndex.get(e.jobId!)!);
      const tried = new Set<string>();
      let first: { order: number[]; tables: AppTables } | undefined;
      for (const order of orders(c.arrivals.length, startOrder, opts.maxOrders ?? 24)) {
        const key = order.join(",");
        if (tried.has(key)) continue;
        tried.add(key);
        const serial = order.map((i) => ({ ...c.arrivals[i]!, at: 0 }));
        const alone = await runWorld(base, world(c, serial, 1, { kind: "fifo" }));
        traces.push(alone.traceJson);
        if (canonical(alone.tables) === canonical(together.tables)) return pass(traces);
        first ??= { order, tables: alone.tables };
      }
      const names = (order: number[]) => order.map((i) => `${c.arrivals[i]!.job}(${JSON.stringify(c.arrivals[i]!.args).slice(1, -1)})`).join(", then ");
      const d = diffTables(first!.tables, together.tables, ["running them one at a time", `running them together on ${c.threads} threads`]);
      const v = fail(`no serial order gives the tables the concurrent run left (${tried.size} orders tried; first: ${names(first!.order)}):\n    ${d}`, traces);
      if (c.interleaving.kind === "choices") v.refine = { ...c, interleaving: { kind: "choices", choices: trimDefaults(together.choicesMade) } };
      return v;
    },
    spec() {
      const s: Record<string, unknown> = { work: opts.work.map((w) => ({ job: w.job.jobClassName, ...(w.args !== undefined && !isArbitrary(w.args) ? { args: [...w.args] } : {}) })), ...worldSpec(opts) };
      return s;
    },
    world: (c) => ({
      ...counterexampleWorld(opts),
      config: singleWorker(c.threads),
      seed: c.seed,
      ...(c.interleaving.kind === "choices" ? { choices: c.interleaving.choices } : {}),
    }),
  };
}

/** The start order, then the others in lexicographic order, at most `max` in all. */
function* orders(n: number, preferred: readonly number[], max: number): Generator<number[]> {
  let count = 0;
  if (preferred.length === n && new Set(preferred).size === n) {
    yield [...preferred];
    count++;
  }
  const perm = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    if (count >= max) return;
    yield [...perm];
    count++;
    let i = n - 2;
    while (i >= 0 && perm[i]! >= perm[i + 1]!) i--;
    if (i < 0) return;
    let j = n - 1;
    while (perm[j]! <= perm[i]!) j--;
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    perm.splice(i + 1, n - i - 1, ...perm.slice(i + 1).reverse());
  }
}
