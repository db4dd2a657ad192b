import { describe, expect, it } from "vitest";
import { performAllLater } from "../../src/job/bulk.js";
import { Job } from "../../src/job/job.js";
import { AppTransactions, Rollback, TransactionScopeError } from "../../src/job/transactions.js";
import { withFakeEnvironment } from "./support/fake-environment.js";
import type { Simulation, SimulationOptions } from "../../src/sim/simulation.js";
import { world } from "../helpers/world.js";

// active-job.md §3.6 enqueue_after_transaction_commit, with real transactions (savepoints) on the
// simulation's app database: in tests (sim.transaction) and in job code (this.db.transaction).

class Deferred extends Job {
  static {
    this.enqueueAfterTransactionCommit = true;
  }
  override perform(_n: number) {}
}

class Immediate extends Job {
  override perform(_n: number) {}
}

const withSim = async (opts: SimulationOptions, fn: (sim: Simulation) => Promise<void>) => fn(await world(opts));
const setupSql = "CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT)";
const names = (sim: { jobs(): { className: string }[] }) => sim.jobs().map((j) => j.className);

describe("§3.6 in a test: sim.transaction", () => {
  it("a job enqueued inside a transaction that rolls back is never enqueued; the app row is rolled back too", async () => {
    await withSim({ jobs: [Deferred], setupSql }, async (sim) => {
      let seen: Job | false = false;
      await expect(
        sim.transaction(async (db) => {
          await db.run("INSERT INTO orders (note) VALUES ('a')");
          seen = await Deferred.performLater(1);
          throw new Error("payment declined");
        }),
      ).rejects.toThrow("payment declined");
      // While deferred, perform_later returned the job and it read as enqueued (Rails).
      expect(seen).toBeInstanceOf(Deferred);
      expect((seen as unknown as Job).successfullyEnqueued).toBe(true);
      expect(names(sim)).toEqual([]);
      expect(sim.db.all("SELECT * FROM orders")).toEqual([]);
      await sim.runUntilIdle();
      expect(names(sim)).toEqual([]);
    });
  });

  it("one that commits is enqueued after the commit, not before", async () => {
    await withSim({ jobs: [Deferred], setupSql }, async (sim) => {
      const inside: string[][] = [];
      const result = await sim.transaction(async (db) => {
        await db.run("INSERT INTO orders (note) VALUES ('a')");
        await Deferred.performLater(1);
        inside.push(names(sim));
        return "committed";
      });
      expect(result).toBe("committed");
      expect(inside).toEqual([[]]);
      expect(names(sim)).toEqual(["Deferred"]);
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => j.status)).toEqual(["finished"]);
    });
  });

  it("a class without the flag is enqueued even when the transaction rolls back: Solid Queue keeps its own database (the bug the flag fixes)", async () => {
    class Notify extends Job {
      override async perform(orderId: number) {
        const row = await this.db.get("SELECT id FROM orders WHERE id = ?", [orderId]);
        if (row === undefined) throw new Error(`order ${orderId} not found`);
      }
    }
    await withSim({ jobs: [Notify], setupSql }, async (sim) => {
      await sim.transaction(async (db) => {
        await db.run("INSERT INTO orders (id, note) VALUES (7, 'x')");
        expect(await Notify.performLater(7)).toBeInstanceOf(Notify);
        throw new Rollback();
      });
      expect(names(sim)).toEqual(["Notify"]);
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => [j.status, j.error?.message])).toEqual([["failed", "order 7 not found"]]);
    });
  });

  it("nested transactions are savepoints: an inner rollback drops its rows and deferred jobs, the outer commit keeps its own", async () => {
    await withSim({ jobs: [Deferred], setupSql }, async (sim) => {
      await sim.transaction(async (db) => {
        await db.run("INSERT INTO orders (note) VALUES ('outer')");
        await Deferred.performLater(1);
        await db
          .transaction(async (inner) => {
            await inner.run("INSERT INTO orders (note) VALUES ('inner')");
            await Deferred.performLater(2);
            throw new Error("inner fails");
          })
          .catch(() => {});
        // A committed savepoint hands its deferred jobs to the outer transaction.
        await db.transaction(async () => {
          await Deferred.performLater(3);
        });
        expect(names(sim)).toEqual([]);
      });
      expect(sim.db.all("SELECT note FROM orders")).toEqual([{ note: "outer" }]);
      expect(sim.jobs().map((j) => j.payload.arguments[0])).toEqual([1, 3]);
    });
  });

  it("Rollback rolls back quietly: the transaction returns undefined", async () => {
    await withSim({ jobs: [Deferred], setupSql }, async (sim) => {
      const result = await sim.transaction(async () => {
        await Deferred.performLater(1);
        throw new Rollback();
      });
      expect(result).toBeUndefined();
      expect(names(sim)).toEqual([]);
    });
  });

  it("performAllLater splits: classes without the flag at once, the others in one batch after the commit", async () => {
    await withSim({ jobs: [Deferred, Immediate], setupSql }, async (sim) => {
      await sim.transaction(async () => {
        await performAllLater([new Deferred(1), new Immediate(2), new Deferred(3)]);
        // The immediate one is the queue database's write, made as the transaction ends.
        expect(names(sim)).toEqual([]);
      });
      expect(names(sim)).toEqual(["Immediate", "Deferred", "Deferred"]);
    });
  });
});

describe("§3.6 in job code: this.db.transaction", () => {
  class Checkout extends Job {
    static {
      this.enqueueAfterTransactionCommit = true;
    }
    override async perform(note: string, fail: boolean) {
      await this.db.transaction(async (db) => {
        await db.run("INSERT INTO orders (note) VALUES (?)", [note]);
        await Receipt.performLater(note);
        if (fail) throw new Error("card declined");
      });
    }
  }
  class Receipt extends Job {
    static {
      this.enqueueAfterTransactionCommit = true;
    }
    override perform(_note: string) {}
  }

  it("a worker's job commits: its row and its follow-up job exist; it rolls back: neither does", async () => {
    await withSim({ jobs: [Checkout, Receipt], setupSql }, async (sim) => {
      await Checkout.performLater("paid", false);
      await Checkout.performLater("declined", true);
      await sim.runUntilIdle();
      expect(sim.db.all("SELECT note FROM orders")).toEqual([{ note: "paid" }]);
      expect(sim.jobs({ className: "Receipt" }).map((j) => j.payload.arguments[0])).toEqual(["paid"]);
      expect(sim.jobs({ className: "Checkout" }).map((j) => j.status)).toEqual(["finished", "failed"]);
    });
  });

  it("sleeping or calling a service inside a transaction is refused (a transaction never yields to other threads)", async () => {
    class Sleepy extends Job {
      override async perform() {
        await this.db.transaction(async () => {
          await this.sleep(1);
        });
      }
    }
    await withSim({ jobs: [Sleepy], setupSql }, async (sim) => {
      await expect(Sleepy.performNow()).rejects.toThrow(TransactionScopeError);
      await expect(new Sleepy().performNow()).rejects.toThrow("sleep inside db.transaction is not supported");
      expect(sim.transactions.open).toBe(false);
    });
  });
});

describe("§3.6 the flag and the deferred enqueue", () => {
  it("is inherited, and setting it on Job applies to subclasses that did not set their own", () => {
    class Base extends Job {}
    class Child extends Base {}
    class Off extends Base {
      static {
        this.enqueueAfterTransactionCommit = false;
      }
    }
    expect([Child.enqueueAfterTransactionCommit, Deferred.enqueueAfterTransactionCommit]).toEqual([false, true]);
    Job.enqueueAfterTransactionCommit = true;
    try {
      expect([Child.enqueueAfterTransactionCommit, Off.enqueueAfterTransactionCommit]).toEqual([true, false]);
    } finally {
      Job.enqueueAfterTransactionCommit = false;
    }
  });

  it("defers the enqueue callbacks too; an adapter failure after the commit flips successfullyEnqueued to false", async () => {
    const order: string[] = [];
    class Watched extends Deferred {
      static {
        this.beforeEnqueue(() => void order.push("before_enqueue"));
      }
    }
    await withFakeEnvironment(async (env) => {
      const tx = new AppTransactions(() => {});
      Object.assign(env, { transactions: tx });
      let job: Job | false = false;
      await tx.run(async () => {
        job = await Watched.performLater(1);
        order.push("in transaction");
        env.failNext = 1;
      });
      expect(order).toEqual(["in transaction", "before_enqueue"]);
      expect((job as unknown as Job).successfullyEnqueued).toBe(false);
      expect((job as unknown as Job).enqueueError?.name).toBe("EnqueueError");
      // With no transaction open it enqueues at once.
      expect(await Watched.performLater(2)).toBeInstanceOf(Watched);
      expect(env.enqueued.map((e) => e.payload.arguments)).toEqual([[2]]);
    });
  });
});
