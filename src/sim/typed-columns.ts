// Columns of numbers in typed arrays that double when full: the trace held in columns
// (trace-log.ts) and the report's executions (report/executions.ts).

export type NumberColumn = Float64Array | Int32Array | Uint8Array;

/** A copy of `a`, of the same kind, with room for `n` values. */
export function grown<T extends NumberColumn>(a: T, n: number): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
