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
