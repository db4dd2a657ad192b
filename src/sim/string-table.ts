// Repeated strings (class, queue, process names) stored once and referenced by index: the
// trace held in columns (sim/trace-log.ts) and the report page's data.

export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of `s`; -1 for no value. */
  id(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
