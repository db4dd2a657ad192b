import { describe, expect, it } from "vitest";
import { suggest } from "../../src/config/index.js";

const WORKER = ["queues", "threads", "processes", "polling_interval"];

describe("suggest", () => {
  it("finds typos, swaps, case and separator slips", () => {
    expect(suggest("thread", WORKER)).toBe("threads");
    expect(suggest("queue", WORKER)).toBe("queues");
    expect(suggest("proceses", WORKER)).toBe("processes");
    expect(suggest("thraeds", WORKER)).toBe("threads");
    expect(suggest("Threads", WORKER)).toBe("threads");
    expect(suggest("polling-interval", WORKER)).toBe("polling_interval");
    expect(suggest("pollingInterval", WORKER)).toBe("polling_interval");
  });

  it("accepts prefixes of four characters or more", () => {
    expect(suggest("polling", WORKER)).toBe("polling_interval");
    expect(suggest("class_name", ["class", "command"])).toBe("class");
  });

  it("gives nothing for unrelated words", () => {
    expect(suggest("color", WORKER)).toBeUndefined();
    expect(suggest("x", WORKER)).toBeUndefined();
    expect(suggest("threads", [])).toBeUndefined();
  });

  it("prefers the closest, then the first listed", () => {
    expect(suggest("batch", ["batch_size", "batches"])).toBe("batches");
    expect(suggest("ab", ["ac", "ad"])).toBe("ac");
  });
});
