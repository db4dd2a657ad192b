import type { Simulation } from "../sim/simulation.js";
import { peek } from "./peek.js";
import { quoteIdentifier } from "../store/sql-identifier.js";

// The application's state after a run, in a form two runs can be compared by: every app table
// (not Solid Queue's) as a sorted list of canonical JSON rows.

export type AppTables = Record<string, string[]>;

export interface TableOptions {
  /** Only these tables (default: every table that is not solid_queue_* or sqlite_*). */
  tables?: readonly string[];
  /** Columns left out of the comparison, as "table.column" (timestamps, generated ids). */
  ignoreColumns?: readonly string[];
}

export function appTableNames(sim: Simulation): string[] {
  return peek(sim, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'solid\\_queue\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").map((r) => String(r.name));
}

export function snapshotTables(sim: Simulation, opts: TableOptions = {}): AppTables {
  const out: AppTables = {};
  const ignore = new Set(opts.ignoreColumns ?? []);
  for (const table of opts.tables ?? appTableNames(sim)) {
    const rows = peek(sim, `SELECT * FROM ${quoteIdentifier(table)}`);
    out[table] = rows
      .map((r) => {
        const kept: Record<string, unknown> = {};
        for (const k of Object.keys(r).sort()) if (!ignore.has(`${table}.${k}`)) kept[k] = r[k];
        return canonical(kept);
      })
      .sort();
  }
  return out;
}

/** JSON with sorted keys, so equal values give equal text. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === "bigint") return x.toString();
    if (x instanceof Uint8Array) return `bytes:${Buffer.from(x).toString("hex")}`;
    if (x !== null && typeof x === "object" && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    }
    return x;
  });
}

/** The first difference between two snapshots, in words; null when they are equal. */
export function diffTables(expected: AppTables, actual: AppTables, labels: [string, string]): string | null {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const t of tables) {
    const a = expected[t];
    const b = actual[t];
    if (a === undefined || b === undefined) return `table ${t} exists only after ${a === undefined ? labels[1] : labels[0]}`;
    const onlyA = multisetMinus(a, b);
    const onlyB = multisetMinus(b, a);
    if (onlyA.length === 0 && onlyB.length === 0) continue;
    const lines = [`table ${t} differs (${a.length} rows after ${labels[0]}, ${b.length} after ${labels[1]})`];
    for (const r of onlyA.slice(0, 3)) lines.push(`    only after ${labels[0]}: ${r}`);
    for (const r of onlyB.slice(0, 3)) lines.push(`    only after ${labels[1]}: ${r}`);
    return lines.join("\n");
  }
  return null;
}

export function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}
