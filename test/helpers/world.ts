import { onTestFinished } from "vitest";
import { Job } from "../../src/job/job.js";
import { createSimulation, type Simulation, type SimulationOptions } from "../../src/sim/simulation.js";

// The one way tests make a simulation. Every world made through `world()` is disposed when its
// test finishes, passed or failed (disposal also gives back the job environment it took), so no
// test needs try/finally. A test may still call `sim.dispose()` itself: disposal is idempotent.
// `world()` can only be called while a test (or its beforeEach) runs; outside one it throws
// before making anything, so no world outlives its test.

/**
 * The instant test worlds start at: the simulation's default start, 2026-01-01T00:00:00Z.
 * The one test start constant: tests compute times relative to it instead of redeclaring it.
 */
export const START = Date.UTC(2026, 0, 1);

/** Seconds from START to `t` (epoch ms). */
export function sinceStart(t: number): number {
  return (t - START) / 1000;
}

/** A simulation for the running test, disposed when the test finishes. */
export async function world(opts: SimulationOptions = {}): Promise<Simulation> {
  let sim: Simulation | undefined;
  // Registered first: outside a test this throws before a database or environment is taken.
  onTestFinished(() => sim?.dispose());
  sim = await createSimulation({ jobs: [TaggedJob], ...opts });
  return sim;
}

/** A no-op job carrying a tag, so tests can read execution order from the trace. */
export class TaggedJob extends Job {
  override perform(_tag: string): void {}
}

/** Tags of TaggedJob executions in start order. */
export function startOrder(sim: Simulation): string[] {
  const byId = new Map(sim.jobs().map((j) => [j.id, j.args[0] as string]));
  return sim.trace.events.filter((e) => e.type === "started").map((e) => byId.get(e.jobId!) ?? `#${e.jobId}`);
}

export function queueYaml(workers: string, dispatchers = "[{ polling_interval: 1, batch_size: 500 }]"): { text: string } {
  return { text: `dispatchers: ${dispatchers}\nworkers: ${workers}\n` };
}

export async function enqueueTagged(sim: Simulation, tag: string, opts: { queue?: string; priority?: number; wait?: number | string; waitUntil?: number } = {}): Promise<void> {
  await sim.enqueue(TaggedJob, [tag], opts);
}
