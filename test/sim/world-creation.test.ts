import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { resolveQueueConfig } from "../../src/sim/settings.js";
import { createSimulation } from "../../src/sim/simulation.js";
import { Store } from "../../src/store/store.js";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

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

class NoteJob extends Job {
  override async perform(text: string): Promise<void> {
    await this.sleep(1);
    await this.db.run("INSERT INTO notes (text) VALUES (?)", [text]);
  }
}

describe("stores given back by disposed worlds", () => {
  it("serve the next world rolled back to the bare schema: none of the last world's tables, rows or ids", async () => {
    const first = await createSimulation({ jobs: [NoteJob], setupSql: "CREATE TABLE notes (text TEXT)" });
    await NoteJob.performLater("one");
    await first.runUntilIdle();
    const db = first.db;
    first.dispose();
    expect(() => first.db).toThrow("this simulation was disposed: its database is gone");
    const second = await createSimulation({ jobs: [NoteJob] });
    expect(second.db).toBe(db); // the same database, reused
    expect(second.db.all("SELECT name FROM sqlite_master WHERE name = 'notes'")).toEqual([]);
    expect(second.db.all("SELECT COUNT(*) AS n FROM solid_queue_jobs")).toEqual([{ n: 0 }]);
    second.db.exec("CREATE TABLE notes (text TEXT, extra INTEGER)");
    const job = await NoteJob.performLater("two");
    expect(job !== false && job.providerJobId).toBe(1);
    await second.runUntilIdle();
    expect(second.db.all("SELECT * FROM notes")).toEqual([{ text: "two", extra: null }]);
    second.dispose();
  });

  it("are closed, not kept, after a PRAGMA or a dispose mid-run", async () => {
    const pragma = await createSimulation();
    pragma.db.exec("PRAGMA cache_size = 100");
    const afterPragma = pragma.db;
    pragma.dispose();
    const next = await createSimulation();
    expect(next.db).not.toBe(afterPragma);
    expect(next.db.value("PRAGMA cache_size")).not.toBe(100);

    await NoteJob.performLater("x").catch(() => {});
    const running = next.advance("1h"); // not awaited: job code may still hold the database
    const held = next.db;
    next.dispose();
    await running.catch(() => {});
    const after = await createSimulation();
    expect(after.db).not.toBe(held);
    after.dispose();
  });
});

describe("a disposed world", () => {
  it("is not kept alive by the store it gave back (its trace and jobs can be collected)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const make = async () => {
      const sim = await createSimulation({ jobs: [NoteJob], setupSql: "CREATE TABLE notes (text TEXT)" });
      for (let i = 0; i < 20; i++) await sim.enqueue(NoteJob, [`n${i}`]);
      await sim.runUntilIdle();
      expect(sim.trace.count("succeeded")).toBe(20);
      const refs = { world: new WeakRef(sim), trace: new WeakRef(sim.trace) };
      sim.dispose();
      return refs;
    };
    const refs = await make();
    // WeakRefs hold their target until the current job ends: collect after a turn, again until
    // collected (a busy machine may finish the world's last tasks later), up to 1 s.
    for (let i = 0; i < 50 && (refs.world.deref() !== undefined || refs.trace.deref() !== undefined); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      gc();
    }
    expect(refs.trace.deref()).toBeUndefined();
    expect(refs.world.deref()).toBeUndefined();
  });
});

describe("a world with its own sql.js instance (ownSqlInstance)", () => {
  it("runs in a separate instance, which is collected with the world", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const make = async () => {
      const own = await createSimulation({ jobs: [NoteJob], setupSql: "CREATE TABLE notes (text TEXT)", ownSqlInstance: true });
      const shared = await createSimulation();
      // Another instance of sql.js has its own Database class.
      const ownClass = Object.getPrototypeOf(own.db.raw) as object;
      expect(ownClass).not.toBe(Object.getPrototypeOf(shared.db.raw));
      shared.dispose();
      for (let i = 0; i < 20; i++) await own.enqueue(NoteJob, [`n${i}`]);
      await own.runUntilIdle();
      expect(own.trace.count("succeeded")).toBe(20);
      expect(own.db.value("SELECT COUNT(*) FROM notes")).toBe(20);
      own.dispose();
      return new WeakRef(ownClass);
    };
    const ref = await make();
    // Collected after a few turns (a busy machine may finish the instance's last tasks later).
    for (let i = 0; i < 50 && ref.deref() !== undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      gc();
    }
    expect(ref.deref()).toBeUndefined();
  });

  it("is a boolean option", async () => {
    await expect(createSimulation({ ownSqlInstance: "yes" as unknown as boolean })).rejects.toThrow(/ownSqlInstance/);
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
