// Application transactions on the app database, as Active Record's `transaction` gives them, and
// the after-commit queue that enqueue_after_transaction_commit needs (active-job.md §3.6).
//
// - Each transaction is a savepoint: the simulation keeps one SQLite transaction open for its
//   whole life (store/database.ts). A nested transaction is a savepoint of its own (Rails'
//   `requires_new: true`); Rails' default nesting joins the outer one (docs/fidelity.md).
// - A transaction commits when its function returns and rolls back when it throws; throwing
//   `Rollback` rolls back quietly and the transaction returns undefined (ActiveRecord::Rollback).
// - after-commit work registered in a savepoint moves to the enclosing transaction when the
//   savepoint commits and is dropped when it rolls back; it runs, in order, once the outermost
//   transaction has committed (ActiveRecord.after_all_transactions_commit). With no transaction
//   open it runs at once.
// - While a transaction is open its statements are not scheduling points: no other simulated
//   thread's work lands in it: another thread's statements, enqueues and end of job wait until it
//   ends (waitIfForeign; SQLite has one writer), and a second transaction waits to begin.
//   Sleeping, pausing or calling a service inside one is refused (the world would move on).
// - The queue's own writes are not part of an app transaction (Solid Queue in its own database,
//   Rails 8's default): an enqueue inside one is written when it ends, committed or not (afterEnd).
import { AsyncLocalStorage } from "node:async_hooks";
import type { JobDb } from "./environment.js";

/** ActiveRecord::Rollback: thrown inside a transaction, rolls it back and is not re-raised. */
export class Rollback extends Error {
  override name = "Rollback";
}

/** Sleep, pause or a service call inside an open transaction (not modelled: see above). */
export class TransactionScopeError extends Error {
  override name = "TransactionScopeError";
}

type Work = () => unknown;

export class AppTransactions {
  private readonly frames: Work[][] = [];
  /** Work that waits for the outermost transaction to end, committed or not (see afterEnd). */
  private ending: Work[] = [];
  /** Callers from other simulated threads waiting for the open transaction to end. */
  private waiting: (() => void)[] = [];
  /** Which async context owns the open transaction: its nested calls see it, other threads do not. */
  private readonly owner = new AsyncLocalStorage<true>();

  /** `statement` runs SAVEPOINT / RELEASE / ROLLBACK TO on the app database. */
  constructor(private readonly statement: (sql: string) => void) {}

  /** Whether a transaction is open now (in any thread). */
  get open(): boolean {
    return this.frames.length > 0;
  }

  /** Whether the caller runs inside the open transaction (not another thread). */
  get inside(): boolean {
    return this.open && this.owner.getStore() === true;
  }

  /**
   * For another thread's statement, enqueue or end of job: resolves once the open transaction
   * has ended, so its work never lands in that transaction's savepoint. Undefined when there is
   * nothing to wait for.
   */
  waitIfForeign(): Promise<void> | undefined {
    if (!this.open || this.inside) return undefined;
    return this.untilFree();
  }

  // Several waiters wake together; the first may open a transaction again before the next runs.
  private async untilFree(): Promise<void> {
    while (this.open && !this.inside) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Runs `work` after the outermost open transaction commits; at once when none is open. */
  async afterCommit(work: Work): Promise<void> {
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) await work();
    else frame.push(work);
  }

  /** Runs `work` once the outermost transaction has ended, committed or rolled back; at once when none is open. */
  async afterEnd(work: Work): Promise<void> {
    if (!this.open) await work();
    else this.ending.push(work);
  }

  async run<T>(fn: () => T | Promise<T>): Promise<T | undefined> {
    // Another thread's transaction is open: wait for it (SQLite has one writer).
    const wait = this.waitIfForeign();
    if (wait !== undefined) await wait;
    if (this.inside) return this.begin(fn);
    return this.owner.run(true, () => this.begin(fn));
  }

  private async begin<T>(fn: () => T | Promise<T>): Promise<T | undefined> {
    const name = `jobsim_app_tx_${this.frames.length}`;
    this.statement(`SAVEPOINT ${name}`);
    const frame: Work[] = [];
    this.frames.push(frame);
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.frames.pop();
      this.statement(`ROLLBACK TO ${name}`);
      this.statement(`RELEASE ${name}`);
      await this.ended([]);
      if (error instanceof Rollback) return undefined;
      throw error;
    }
    this.frames.pop();
    this.statement(`RELEASE ${name}`);
    const outer = this.frames[this.frames.length - 1];
    if (outer !== undefined) outer.push(...frame);
    else await this.ended(frame);
    return result;
  }

  // The outermost transaction ended: what waited for its end, then its after-commit work, then
  // the other threads. A nested savepoint ending is no end.
  private async ended(committed: Work[]): Promise<void> {
    if (this.open) return;
    const ending = this.ending;
    this.ending = [];
    for (const work of ending) await work();
    for (const work of committed) await this.owner.exit(work);
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** Refuses a scheduling point inside an open transaction, naming what was attempted. */
  guard(what: string): void {
    if (this.inside) {
      throw new TransactionScopeError(
        `${what} inside db.transaction is not supported: a transaction runs without yielding to other simulated threads (docs/jobs.md, "Transactions"); end the transaction first`,
      );
    }
  }
}

/** A JobDb over `base` whose `transaction` uses `tx` (none: transactions are refused). */
export function withTransactions(base: Omit<JobDb, "transaction">, tx: AppTransactions | undefined): JobDb {
  const db: JobDb = {
    all: (sql, params) => base.all(sql, params),
    get: (sql, params) => base.get(sql, params),
    run: (sql, params) => base.run(sql, params),
    exec: (sql) => base.exec(sql),
    transaction: (fn) => {
      if (tx === undefined) return Promise.reject(new Error("db.transaction: this world has no app database transactions"));
      return tx.run(() => fn(db));
    },
  };
  return db;
}
