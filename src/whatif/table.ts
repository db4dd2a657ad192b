// The terminal view of a what-if: per queue, one row per config, side by side, with the p95
// wait's change against the first config.
import { showMs } from "../scenario/compare.js";
import type { VariantRun } from "./run.js";
import type { QueueStats } from "./stats.js";

const HEADER = ["queue", "config", "runs", "wait p50", "p95", "p99", "max", "p95 vs first", "peak depth", "done/h", "failed", "retried"];
/** Right-aligned columns: the numbers. */
const RIGHT = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

export function showWait(ms: number): string {
  return Number.isNaN(ms) ? "-" : showMs(ms);
}

export function change(now: number, before: number): string {
  if (Number.isNaN(now) || Number.isNaN(before)) return "-";
  if (before === 0) return now === 0 ? "=" : "+inf";
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? "=" : `${pct > 0 ? "+" : ""}${pct}%`;
}

export function queueNames(runs: readonly VariantRun[]): string[] {
  return [...new Set(runs.flatMap((r) => r.stats.queues.map((q) => q.queue)))].sort();
}

export function statsOf(run: VariantRun, queue: string): QueueStats | undefined {
  return run.stats.queues.find((q) => q.queue === queue);
}

export function whatIfTable(runs: readonly VariantRun[]): string {
  const rows: string[][] = [HEADER];
  for (const queue of queueNames(runs)) {
    const base = runs[0] === undefined ? undefined : statsOf(runs[0], queue);
    runs.forEach((r, i) => {
      const q = statsOf(r, queue);
      const w = q?.wait;
      rows.push([
        i === 0 ? queue : "",
        r.variant.name,
        String(q?.executions ?? 0),
        showWait(w?.p50 ?? NaN),
        showWait(w?.p95 ?? NaN),
        showWait(w?.p99 ?? NaN),
        showWait(w?.max ?? NaN),
        i === 0 ? "" : change(w?.p95 ?? NaN, base?.wait.p95 ?? NaN),
        String(q?.peakDepth ?? 0),
        (q?.throughput ?? 0).toFixed(1),
        String(q?.failed ?? 0),
        String(q?.retried ?? 0),
      ]);
    });
  }
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (RIGHT.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  const out = [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)];
  const notes = runs.flatMap((r) => [...(r.variant.detail !== undefined ? [`${r.variant.name}: ${r.variant.detail}`] : []), ...r.problems.map((p) => `${r.variant.name}: ${p}`)]);
  return `${out.join("\n")}\n${notes.length > 0 ? `\n${notes.join("\n")}\n` : ""}`;
}
