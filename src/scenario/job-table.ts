// Every job row with its status, read once after a run, and found again by id.
import type { JobView } from "../sim/job-views.js";
import type { Simulation } from "../sim/simulation.js";

export class JobTable {
  readonly all: JobView[];
  private readonly byId = new Map<number, JobView>();

  constructor(sim: Simulation) {
    this.all = sim.jobs();
    for (const view of this.all) this.byId.set(view.id, view);
  }

  get(id: number): JobView | undefined {
    return this.byId.get(id);
  }
}
