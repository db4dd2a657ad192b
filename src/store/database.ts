import { sharedSqlJs } from "./sql-engine.js";
import type { BindParams, SqlDatabase, SqlEngine, SqlStatement as Statement, SqlValue } from "./sql-types.js";

export type { BindParams, SqlDatabase, SqlStatement, SqlValue } from "./sql-types.js";

// One in-memory SQLite database per simulation, holding Solid Queue's tables and the
// application's own. A transaction stays open for the simulation's whole life: nothing outside
// the simulation can observe it mid-step, and a statement inside an open transaction costs
// ~0.6 us instead of ~18 us in autocommit. Units that must be able to roll back (fault
// injection, the recurring uniqueness check) use savepoints.

const PRAGMAS = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;";

export type Row = Record<string, SqlValue>;
export type Params = readonly (SqlValue | boolean | bigint | undefined)[] | Record<string, SqlValue>;

/** Thrown for a SQL error in application SQL (setup, job code, queries), with the statement. */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly sql: string,
  ) {
    super(message);
    this.name = "SqlError";
  }
}

/** Decides whether a statement about to run must throw instead (fault injection). */
export type StatementHook = (sql: string, origin: "app" | "engine") => void;

export class Database {
  private readonly cache = new Map<string, Statement>();
  private savepointDepth = 0;
  /** Whether `mark()` left its savepoint open (then the transaction must never commit). */
  private marked = false;
  /** Whether app SQL changed the connection since the mark (PRAGMA, ATTACH, DETACH): a rollback
   * does not undo that, so the marked state is not what a new world would get. */
  connectionChanged = false;
  /** Whether app SQL may have changed the schema since the mark (CREATE, DROP, ALTER). */
  private schemaChanged = false;
  /** Set by the fault injector; engine units then run inside savepoints so they can roll back. */
  hook: StatementHook | null = null;
  /** Called before and after each application statement (the simulation watches some tables). */
  appHook: ((sql: string, phase: "before" | "after") => void) | null = null;

  private constructor(readonly raw: SqlDatabase) {}

  /**
   * A new database, empty or a copy of `image` (a file image from `export()`). The page cache may
   * grow to 1 GiB: the whole database stays in the wasm heap, because a page that spills out of
   * the cache is written to sql.js's in-memory file through JavaScript, which cost a third of a
   * 100,000-job run when the cache was 64 MiB (docs/performance.md). Pages are only allocated
   * when used. `engine`: the sql.js instance to open it in (sql-engine.ts), the shared one by
   * default.
   */
  static async open(image?: Uint8Array, engine?: SqlEngine): Promise<Database> {
    const SQL = engine ?? (await sharedSqlJs());
    const raw = image === undefined ? new SQL.Database() : new SQL.Database(image);
    raw.exec(PRAGMAS);
    raw.exec("BEGIN");
    return new Database(raw);
  }

  /** The database's file image, the open transaction's work included. */
  image(): Uint8Array {
    if (this.marked) throw new Error("a marked database has no image: its mark lives in the open transaction");
    this.raw.exec("COMMIT");
    // sql.js's export() closes and reopens the connection: prepared statements are freed and
    // the pragmas are back to their defaults.
    const bytes = this.raw.export();
    this.cache.clear();
    this.raw.exec(PRAGMAS);
    this.raw.exec("BEGIN");
    return bytes;
  }

  /**
   * Marks the content now: a savepoint that stays open, for `rollbackToMark`. What came before
   * is committed first: SQLite remembers that a transaction changed the schema (a template's
   * setup creating its tables) until it commits, and until then every ROLLBACK TO throws the
   * parsed schema away and recompiles every statement, ~0.25 ms a rollback (docs/performance.md).
   */
  mark(): void {
    if (this.marked) throw new Error("the database is marked already");
    this.raw.exec("COMMIT; BEGIN; SAVEPOINT jobsim_mark");
    this.marked = true;
    this.schemaChanged = false;
  }

  /** Back to the content at `mark()`, the mark kept; no hooks (the next world sets its own).
   * Prepared statements stay compiled, unless the world changed the schema: the marked state
   * is then committed again (see `mark`), so that later rollbacks stay cheap. */
  rollbackToMark(): void {
    if (!this.marked) throw new Error("the database was never marked");
    this.hook = null;
    this.appHook = null;
    this.savepointDepth = 0;
    this.raw.exec("ROLLBACK TO jobsim_mark");
    if (this.schemaChanged) {
      this.raw.exec("RELEASE jobsim_mark; COMMIT; BEGIN; SAVEPOINT jobsim_mark");
      this.schemaChanged = false;
    }
  }

  /** How many statements are prepared and cached. */
  get statementCount(): number {
    return this.cache.size;
  }

  /** Gives the page cache's unused memory back (a store kept between worlds). */
  shrinkMemory(): void {
    this.raw.exec("PRAGMA shrink_memory");
  }

  /** Notes app SQL whose effect a rollback to the mark does not simply undo (see the flags above). */
  private noteLastingChange(sql: string): void {
    if (!this.marked) return;
    if (!this.connectionChanged && CONNECTION_STATE.test(sql)) this.connectionChanged = true;
    if (!this.schemaChanged && SCHEMA_CHANGE.test(sql)) this.schemaChanged = true;
  }

  close(): void {
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
    this.raw.close();
  }

  /** A prepared statement, created once per SQL text and reused. */
  prepare(sql: string): Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.raw.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  // ---- engine access: prepared statements, fault hook applied ----

  /** Runs a write statement of the engine. */
  write(sql: string, params?: BindParams): void {
    if (this.hook !== null) this.hook(sql, "engine");
    const s = this.prepare(sql);
    s.run(params);
  }

  /** First row as an array, or undefined. */
  row(sql: string, params?: BindParams): SqlValue[] | undefined {
    if (this.hook !== null) this.hook(sql, "engine");
    const s = this.prepare(sql);
    if (params !== undefined) s.bind(params);
    const r = s.step() ? s.get() : undefined;
    s.reset();
    return r;
  }

  /** All rows as arrays. */
  rows(sql: string, params?: BindParams): SqlValue[][] {
    const out: SqlValue[][] = [];
    this.each(sql, params, (r) => out.push(r));
    return out;
  }

  /** Each row as an array, one at a time (large reads that keep only part of each row). */
  each(sql: string, params: BindParams | undefined, fn: (row: SqlValue[]) => void): void {
    if (this.hook !== null) this.hook(sql, "engine");
    const s = this.prepare(sql);
    if (params !== undefined) s.bind(params);
    try {
      while (s.step()) fn(s.get());
    } finally {
      s.reset();
    }
  }

  changes(): number {
    return this.raw.getRowsModified();
  }

  /** Always a savepoint: the unit rolls back when `fn` throws. */
  savepoint<T>(fn: () => T): T {
    const name = `sp${this.savepointDepth++}`;
    this.prepare(`SAVEPOINT ${name}`).run();
    try {
      const result = fn();
      this.prepare(`RELEASE ${name}`).run();
      return result;
    } catch (e) {
      this.prepare(`ROLLBACK TO ${name}`).run();
      this.prepare(`RELEASE ${name}`).run();
      throw e;
    } finally {
      this.savepointDepth--;
    }
  }

  // ---- application access: objects, named errors ----

  /** Runs one or more statements (setup SQL). */
  exec(sql: string): void {
    rejectTransactionControl(sql);
    this.noteLastingChange(sql);
    if (this.hook !== null) this.hook(sql, "app");
    this.appHook?.(sql, "before");
    try {
      this.raw.exec(sql);
    } catch (e) {
      throw new SqlError(`SQL error: ${(e as Error).message} in: ${abbreviate(sql)}`, sql);
    }
    this.appHook?.(sql, "after");
  }

  run(sql: string, params?: Params): { changes: number } {
    const s = this.appStatement(sql, params);
    try {
      s.step();
    } catch (e) {
      throw new SqlError(`SQL error: ${(e as Error).message} in: ${abbreviate(sql)}`, sql);
    } finally {
      s.reset();
    }
    const changes = this.raw.getRowsModified();
    this.appHook?.(sql, "after");
    return { changes };
  }

  all<T extends Row = Row>(sql: string, params?: Params): T[] {
    const s = this.appStatement(sql, params);
    const out: T[] = [];
    try {
      while (s.step()) out.push(s.getAsObject() as T);
    } catch (e) {
      throw new SqlError(`SQL error: ${(e as Error).message} in: ${abbreviate(sql)}`, sql);
    } finally {
      s.reset();
    }
    return out;
  }

  get<T extends Row = Row>(sql: string, params?: Params): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  /** Same as get: the shape arguments' record locator expects. */
  one(sql: string, params?: readonly unknown[]): Row | undefined {
    return this.get(sql, params as Params);
  }

  /** The first column of the first row. */
  value(sql: string, params?: Params): SqlValue | undefined {
    const r = this.get(sql, params);
    return r === undefined ? undefined : Object.values(r)[0];
  }

  /** Application transaction: a savepoint that rolls back when `fn` throws. */
  transaction<T>(fn: () => T): T {
    return this.savepoint(fn);
  }

  private appStatement(sql: string, params?: Params): Statement {
    rejectTransactionControl(sql);
    this.noteLastingChange(sql);
    if (this.hook !== null) this.hook(sql, "app");
    this.appHook?.(sql, "before");
    let s: Statement;
    try {
      s = this.prepare(sql);
    } catch (e) {
      throw new SqlError(`SQL error: ${(e as Error).message} in: ${abbreviate(sql)}`, sql);
    }
    if (params !== undefined) {
      try {
        s.bind(normalizeParams(params));
      } catch (e) {
        s.reset();
        throw new SqlError(`SQL error: ${(e as Error).message} in: ${abbreviate(sql)}`, sql);
      }
    }
    return s;
  }
}

function normalizeParams(params: Params): BindParams {
  if (!Array.isArray(params)) return params as Record<string, SqlValue>;
  return (params as unknown[]).map((v) => {
    if (v === undefined) return null;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "bigint") return v.toString();
    return v as SqlValue;
  });
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|END|ROLLBACK)\b(?!\s+TO)/i;

/** Statements whose effect outlives a rollback: connection settings and attached databases. */
const CONNECTION_STATE = /(^|;)\s*(PRAGMA|ATTACH|DETACH)\b/i;

/** Statements that may change the schema. */
const SCHEMA_CHANGE = /\b(CREATE|DROP|ALTER)\b/i;

function rejectTransactionControl(sql: string): void {
  if (TRANSACTION_CONTROL.test(sql)) {
    throw new SqlError(
      `BEGIN / COMMIT / ROLLBACK are not available in a simulation (it keeps one transaction open); use db.transaction(fn), which is a savepoint: ${abbreviate(sql)}`,
      sql,
    );
  }
}

function abbreviate(sql: string): string {
  const one = sql.replace(/\s+/g, " ").trim();
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}
