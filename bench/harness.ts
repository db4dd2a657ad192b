// Tiny benchmark helpers: wall time with the real clock (benchmarks are not src/), peak RSS
// sampled while running, and ratios against a baseline measured in the same run.

export interface Measurement {
  name: string;
  seconds: number;
  count: number;
  unit: string;
  peakRssMb: number;
}

export async function measure(name: string, count: number, unit: string, fn: () => Promise<void> | void): Promise<Measurement> {
  if (global.gc) global.gc();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { name, seconds, count, unit, peakRssMb: peak / 1024 / 1024 };
}

export function rate(m: Measurement): number {
  return m.count / m.seconds;
}

export function report(title: string, rows: Measurement[], baseline?: Measurement): void {
  console.log(`\n## ${title}`);
  for (const m of rows) {
    const r = rate(m);
    const ratio = baseline !== undefined && m !== baseline ? `  ratio to ${baseline.name}: ${(r / rate(baseline)).toFixed(2)}` : "";
    console.log(
      `  ${m.name.padEnd(34)} ${m.seconds.toFixed(3).padStart(8)} s  ${Math.round(r).toLocaleString("en-US").padStart(12)} ${m.unit}/s  peak RSS ${m.peakRssMb.toFixed(0)} MB${ratio}`,
    );
  }
}
