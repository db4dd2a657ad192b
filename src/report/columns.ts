// Compact columns for the page's data: a 100,000-job run must stay a few megabytes of JSON.
// Sorted-ish numbers (times, ids) are stored as differences from the previous value, which
// are short; the page adds them up again (page-script-base.ts `undelta`).

export function delta(values: readonly number[]): number[] {
  const out: number[] = new Array(values.length);
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = v - prev;
    prev = v;
  }
  return out;
}

/** A column as the page receives it: the values, or runs of equal values `{ rle: [value, count, ...] }`. */
export type Column = number[] | { rle: number[] };

/**
 * Run-length encoded when that is clearly shorter (a class or queue that rarely changes, outcome
 * "succeeded" row after row, a delta of 1 between consecutive ids), else the plain values.
 */
export function packed(values: readonly number[]): Column {
  let runs = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) runs++;
  if (values.length === 0 || runs * 2 > values.length * 0.6) return [...values];
  const rle: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && values[i] === values[i - 1]) rle[rle.length - 1]!++;
    else rle.push(values[i]!, 1);
  }
  return { rle };
}

/** The values of a packed column (what the page's `unpack` does). */
export function unpacked(c: Column): number[] {
  if (Array.isArray(c)) return c;
  const out: number[] = [];
  for (let i = 0; i < c.rle.length; i += 2) for (let k = 0; k < c.rle[i + 1]!; k++) out.push(c.rle[i]!);
  return out;
}
