// A world built once and started again and again: the database with Solid Queue's schema and the
// app's setup (tables, fixture rows) is made once and marked; each simulation taken from the
// template rolls the database back to that mark (a savepoint, about a tenth of a millisecond for
// a small world) and builds a new world over it: its own clock, seeded generator, processes,
// trace and options. Property campaigns run hundreds of worlds from one template; the trace of
// each is byte-identical to the trace of a world created from scratch with the same options and
// setup (test/sim/world-template.test.ts).
import { Store } from "../store/store.js";
import type { SimulationOptions } from "./options.js";
import { Simulation } from "./simulation.js";

export class WorldTemplate {
  #store: Store;
  #live: Simulation | null = null;
  #disposed = false;

  private constructor(
    store: Store,
    private readonly setup: (sim: Simulation) => void | Promise<void>,
    private readonly opts: SimulationOptions,
  ) {
    this.#store = store;
  }

  /**
   * Runs `setup` on a world with no processes (its options: jobs, models, start, ...), then marks
   * the database as it left it. `setup` may run SQL, insert rows, anything that lands in the
   * database; what it does to the world's memory (service scripts, subscriptions) is not kept.
   */
  static async build(setup: (sim: Simulation) => void | Promise<void>, opts: SimulationOptions = {}): Promise<WorldTemplate> {
    return new WorldTemplate(await marked(setup, opts), setup, opts);
  }

  /** Whether a simulation taken from it is still live (not disposed). */
  get busy(): boolean {
    return this.#live !== null && !this.#live.disposed;
  }

  /**
   * A new simulation starting from the template's database, with these options (`setupSql` is
   * the template's business). One at a time: taking the next one disposes the previous one.
   */
  async simulation(opts: SimulationOptions = {}): Promise<Simulation> {
    if (this.#disposed) throw new Error("this world template was disposed");
    if (opts.setupSql !== undefined) throw new Error("setupSql belongs to the template (WorldTemplate.build); a simulation from it starts after its setup");
    this.#live?.dispose();
    this.#live = null;
    if (this.#store.db.connectionChanged) {
      // The last world ran a PRAGMA or ATTACH, which no rollback undoes: set up again.
      this.#store.db.close();
      this.#store = await marked(this.setup, this.opts);
    }
    this.#live = await Simulation.create(opts, this.#store);
    return this.#live;
  }

  /** Disposes the live simulation and frees the database. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#live?.dispose();
    this.#live = null;
    this.#store.db.close();
  }
}

/** A store after `setup`, marked. */
async function marked(setup: (sim: Simulation) => void | Promise<void>, opts: SimulationOptions): Promise<Store> {
  const store = await Store.open(() => 0);
  let sim: Simulation | undefined;
  try {
    sim = await Simulation.create({ ...opts, supervisors: 0 }, store);
    await setup(sim);
  } catch (e) {
    sim?.dispose();
    store.db.close();
    throw e;
  }
  sim.dispose();
  store.mark();
  return store;
}
