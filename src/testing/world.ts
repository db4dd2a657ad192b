import type { DeserializeContext } from "../job/arguments.js";
import { useEnvironment } from "../job/environment.js";
import type { SerializerRegistry } from "../job/serializers.js";
import type { Simulation } from "../sim/simulation.js";
import type { DeliveredMail } from "../job/mailer.js";
import type { JobEntry } from "./entry.js";
import type { JobTimes } from "./job-times.js";
import { ArgumentError } from "./errors.js";
import { SimulationRecorder } from "./simulation-recorder.js";
import type { TestAdapter } from "./test-adapter.js";

// The world a test's helpers and matchers look at: a test adapter, or a simulation with a
// recorder. Worlds stack (a nested describe's world hides the outer one until it is disposed).

export type TestWorld = TestAdapterWorld | SimulationWorld;

interface WorldBase {
  enqueuedJobs(): readonly JobEntry[];
  performedJobs(): readonly JobEntry[];
  /** When entries were enqueued and performed. */
  times(): JobTimes;
  /** Mail delivered so far (the test mailer's deliveries). */
  deliveries(): readonly DeliveredMail[];
  deserializeContext(): DeserializeContext;
  serializers(): SerializerRegistry;
  dispose(): void;
}

export interface TestAdapterWorld extends WorldBase {
  readonly mode: "testAdapter";
  readonly adapter: TestAdapter;
}

export interface SimulationWorld extends WorldBase {
  readonly mode: "simulation";
  readonly sim: Simulation;
}

const worlds: TestWorld[] = [];

export function currentWorld(): TestWorld | undefined {
  return worlds[worlds.length - 1];
}

/** The current world, or the error rspec-rails raises when the test adapter is not set. */
export function requireWorld(method: string): TestWorld {
  const world = currentWorld();
  if (world === undefined) {
    throw new ArgumentError(
      `${method} needs a jobsim test world: call useTestAdapter() or useSimulation() in the test file or describe block (or startTestAdapter() / recordSimulation(sim) by hand)`,
    );
  }
  return world;
}

/** Active Job's "<method> requires the Active Job test adapter, you're using <Adapter>." */
export function requireTestAdapter(method: string): TestAdapterWorld {
  const world = requireWorld(method);
  if (world.mode !== "testAdapter") {
    throw new ArgumentError(
      `${method} requires the Active Job test adapter, you're using the simulation (Solid Queue). In simulation mode use the matchers (toHaveEnqueuedJob, toHavePerformedJob, ...), enqueuedJobs() / performedJobs() or sim.jobs(), and run the simulation (sim.runUntilIdle()) to perform jobs.`,
    );
  }
  return world;
}

/** Makes a test adapter the current environment and world until the returned world is disposed. */
export function adapterWorld(adapter: TestAdapter, options: { fakeDate?: boolean } = {}): TestAdapterWorld {
  const restoreEnv = useEnvironment(adapter);
  if (options.fakeDate ?? true) adapter.clock.installDate();
  const world: TestAdapterWorld = {
    mode: "testAdapter",
    adapter,
    enqueuedJobs: () => adapter.enqueuedJobs,
    performedJobs: () => adapter.performedJobs,
    times: () => adapter.times,
    deliveries: () => adapter.deliveries,
    deserializeContext: () => adapter.deserializeContext(),
    serializers: () => adapter.serializers(),
    dispose: once(() => {
      remove(world);
      adapter.clock.uninstallDate();
      restoreEnv();
      adapter.dispose();
    }),
  };
  worlds.push(world);
  return world;
}

/** Records a simulation's enqueues and executions; disposing also disposes the simulation when `owned`. */
export function simulationWorld(sim: Simulation, options: { owned?: boolean } = {}): SimulationWorld {
  const recorder = new SimulationRecorder(sim);
  const world: SimulationWorld = {
    mode: "simulation",
    sim,
    enqueuedJobs: () => recorder.enqueuedJobs(),
    performedJobs: () => recorder.performedJobs(),
    times: () => recorder.times,
    deliveries: () => sim.deliveries,
    deserializeContext: () => sim.env.deserializeContext(),
    serializers: () => sim.env.serializers(),
    dispose: once(() => {
      remove(world);
      recorder.detach();
      const running = sim.isRunning;
      if (running) takeClockOff(sim);
      if (options.owned === true) sim.dispose();
      if (running) {
        throw new Error("a simulation run was still going when the test ended: await sim.advance(), sim.runUntil() and sim.runUntilIdle() (the virtual clock was taken off so the next test gets the real Date and timers)");
      }
    }),
  };
  worlds.push(world);
  return world;
}

// A run the test did not await still has the virtual clock on the globals.
function takeClockOff(sim: Simulation): void {
  for (let i = 0; i < 1000 && globalThis.Date === sim.clock.fake.Date; i++) sim.clock.uninstall();
}

function remove(world: TestWorld): void {
  const i = worlds.lastIndexOf(world);
  if (i >= 0) worlds.splice(i, 1);
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
