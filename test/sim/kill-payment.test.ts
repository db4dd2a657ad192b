import { describe, expect, it } from "vitest";
import { APP_SCHEMA, MODELS, Order } from "../../scenarios/jobs/app.js";
import { ProcessPaymentJob } from "../../scenarios/jobs/process-payment-job.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { START, world } from "../helpers/world.js";

// A worker killed in the middle of ProcessPaymentJob: the job's fate per Solid Queue, and the
// trace saying when and why (spec §5.5, §5.6).

async function paymentWorld(settings: { supervisorMode?: "fork" | "async" } = {}, supervisors = 1): Promise<Simulation> {
  const sim = await world({
    pollTiming: "aligned",
    jobs: [ProcessPaymentJob],
    models: MODELS,
    setupSql: `${APP_SCHEMA} INSERT INTO users VALUES (1, 'ada@example.com', 'Ada'); INSERT INTO orders VALUES (1, 1, 1999, 'pending');`,
    queueConfig: { text: "dispatchers: [{ polling_interval: 1, batch_size: 500 }]\nworkers: [{ queues: [critical], threads: 1, polling_interval: 0.1 }]" },
    settings,
    supervisors,
  });
  // The gateway takes 10 s to answer.
  sim.services.get("PaymentService").otherwise("process", { latency: "10s", returns: "charged" });
  await ProcessPaymentJob.performLater(Order.find(sim.db, 1));
  return sim;
}

const timeline = (sim: Simulation) =>
  sim.trace.events
    .filter((e) => e.jobId === 1 || e.type === "process_died" || e.type === "process_started")
    .map((e) => `${(e.t - START) / 1000}s ${e.type}${e.data?.error ? ` ${String(e.data.error)}` : ""}${e.type === "process_died" ? ` ${JSON.stringify(e.data)}` : ""}`);

describe("a worker killed in the middle of ProcessPaymentJob", () => {
  it("fork mode: the job fails with ProcessExitError at the supervisor's next tick; the charge was already sent", async () => {
    const sim = await paymentWorld();
    await sim.advance(5.5);
    sim.kill("worker:0");
    await sim.runUntilIdle();
    expect(sim.job(1)!.status).toBe("failed");
    expect(sim.job(1)!.error!.exceptionClass).toBe("SolidQueue::Processes::ProcessExitError");
    expect(sim.job(1)!.error!.message).toMatch(/^Process pid=\d+ exited unexpectedly\. Received unhandled signal 9\.$/);
    expect(timeline(sim)).toEqual([
      "0s process_started",
      "0s process_started",
      "0s process_started",
      "0s enqueued",
      "0s ready",
      "0s claimed",
      "0s started",
      "5.5s process_died {\"signal\":9}",
      "6s failed SolidQueue::Processes::ProcessExitError",
      "6s process_started",
    ]);
    // The gateway saw the charge; the job never learnt the answer. Not retried: the failed
    // execution waits for an operator (or a retryOn of the process error, which cannot fire
    // because the job's code is not running when the supervisor fails it).
    expect(sim.services.get("PaymentService").calls.length).toBe(1);
  });

  it("async mode, supervisor killed: the job stays claimed until another supervisor prunes it (ProcessPrunedError)", async () => {
    const sim = await paymentWorld({ supervisorMode: "async" });
    await sim.advance(5.5);
    sim.kill("supervisor:0");
    await sim.advance(60);
    expect(sim.job(1)!.status).toBe("claimed");
    sim.startSupervisor();
    await sim.advance(600);
    expect(sim.job(1)!.error).toMatchObject({ exceptionClass: "SolidQueue::Processes::ProcessPrunedError" });
  });

  it("graceful stop past shutdown_timeout: the job goes back to ready and runs again on another host (charged twice)", async () => {
    const sim = await paymentWorld({}, 2);
    await sim.advance(1);
    const owner = sim.trace.events.find((e) => e.type === "claimed")!.process!;
    sim.stop(owner);
    await sim.runUntilIdle();
    expect(sim.trace.events.filter((e) => e.jobId === 1).map((e) => e.type)).toEqual([
      "enqueued",
      "ready",
      "claimed",
      "started",
      "released",
      "ready",
      "claimed",
      "started",
      // No lost_result: the first worker's process exited after its shutdown_timeout, and the
      // job code it was running ended with it (issue 12 item 4).
      "succeeded",
    ]);
    expect(sim.job(1)!.status).toBe("finished");
    expect(sim.services.get("PaymentService").calls.length).toBe(2);
  });
});
