import { describe, expect, it } from "vitest";
import { queueDepth } from "../../src/report/queue-depth.js";
import { job, TraceBuilder } from "./build-trace.js";

describe("queue depth", () => {
  it("counts ready minus claimed per queue, one point per instant with its peak", () => {
    const b = new TraceBuilder()
      .add(0, "ready", job(1, "a", "A", "default"))
      .add(0, "ready", job(2, "b", "A", "default"))
      .add(0, "ready", job(3, "c", "B", "mail"))
      .add(10, "claimed", { ...job(1, "a", "A", "default"), process: "w" })
      .add(20, "ready", job(4, "d", "A", "default"))
      .add(20, "claimed", { ...job(4, "d", "A", "default"), process: "w" })
      .add(30, "discarded", job(2, "b", "A", "default")) // an operator discards a waiting job
      .add(40, "claimed", { ...job(3, "c", "B", "mail"), process: "w" })
      .add(50, "claimed", { ...job(9, "z", "A", "default"), process: "w" }); // never seen ready: ignored
    const d = queueDepth(b.events);
    expect(d.map((s) => s.queue)).toEqual(["default", "mail"]);
    expect(d[0]).toEqual({ queue: "default", max: 2, points: [0, 2, 2, 10, 1, 1, 20, 1, 2, 30, 0, 0] });
    expect(d[1]).toEqual({ queue: "mail", max: 1, points: [0, 1, 1, 40, 0, 0] });
  });
});
