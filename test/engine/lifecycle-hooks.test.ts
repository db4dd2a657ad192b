import { describe, expect, it } from "vitest";
import type { QueueProcess } from "../../src/engine/process.js";
import { world } from "../helpers/world.js";

// Lifecycle hooks (spec §5.7): start after boot, stop when the stop begins, exit after
// deregistration; several hooks run in registration order; a raising hook stops nothing.

describe("lifecycle hooks", () => {
  it("a TERM run with a supervisor, two workers, a dispatcher and a scheduler makes 15 hook calls", async () => {
    const calls: string[] = [];
    const note = (event: string) => (p: QueueProcess) => void calls.push(`${event} ${p.kind}`);
    const sim = await world({
      queueConfig: { text: "workers: [{ queues: '*', processes: 2 }]\ndispatchers: [{}]\nscheduler: { dynamic_tasks_enabled: true }\n" },
      hooks: {
        onStart: note("start"),
        onStop: note("stop"),
        onExit: note("exit"),
        onWorkerStart: note("start"),
        onWorkerStop: note("stop"),
        onWorkerExit: note("exit"),
        onDispatcherStart: note("start"),
        onDispatcherStop: note("stop"),
        onDispatcherExit: note("exit"),
        onSchedulerStart: [note("start"), () => {
          throw new Error("hook trouble");
        }],
        onSchedulerStop: note("stop"),
        onSchedulerExit: note("exit"),
      },
    });
    await sim.advance(1);
    sim.stop("supervisor:0");
    await sim.advance(10);
    expect(calls.length).toBe(15);
    expect(calls.slice(0, 5)).toEqual(["start Supervisor(fork)", "start Dispatcher", "start Worker", "start Worker", "start Scheduler"]);
    expect(calls.filter((c) => c.startsWith("exit")).pop()).toBe("exit Supervisor(fork)");
    // The raising hook was reported and the scheduler ran on.
    expect(sim.trace.events.filter((e) => e.type === "thread_error").map((e) => e.data!.error)).toEqual(["Error: hook trouble"]);
  });
});
