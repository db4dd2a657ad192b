// The part of sql.js the store uses, as our own structural types. sql.js ships no declarations
// (they live in @types/sql.js, a devDependency a consumer does not have), so jobsim's published
// .d.ts files must not name sql.js's types: these interfaces are what they name instead. sql.js's
// Database and Statement satisfy them (database.ts assigns one to the other, so tsc checks it).

/** A value SQLite hands back or takes as a parameter. */
export type SqlValue = number | string | Uint8Array | null;

/** Parameters of a prepared statement: positional or by name. */
export type BindParams = SqlValue[] | Record<string, SqlValue> | null;

/** A prepared statement. */
export interface SqlStatement {
  bind(values?: BindParams): boolean;
  step(): boolean;
  get(params?: BindParams): SqlValue[];
  getAsObject(params?: BindParams): Record<string, SqlValue>;
  getSQL(): string;
  run(values?: BindParams): void;
  reset(): void;
  free(): boolean;
}

/** Statements of a multi-statement text, one at a time. */
export interface SqlStatementIterator extends Iterable<SqlStatement> {
  getRemainingSQL(): string;
}

/** The raw in-memory SQLite database (sql.js's `Database`). */
export interface SqlDatabase {
  exec(sql: string, params?: BindParams): { columns: string[]; values: SqlValue[][] }[];
  prepare(sql: string, params?: BindParams): SqlStatement;
  iterateStatements(sql: string): SqlStatementIterator;
  getRowsModified(): number;
  /** The database file's bytes (sql.js closes and reopens the connection to write them). */
  export(): Uint8Array;
  close(): void;
}

/** A sql.js instance (sql.js's `SqlJsStatic`): SQLite in WebAssembly, with its own memory. */
export interface SqlEngine {
  Database: new (data?: Uint8Array) => SqlDatabase;
}
