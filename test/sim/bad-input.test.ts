import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { world } from "../helpers/world.js";

class SomeJob extends Job {
  override perform(): void {}
}

describe("bad input gets a clear error", () => {
  it("an unknown queue config key, with a suggestion", async () => {
    await expect(world({ queueConfig: { text: "workers:\n  - queues: '*'\n    thread: 3\n", path: "queue.yml" } })).rejects.toThrow(
      /queue\.yml:3:5: unknown key "thread" in workers\[0\]; did you mean "threads"\?/,
    );
  });

  it("a negative or non-numeric thread count", async () => {
    await expect(world({ queueConfig: { text: "workers:\n  - threads: -2\n", path: "queue.yml" } })).rejects.toThrow(/queue\.yml:2:14: .*threads.*positive integer/);
    await expect(world({ queueConfig: { text: "workers:\n  - threads: many\n", path: "queue.yml" } })).rejects.toThrow(/queue\.yml:2:14: .*threads/);
  });

  it("a configuration with no process at all, as Solid Queue refuses it", async () => {
    await expect(world({ queueConfig: { text: "workers: []\ndispatchers: []\n", path: "queue.yml" } })).rejects.toThrow("queue.yml: No processes configured");
  });

  it("a job class not registered", async () => {
    const sim = await world({ jobs: [SomeJob] });
    await expect(sim.enqueue("MissingJob")).rejects.toThrow("Failed to instantiate job, class `MissingJob` doesn't exist (known job classes: ActionMailer::MailDeliveryJob, SomeJob)");
  });

  it("a SQL error in app setup names the statement", async () => {
    await expect(world({ setupSql: "CREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO userz VALUES (1);" })).rejects.toThrow(/SQL error: no such table: userz in: CREATE TABLE users/);
  });

  it("a bad duration says what is accepted", async () => {
    const sim = await world();
    await expect(sim.advance("5 parsecs")).rejects.toThrow(/bad duration "5 parsecs" for advance/);
  });

  it("a job that never settles is named when the horizon is reached", async () => {
    class HangJob extends Job {
      override async perform() {
        await new Promise(() => {});
      }
    }
    const sim = await world({ jobs: [HangJob] });
    await sim.enqueue(HangJob);
    await expect(sim.runUntilIdle({ horizon: "1h" })).rejects.toThrow(/job 1 \(HangJob\) on default: claimed by worker-[0-9a-f]{20}/);
  });
});
