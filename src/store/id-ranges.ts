// A set of job ids kept as runs of consecutive ids. Jobs deleted on purpose (clearing finished
// jobs, discards) mostly come in id order, so a long run that clears millions of jobs keeps a
// handful of runs instead of one entry per job (docs/performance.md).

export class IdRanges {
  /** start -> end (inclusive) and end -> start of each run. */
  private readonly byStart = new Map<number, number>();
  private readonly byEnd = new Map<number, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    for (const [start, end] of this.byStart) if (id >= start && id <= end) return true;
    return false;
  }

  /** Adds an id that is not in the set (a row deleted once: callers add after a real delete). */
  add(id: number): void {
    const leftStart = this.byEnd.get(id - 1);
    const rightEnd = this.byStart.get(id + 1);
    const start = leftStart ?? id;
    const end = rightEnd ?? id;
    if (leftStart !== undefined) this.byEnd.delete(id - 1);
    if (rightEnd !== undefined) this.byStart.delete(id + 1);
    this.byStart.set(start, end);
    this.byEnd.set(end, start);
    this.count++;
  }

  delete(id: number): void {
    for (const [start, end] of this.byStart) {
      if (id < start || id > end) continue;
      this.byStart.delete(start);
      this.byEnd.delete(end);
      if (start <= id - 1) this.setRun(start, id - 1);
      if (id + 1 <= end) this.setRun(id + 1, end);
      this.count--;
      return;
    }
  }

  /** Makes this set hold exactly the ids of `other` (a store reset to its mark). */
  assign(other: IdRanges): void {
    this.byStart.clear();
    this.byEnd.clear();
    for (const [start, end] of other.byStart) this.setRun(start, end);
    this.count = other.count;
  }

  private setRun(start: number, end: number): void {
    this.byStart.set(start, end);
    this.byEnd.set(end, start);
  }
}
