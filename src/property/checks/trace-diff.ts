// Determinism: the same inputs and seed give a byte-identical trace. On a difference, name the
// first differing event by its seq, with both versions.

export interface Divergence {
  /** The simulation (0-based) of the run whose traces differ, when a run makes several. */
  simulation: number;
  seq: number;
  first: string;
  second: string;
}

export function firstDivergence(a: readonly string[], b: readonly string[]): Divergence | null {
  const n = Math.max(a.length, b.length);
  for (let s = 0; s < n; s++) {
    const x = a[s];
    const y = b[s];
    if (x === y) continue;
    if (x === undefined || y === undefined) return { simulation: s, seq: 0, first: x === undefined ? "(no simulation)" : "(a simulation)", second: y === undefined ? "(no simulation)" : "(a simulation)" };
    const d = diffTrace(x, y);
    if (d !== null) return { ...d, simulation: s };
  }
  return null;
}

function diffTrace(a: string, b: string): Omit<Divergence, "simulation"> | null {
  const la = eventLines(a);
  const lb = eventLines(b);
  const n = Math.max(la.length, lb.length);
  for (let i = 0; i < n; i++) {
    if (la[i] === lb[i]) continue;
    return { seq: seqOf(la[i] ?? lb[i]!) ?? i, first: la[i] ?? "(trace ended)", second: lb[i] ?? "(trace ended)" };
  }
  return null;
}

function eventLines(json: string): string[] {
  return json
    .split("\n")
    .map((l) => l.replace(/,$/, ""))
    .filter((l) => l.startsWith("{"));
}

function seqOf(line: string): number | undefined {
  const m = /"seq":(\d+)/.exec(line);
  return m === null ? undefined : Number(m[1]);
}

export function describeDivergence(d: Divergence, simulations: number): string {
  const which = simulations > 1 ? ` in simulation ${d.simulation + 1} of ${simulations}` : "";
  return `the same case gave two different traces${which}; first difference at seq ${d.seq}:\n    first run:  ${d.first}\n    second run: ${d.second}`;
}
