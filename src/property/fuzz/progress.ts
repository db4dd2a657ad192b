// The progress line a fuzz campaign redraws on a terminal: which property, a bar, runs done of
// planned, failures, elapsed time. Pure text; the CLI decides when to draw it.

export interface ProgressState {
  label: string;
  done: number;
  planned: number;
  failures: number;
  elapsedMs: number;
}

export function progressLine(p: ProgressState, width = 24): string {
  const frac = p.planned === 0 ? 1 : Math.min(1, p.done / p.planned);
  const full = Math.round(frac * width);
  const bar = `${"#".repeat(full)}${".".repeat(width - full)}`;
  const fails = p.failures === 0 ? "" : `  ${p.failures} failing`;
  const rate = p.elapsedMs > 0 ? `  ${Math.round((p.done * 1000) / p.elapsedMs)} runs/s` : "";
  return `${p.label} [${bar}] ${p.done}/${p.planned}${fails}  ${(p.elapsedMs / 1000).toFixed(1)}s${rate}`;
}

/** Redraws at most every `everyMs` of real time (and always at the end). */
export class ProgressBar {
  private last = -Infinity;
  private drawn = false;

  constructor(
    private readonly write: (s: string) => void,
    private readonly now: () => number,
    private readonly everyMs = 100,
  ) {}

  update(p: ProgressState, force = false): void {
    const t = this.now();
    if (!force && t - this.last < this.everyMs) return;
    this.last = t;
    this.write(`\r\u001b[2K${progressLine(p)}`);
    this.drawn = true;
  }

  /** Clears the line so the next output starts clean. */
  clear(): void {
    if (this.drawn) this.write("\r\u001b[2K");
    this.drawn = false;
  }
}
