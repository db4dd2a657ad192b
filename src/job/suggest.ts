// "Did you mean" for misspelt keys: edit distance with adjacent swaps, case-insensitive,
// plus prefixes ("polling" -> "polling_interval", "class_name" -> "class").

function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

const MIN_PREFIX = 4;

/** The candidate nearest to `word`, or undefined when none is close enough to be a typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const distance = editDistance(w, c);
    const prefix =
      (w.length >= MIN_PREFIX && c.startsWith(w)) || (c.length >= MIN_PREFIX && w.startsWith(c));
    if (distance > limit && !prefix) continue;
    if (distance >= Math.max(w.length, c.length)) continue; // nothing in common
    if (distance < bestScore) {
      best = candidate;
      bestScore = distance;
    }
  }
  return best;
}
