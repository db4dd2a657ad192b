import { createSimulation, Job, performAllLater } from "../src/index.js";

class IndexJob extends Job {
  static {
    this.beforeEnqueue(() => console.log("never printed: performAllLater runs no enqueue callbacks"));
  }
  override perform(_id: number) {}
}

const sim = await createSimulation({ jobs: [IndexJob] });
const jobs = [1, 2, 3].map((id) => new IndexJob(id));
jobs[2]!.set({ wait: 60 });
console.log(await performAllLater(jobs));
console.log(jobs.map((j) => [j.successfullyEnqueued, j.providerJobId]));
console.log(sim.jobs().map((j) => j.status));
sim.dispose();
