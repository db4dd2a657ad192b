import { Database } from "./database.js";
import { SCHEMA, TABLES, type TableName } from "./schema.js";
import { dbTime } from "./time.js";

// The store: the database plus what the engine must know without a query. The counts mirror
// the execution tables (kept by the table modules, checked against SQL by the invariant
// checker); they let idle workers and dispatchers skip polls that could find nothing.

export class Store {
  private readonly ids = new Map<TableName, number>();
  readonly readyByQueue = new Map<string, number>();
  scheduledCount = 0;
  claimedCount = 0;
  blockedCount = 0;
  failedCount = 0;
  pausedCount = 0;
  /** Job rows deleted on purpose, with why (the no-job-lost invariant reads it). */
  readonly deletedJobs = new Map<number, string>();
  /** Called after ready executions were inserted into `queue` (for workers' wake-ups). */
  onReady: (queue: string) => void = () => {};
  /** Called after a scheduled execution was inserted (for the dispatcher's wake-up). */
  onScheduled: (scheduledAtMs: number) => void = () => {};

  private constructor(
    readonly db: Database,
    private readonly clock: () => number,
  ) {
    for (const t of TABLES) this.ids.set(t, 0);
  }

  static async open(clock: () => number): Promise<Store> {
    const db = await Database.open();
    db.raw.exec(SCHEMA);
    return new Store(db, clock);
  }

  /** Wall-clock now, epoch ms. */
  now(): number {
    return this.clock();
  }

  /** Now as stored text. */
  nowText(): string {
    return dbTime(this.clock());
  }

  nextId(table: TableName): number {
    const id = this.ids.get(table)! + 1;
    this.ids.set(table, id);
    return id;
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
  }
}
