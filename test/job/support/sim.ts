import { createSimulation, type Simulation, type SimulationOptions } from "../../../src/sim/simulation.js";

/** A simulation for one test, always disposed (which restores the previous job environment). */
export async function withSim<T>(options: SimulationOptions, fn: (sim: Simulation) => Promise<T>): Promise<T> {
  const sim = await createSimulation({ start: "2026-01-01T00:00:00Z", ...options });
  try {
    return await fn(sim);
  } finally {
    sim.dispose();
  }
}

/** Seconds since the default start (2026-01-01T00:00:00Z). */
export function sinceStart(t: number): number {
  return (t - Date.UTC(2026, 0, 1)) / 1000;
}
