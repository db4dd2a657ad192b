import { afterAll, afterEach, beforeEach } from "vitest";
import type { DeliveredMail } from "../job/mailer.js";
import type { Services } from "../sim/services.js";
import type { Simulation, SimulationOptions } from "../sim/simulation.js";
import { WorldTemplate } from "../sim/world-template.js";
import type { Database } from "../store/database.js";
import { TestAdapter, type TestAdapterOptions } from "./test-adapter.js";
import { adapterWorld, simulationWorld, type SimulationWorld, type TestAdapterWorld, type TestWorld } from "./world.js";

// Per-test worlds (ActiveJob::TestHelper's before_setup / after_teardown): each test gets a
// fresh test adapter or simulation, made current before it and disposed after it, pass or fail,
// so nothing (jobs, environment, faked Date) leaks into the next test.

/** A test adapter made current by hand; call `dispose()` when done. */
export async function startTestAdapter(options: TestAdapterOptions = {}): Promise<TestAdapterWorld> {
  const adapter = await TestAdapter.create(options);
  return adapterWorld(adapter, { fakeDate: options.fakeDate ?? true });
}

/** Lets matchers and helpers look at a simulation you created; `dispose()` stops recording (it leaves the simulation alone). */
export function recordSimulation(sim: Simulation): SimulationWorld {
  return simulationWorld(sim);
}

export interface TestAdapterHandle {
  readonly adapter: TestAdapter;
  /** The app database jobs reach with `this.db` (sync SQL for setup and checks). */
  readonly db: Database;
  readonly deliveries: DeliveredMail[];
  readonly services: Services;
  readonly logs: TestAdapter["logs"];
  /** Virtual now, epoch ms. */
  now(): number;
}

export interface SimulationHandle {
  readonly sim: Simulation;
}

/** A fresh TestAdapter for every test of the enclosing file or describe block. */
export function useTestAdapter(options: TestAdapterOptions = {}): TestAdapterHandle {
  const current = perTest("useTestAdapter", () => startTestAdapter(options));
  const adapter = () => current().adapter;
  return {
    get adapter() {
      return adapter();
    },
    get db() {
      return adapter().db;
    },
    get deliveries() {
      return adapter().deliveries;
    },
    get services() {
      return adapter().services;
    },
    get logs() {
      return adapter().logs;
    },
    now: () => adapter().now(),
  };
}

/**
 * A fresh simulation (createSimulation(options)) for every test of the enclosing file or describe
 * block. The setup SQL runs once: each test's world starts from a template of the database it
 * left (sim/world-template.ts), with its own clock, ids, seed and processes.
 */
export function useSimulation(options: SimulationOptions | (() => SimulationOptions) = {}): SimulationHandle {
  let template: { setupSql: string | undefined; template: WorldTemplate } | undefined;
  afterAll(() => template?.template.dispose());
  const current = perTest("useSimulation", async () => {
    const { setupSql, ...opts } = typeof options === "function" ? options() : options;
    if (template === undefined || template.setupSql !== setupSql) {
      template?.template.dispose();
      template = undefined; // a failing setup leaves none behind
      template = { setupSql, template: await WorldTemplate.build((sim) => sim.db.exec(setupSql ?? ""), opts) };
    }
    return simulationWorld(await template.template.simulation(opts), { owned: true });
  });
  return {
    get sim() {
      return current().sim;
    },
  };
}

function perTest<W extends TestWorld>(name: string, make: () => Promise<W>): () => W {
  let world: W | undefined;
  beforeEach(async () => {
    world = await make();
  });
  afterEach(() => {
    const w = world;
    world = undefined;
    w?.dispose();
  });
  return () => {
    if (world === undefined) throw new Error(`${name}()'s world exists only while a test runs (it is made in beforeEach and disposed in afterEach)`);
    return world;
  };
}
