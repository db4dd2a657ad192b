import { describe, expect, it } from "vitest";
import { currentEnvironment, hasEnvironment } from "../../src/job/environment.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { enqueuedJobs, performedJobs, recordSimulation, travel, useSimulation, useTestAdapter, type TestAdapter } from "../../src/testing/vitest.js";
import { START, world } from "../helpers/world.js";
import { HelloJob } from "./support/jobs.js";

// Each test gets a fresh world; nothing (jobs, settings, clock, faked Date, environment) leaks
// into the next test, whether the test passed or failed. Tests in this file run in order.

const RealDate = Date;

describe("useTestAdapter isolation", () => {
  const t = useTestAdapter();
  let previous: TestAdapter | undefined;

  it.fails("a failing test that dirties its world", async () => {
    previous = t.adapter;
    await HelloJob.performLater(1);
    t.adapter.performEnqueuedJobs = true;
    await HelloJob.performLater(2);
    await travel("3 days");
    throw new Error("this test fails on purpose");
  });

  it("starts the next test clean", () => {
    expect(t.adapter).not.toBe(previous);
    expect(previous!.isDisposed).toBe(true);
    expect(enqueuedJobs()).toEqual([]);
    expect(performedJobs()).toEqual([]);
    expect(t.adapter.performEnqueuedJobs).toBe(false);
    expect(t.now()).toBe(START);
    expect(Date.now()).toBe(START);
    expect(currentEnvironment()).toBe(t.adapter);
  });

  describe("with a simulation inside", () => {
    const s = useSimulation({ jobs: [HelloJob] });

    it("the inner world wins while it lives", async () => {
      expect(currentEnvironment()).toBe(s.sim.env);
      await HelloJob.performLater(3);
      expect(enqueuedJobs()).toHaveLength(1);
      expect(t.adapter.enqueuedJobs).toEqual([]);
    });
  });

  it("gets the adapter back after the inner describe", () => {
    expect(currentEnvironment()).toBe(t.adapter);
  });
});

describe("useSimulation isolation", () => {
  const s = useSimulation({ jobs: [HelloJob] });
  let previous: Simulation | undefined;

  it("runs a world", async () => {
    previous = s.sim;
    await HelloJob.performLater(1);
    await s.sim.runUntilIdle();
    expect(Date).toBe(RealDate);
  });

  it("disposes it after the test and makes a new one", async () => {
    expect(s.sim).not.toBe(previous);
    await expect(previous!.advance(1)).rejects.toThrow("disposed");
    expect(s.sim.jobs()).toEqual([]);
    expect(performedJobs()).toEqual([]);
  });
});

describe("useSimulation's setup, run once and reset between tests", () => {
  const s = useSimulation({ jobs: [HelloJob], setupSql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('setup');" });
  let firstDb: unknown;

  it("dirties the database, the ids and the clock", async () => {
    firstDb = s.sim.db;
    s.sim.db.run("INSERT INTO notes VALUES ('test 1')");
    await HelloJob.performLater(1);
    await HelloJob.performLater(2);
    await s.sim.runUntilIdle();
    await s.sim.advance("1h");
  });

  it("starts the next test from the setup's rows, ids from 1 and the start instant", async () => {
    expect(s.sim.db).toBe(firstDb); // the same database, rolled back: the setup SQL did not run again
    expect(s.sim.db.all("SELECT text FROM notes")).toEqual([{ text: "setup" }]);
    expect(s.sim.jobs()).toEqual([]);
    expect(s.sim.now()).toBe(START);
    const job = await HelloJob.performLater(3);
    expect(job !== false && job.providerJobId).toBe(1);
  });
});

let unused: ReturnType<typeof useTestAdapter> | undefined;
describe.skip("a world whose tests never run", () => {
  unused = useTestAdapter();
  it("never runs", () => {});
});

describe("after the worlds", () => {
  it("leaves no environment and the real Date", () => {
    expect(hasEnvironment()).toBe(false);
    expect(Date).toBe(RealDate);
  });

  it("explains that a handle is only usable inside a test", () => {
    expect(() => unused!.adapter).toThrowErrorMatchingInlineSnapshot(`[Error: useTestAdapter()'s world exists only while a test runs (it is made in beforeEach and disposed in afterEach)]`);
  });
});

describe("a run the test did not await", () => {
  it("fails the world's disposal and takes the virtual clock off", async () => {
    const sim = await world({ jobs: [HelloJob] });
    const recorder = recordSimulation(sim);
    await HelloJob.performLater(1);
    const run = sim.advance("1h");
    expect(Date).not.toBe(RealDate);
    expect(() => recorder.dispose()).toThrowErrorMatchingInlineSnapshot(`[Error: a simulation run was still going when the test ended: await sim.advance(), sim.runUntil() and sim.runUntilIdle() (the virtual clock was taken off so the next test gets the real Date and timers)]`);
    expect(Date).toBe(RealDate);
    sim.dispose();
    await run.catch(() => {});
    expect(Date).toBe(RealDate);
    // The dangling run, ending after dispose(), leaves no trace of the disposed world.
    expect(hasEnvironment()).toBe(false);
  });
});
