// The jobs whose rows changed since the invariant checker last looked. Bounded: a run that never
// checks while running (invariants off, or a long stretch between checks) would otherwise keep
// the id of every job it ever touched. Past the cap the set gives up its ids and says so, and the
// next check reads every job instead (docs/performance.md).

export const DIRTY_JOBS_CAP = 65_536;

export class DirtyJobs {
  private readonly ids = new Set<number>();
  private overflowed = false;

  add(jobId: number): void {
    if (this.overflowed) return;
    if (this.ids.size >= DIRTY_JOBS_CAP) {
      this.ids.clear();
      this.overflowed = true;
      return;
    }
    this.ids.add(jobId);
  }

  /** The changed ids since the last take, or null when there were too many to keep (check all). */
  take(): number[] | null {
    const out = this.overflowed ? null : [...this.ids];
    this.ids.clear();
    this.overflowed = false;
    return out;
  }

  /** Forget the ids and have the next check read every job (a store reset to its mark). */
  checkAll(): void {
    this.ids.clear();
    this.overflowed = true;
  }
}
