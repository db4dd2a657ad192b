import { describe, expect, it } from "vitest";
import { resolveQueueConfig } from "../../src/sim/settings.js";
import { Store } from "../../src/store/store.js";

// Worlds after the first in a process are cheap (docs/performance.md): the schema comes from a
// file image, inline queue configs are parsed once. Neither may leak between worlds.

describe("stores opened from the schema image", () => {
  it("are separate databases with Solid Queue's tables and foreign keys on", async () => {
    const a = await Store.open(() => 0);
    const b = await Store.open(() => 0);
    expect(a.db.raw.exec("PRAGMA foreign_keys")[0]!.values[0]![0]).toBe(1);
    expect(b.db.raw.exec("PRAGMA foreign_keys")[0]!.values[0]![0]).toBe(1);
    a.db.raw.exec("INSERT INTO solid_queue_jobs (id, queue_name, class_name, priority, active_job_id, created_at, updated_at) VALUES (1, 'q', 'C', 0, 'x', 't', 't')");
    expect(a.db.raw.exec("SELECT COUNT(*) FROM solid_queue_jobs")[0]!.values[0]![0]).toBe(1);
    expect(b.db.raw.exec("SELECT COUNT(*) FROM solid_queue_jobs")[0]!.values[0]![0]).toBe(0);
    // Foreign keys are enforced: an execution row for a job that does not exist is refused.
    expect(() => b.db.raw.exec("INSERT INTO solid_queue_ready_executions (id, job_id, queue_name, priority, created_at) VALUES (1, 99, 'q', 0, 't')")).toThrow(/FOREIGN KEY/);
    a.db.close();
    b.db.close();
  });
});

describe("inline queue configs parsed once", () => {
  const text = 'workers: [{ queues: "*", threads: 3 }]';

  it("give each caller its own copy", () => {
    const first = resolveQueueConfig({ text });
    first.workers[0]!.threads = 99;
    first.warnings.push("changed by a caller");
    const second = resolveQueueConfig({ text });
    expect(second.workers[0]!.threads).toBe(3);
    expect(second.warnings).not.toContain("changed by a caller");
  });

  it("still report a bad config every time", () => {
    const bad = { text: "workers: [{ threads: -1, bogus_key: 1 }]" };
    const first = (() => { try { resolveQueueConfig(bad); return ""; } catch (e) { return (e as Error).message; } })();
    const second = (() => { try { resolveQueueConfig(bad); return ""; } catch (e) { return (e as Error).message; } })();
    expect(first).not.toBe("");
    expect(second).toBe(first);
  });
});
