import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { world } from "../helpers/world.js";

class HelloJob extends Job {
  static {
    this.queueAs("default");
  }
  override async perform(name: string) {
    await this.db.run("INSERT INTO greetings (name) VALUES (?)", [name]);
  }
}

describe("smoke", () => {
  it("runs a job through the whole lifecycle", async () => {
    const sim = await world({ jobs: [HelloJob], setupSql: "CREATE TABLE greetings (name TEXT)" });
    await HelloJob.performLater("ada");
    await HelloJob.set({ wait: 60 }).performLater("bob");
    await sim.runUntilIdle();
    expect(sim.db.all("SELECT name FROM greetings ORDER BY name")).toEqual([{ name: "ada" }, { name: "bob" }]);
    expect(sim.jobs().map((j) => j.status)).toEqual(["finished", "finished"]);
    const types = sim.trace.events.filter((e) => e.jobId === 2).map((e) => e.type);
    expect(types).toEqual(["enqueued", "scheduled", "dispatched", "ready", "claimed", "started", "succeeded"]);
  });
});
