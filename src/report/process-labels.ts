import type { ProcessInfo } from "./types.js";

// Processes as a scenario names them: `worker:0`, `dispatcher:0`. The runner records the selector
// that picked each process when it started (Simulation.selectorOf, the inverse of the `worker:N`
// selector); a result without it (hand-built, older) gets kind + its index among the processes of
// that kind in registration order, which is what the selector gives while none has died.
// A replacement that started under a name already used gets "(2nd)", "(3rd)"...

const KINDS = ["worker", "dispatcher", "scheduler", "supervisor"] as const;

function ordinal(n: number): string {
  return `${n}${n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : n % 10 === 1 && n % 100 !== 11 ? "st" : "th"}`;
}

export function processLabels(processes: readonly ProcessInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  const perKind = new Map<string, number>();
  const used = new Map<string, number>();
  for (const p of processes) {
    const kind = KINDS.find((k) => p.kind.toLowerCase().startsWith(k));
    let label = p.label;
    if (label === undefined && kind !== undefined) {
      const n = perKind.get(kind) ?? 0;
      label = `${kind}:${n}`;
    }
    if (kind !== undefined) perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    if (label === undefined) label = p.name;
    const seen = (used.get(label) ?? 0) + 1;
    used.set(label, seen);
    out.set(p.name, seen === 1 ? label : `${label} (${ordinal(seen)})`);
  }
  return out;
}
