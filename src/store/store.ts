import { Database } from "./database.js";
import { isolatedSqlJs } from "./sql-engine.js";
import type { SqlEngine } from "./sql-types.js";
import { SCHEMA, TABLES, type TableName } from "./schema.js";
import { DirtyJobs } from "./dirty-jobs.js";
import { IdRanges } from "./id-ranges.js";
import { dbTime } from "./time.js";

// The store: the database plus what the engine must know without a query. The counts mirror
// the execution tables (kept by the table modules, checked against SQL by the invariant
// checker); they let idle workers and dispatchers skip polls that could find nothing.

let schemaImage: Promise<Uint8Array> | null = null;

/**
 * Stores that disposed worlds gave back, rolled back to the bare schema: the next world takes one
 * (a rollback, already done) instead of copying the schema's image into a new database, which
 * cost about a millisecond, most of a new world. At most two are kept.
 */
const idle: Store[] = [];
const IDLE_KEPT = 2;
/** A store whose worlds prepared more statements than this is closed, not kept (app SQL may be
 * generated: the statement cache must not grow for the life of the process). */
const STATEMENTS_KEPT = 1000;

export type CountName = "scheduled" | "claimed" | "blocked" | "failed" | "paused";

export class Store {
  private readonly ids = new Map<TableName, number>();
  readonly readyByQueue = new Map<string, number>();
  readonly counts: Record<CountName, number> = { scheduled: 0, claimed: 0, blocked: 0, failed: 0, paused: 0 };
  /** Jobs whose rows changed since the invariant checker last looked (it checks only those). */
  readonly dirtyJobs = new DirtyJobs();
  /** Job rows deleted on purpose (the no-job-lost invariant reads it), as runs of ids. */
  readonly deletedJobs = new IdRanges();
  /** Undo actions for in-memory state changed inside the current savepoint. */
  private journal: (() => void)[] | null = null;
  // What the store tells its world (sim/store-wiring.ts sets them); no-ops until then (`unwire`).
  /** Called at the start of every savepoint; returns how to undo what the caller tracks (the trace). */
  onSavepoint!: () => () => void;
  /** Called when a savepoint ended, released or rolled back (a streamed trace writes what is final). */
  onSavepointEnd!: () => void;
  /** Called after ready executions were inserted into `queue` (for workers' wake-ups). */
  onReady!: (queue: string) => void;
  /** Called before the engine reads heartbeats (lazy heartbeats are written first). */
  beforeProcessRead!: () => void;
  /** The wall time (epoch ms) of the heartbeat the live process with this row id skipped lazily
   * and would have written by now; undefined when it owes none. */
  pendingBeat!: (processId: number) => number | undefined;
  /** Called after a process row was deleted (its process notices at its next beat). */
  onProcessDeleted!: (processId: number) => void;
  /** Called after solid_queue_recurring_tasks changed (schedulers with dynamic tasks reload). */
  onRecurringTasksChanged!: () => void;
  /** Called after a scheduled execution was inserted (for the dispatcher's wake-up). */
  onScheduled!: (scheduledAtMs: number) => void;

  /** No world's listeners: a new store's state, and a disposed world's store, which must not keep
   * the disposed world, its trace and its jobs, alive until the next world takes it. */
  unwire(): void {
    this.onSavepoint = () => () => {};
    this.onSavepointEnd = () => {};
    this.onReady = () => {};
    this.beforeProcessRead = () => {};
    this.pendingBeat = () => undefined;
    this.onProcessDeleted = () => {};
    this.onRecurringTasksChanged = () => {};
    this.onScheduled = () => {};
    this.db.hook = null;
    this.db.appHook = null;
  }

  /** Whether its database is the only one in its sql.js instance (`take(clock, true)`). */
  private ownsInstance = false;

  /** What the store held at `mark()`, for `resetToMark`. */
  private marked: { ids: Map<TableName, number>; ready: Map<string, number>; counts: Record<CountName, number>; deleted: IdRanges } | null = null;

  private constructor(
    readonly db: Database,
    private clock: () => number,
  ) {
    for (const t of TABLES) this.ids.set(t, 0);
    this.unwire();
  }

  /**
   * Marks the store's state now (rows, ids, counts) so a later world can start from it again:
   * a world built once and reset between runs (sim/world-template.ts). Only outside any unit.
   */
  mark(): void {
    if (this.journal !== null) throw new Error("cannot mark a store inside a savepoint");
    this.db.mark();
    const deleted = new IdRanges();
    deleted.assign(this.deletedJobs);
    this.marked = { ids: new Map(this.ids), ready: new Map(this.readyByQueue), counts: { ...this.counts }, deleted };
  }

  get isMarked(): boolean {
    return this.marked !== null;
  }

  /** The clock of the world now using the store (a marked store serves one world after another). */
  useClock(clock: () => number): void {
    this.clock = clock;
  }

  /** Back to the marked state: rows rolled back, ids and counts as they were. */
  resetToMark(): void {
    const m = this.marked;
    if (m === null) throw new Error("the store was never marked");
    this.db.rollbackToMark();
    this.journal = null;
    for (const [t, id] of m.ids) this.ids.set(t, id);
    this.readyByQueue.clear();
    for (const [q, n] of m.ready) this.readyByQueue.set(q, n);
    Object.assign(this.counts, m.counts);
    this.deletedJobs.assign(m.deleted);
    this.dirtyJobs.checkAll();
  }

  /**
   * A store over a new database with Solid Queue's schema. The schema is built once per process
   * and later stores start from its file image: creating the tables and indexes costs ~4 ms,
   * copying the image ~0.4 ms (docs/performance.md).
   */
  static async open(clock: () => number, engine?: SqlEngine): Promise<Store> {
    // Built in the instance asked for: a process that only runs worlds with their own instance
    // (jobsim run) never creates the shared one, whose memory it would keep.
    schemaImage ??= Database.open(undefined, engine).then((db) => {
      db.raw.exec(SCHEMA);
      const bytes = db.image();
      db.close();
      return bytes;
    });
    const db = await Database.open(await schemaImage, engine);
    return new Store(db, clock);
  }

  /**
   * A store with Solid Queue's schema and nothing else for a new world: one given back, or a new
   * one. `ownSqlInstance`: a new store in a sql.js instance of its own (sql-engine.ts), closed
   * when given back, so that its memory is freed with the world.
   */
  static async take(clock: () => number, ownSqlInstance = false): Promise<Store> {
    if (ownSqlInstance) {
      const store = await Store.open(clock, await isolatedSqlJs());
      store.ownsInstance = true;
      return store;
    }
    const kept = idle.pop();
    if (kept !== undefined) {
      kept.useClock(clock);
      return kept;
    }
    const store = await Store.open(clock);
    store.mark();
    return store;
  }

  /**
   * A disposed world's store (from `take`): rolled back to the bare schema and kept for the next
   * world, or closed when it has a sql.js instance of its own, when two are kept already, when the world changed the connection (a PRAGMA,
   * which no rollback undoes) or prepared many statements, or when `close` says so (a world
   * disposed mid-run, whose job code might still reach its database).
   */
  giveBack(close = false): void {
    if (close || this.ownsInstance || idle.length >= IDLE_KEPT || this.db.connectionChanged || this.db.statementCount > STATEMENTS_KEPT) {
      this.db.close();
      return;
    }
    this.resetToMark();
    this.db.shrinkMemory();
    this.useClock(() => 0);
    idle.push(this);
  }

  /** Wall-clock now, epoch ms. */
  now(): number {
    return this.clock();
  }

  /** Now as stored text. */
  nowText(): string {
    return dbTime(this.clock());
  }

  /**
   * The app inserted rows with its own SQL (tests do): ids handed out later continue after the
   * highest id in each table it named, as SQLite's AUTOINCREMENT continues after the largest
   * rowid ever used, so they never collide. One MAX(id) per named table, only for INSERT /
   * REPLACE statements.
   */
  noteAppWrite(sql: string): void {
    if (!/\b(insert|replace)\b/i.test(sql)) return;
    const lower = sql.toLowerCase();
    for (const t of TABLES) {
      if (!lower.includes(t)) continue;
      const max = this.db.rows(`SELECT MAX(id) FROM ${t}`)[0]?.[0];
      if (typeof max === "number" && max > this.ids.get(t)!) this.ids.set(t, max);
    }
  }

  /** Ids of a rolled-back insert are handed out again, as SQLite's AUTOINCREMENT does. */
  nextId(table: TableName): number {
    const id = this.ids.get(table)! + 1;
    this.ids.set(table, id);
    this.journal?.push(() => this.ids.set(table, id - 1));
    return id;
  }

  get scheduledCount(): number {
    return this.counts.scheduled;
  }
  get claimedCount(): number {
    return this.counts.claimed;
  }
  get blockedCount(): number {
    return this.counts.blocked;
  }
  get failedCount(): number {
    return this.counts.failed;
  }
  get pausedCount(): number {
    return this.counts.paused;
  }

  bump(name: CountName, delta: number): void {
    this.counts[name] += delta;
    this.journal?.push(() => {
      this.counts[name] -= delta;
    });
  }

  forgetJob(jobId: number): void {
    this.deletedJobs.add(jobId);
    this.journal?.push(() => this.deletedJobs.delete(jobId));
  }

  /** One unit that must be able to roll back: only paid for when a fault hook is set. */
  unit<T>(fn: () => T): T {
    return this.db.hook === null ? fn() : this.savepoint(fn);
  }

  /** A savepoint whose rollback also undoes the in-memory counts and the trace. */
  savepoint<T>(fn: () => T): T {
    const outer = this.journal;
    const undo: (() => void)[] = [this.onSavepoint()];
    this.journal = undo;
    try {
      const result = this.db.savepoint(fn);
      this.journal = outer;
      outer?.push(...undo);
      return result;
    } catch (e) {
      this.journal = outer;
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      throw e;
    } finally {
      this.onSavepointEnd();
    }
  }

  /** How many job rows were ever inserted (ids are 1..n). */
  get insertedJobs(): number {
    return this.ids.get("solid_queue_jobs")!;
  }

  readyCount(queue?: string): number {
    if (queue !== undefined) return this.readyByQueue.get(queue) ?? 0;
    let n = 0;
    for (const c of this.readyByQueue.values()) n += c;
    return n;
  }

  addReady(queue: string, delta: number): void {
    const n = (this.readyByQueue.get(queue) ?? 0) + delta;
    if (n === 0) this.readyByQueue.delete(queue);
    else this.readyByQueue.set(queue, n);
    this.journal?.push(() => {
      const m = (this.readyByQueue.get(queue) ?? 0) - delta;
      if (m === 0) this.readyByQueue.delete(queue);
      else this.readyByQueue.set(queue, m);
    });
  }
}
