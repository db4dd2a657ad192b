import { afterEach } from "vitest";
import { Job } from "../../src/job/job.js";
import { createSimulation, type Simulation, type SimulationOptions } from "../../src/sim/simulation.js";

// Test worlds: every simulation made through `world()` is disposed after its test.

const open: Simulation[] = [];
afterEach(() => {
  while (open.length > 0) open.pop()!.dispose();
});

export async function world(opts: SimulationOptions = {}): Promise<Simulation> {
  const sim = await createSimulation({ jobs: [TaggedJob], ...opts });
  open.push(sim);
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
