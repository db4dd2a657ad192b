import { createSimulation, Job } from "../src/index.js";

class SendGreetingJob extends Job {
  static {
    this.queueAs("default");
  }

  override async perform(name: string) {
    await this.db.run("INSERT INTO greetings (name, at) VALUES (?, ?)", [name, this.now().toISOString()]);
  }
}

const sim = await createSimulation({ jobs: [SendGreetingJob], setupSql: "CREATE TABLE greetings (name TEXT, at TEXT)" });
await SendGreetingJob.performLater("Ada");
await SendGreetingJob.set({ wait: "1 hour" }).performLater("Bob");
await sim.runUntilIdle();
console.log(sim.db.all("SELECT * FROM greetings"));
console.log(sim.jobs().map((j) => [j.id, j.className, j.queueName, j.status]));
sim.dispose();
