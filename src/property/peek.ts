import type { SqlValue } from "../store/sql-types.js";
import type { Simulation } from "../sim/simulation.js";

// Reads by the property code itself go straight to SQLite: they must not count as the app's
// statements (a SQL fault would fire on them, a lazy heartbeat would be written).

export function peek(sim: Simulation, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const s = sim.db.raw.prepare(sql);
  try {
    if (params.length > 0) s.bind(params);
    const out: Record<string, SqlValue>[] = [];
    while (s.step()) out.push(s.getAsObject());
    return out;
  } finally {
    s.free();
  }
}
