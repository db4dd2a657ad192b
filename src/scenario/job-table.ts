// Every job row as an outline (id, class, queue, priority, status, arguments, error), read once
// after a run, and found again by id.
import { jobOutlines, type JobOutline } from "../sim/job-views.js";
import type { Simulation } from "../sim/simulation.js";

export class JobTable {
  readonly all: JobOutline[];
  private readonly byId = new Map<number, JobOutline>();

  constructor(sim: Simulation) {
    this.all = jobOutlines(sim.store);
    for (const job of this.all) this.byId.set(job.id, job);
  }

  get(id: number): JobOutline | undefined {
    return this.byId.get(id);
  }
}
