import type { QueueProcess } from "../engine/process.js";

// How the API, scenarios and faults name a process: its exact name, or "<kind>:<n>", the n-th
// live process of that kind (worker:0, dispatcher:0, scheduler:0, supervisor:0).

export function selectProcess(all: readonly QueueProcess[], selector: string): QueueProcess {
  const exact = all.find((p) => p.name === selector);
  if (exact !== undefined) return exact;
  const m = /^(worker|dispatcher|scheduler|supervisor)(?::(\d+))?$/.exec(selector);
  if (m !== null) {
    const live = all.filter((p) => p.alive && p.kind.toLowerCase().startsWith(m[1]!));
    const p = live[Number(m[2] ?? 0)];
    if (p !== undefined) return p;
  }
  const names = all.filter((p) => p.alive).map((p) => p.name);
  throw new Error(`no process ${JSON.stringify(selector)}: use a name or worker:N / dispatcher:N / scheduler:N / supervisor:N; live processes: ${names.join(", ") || "none"}`);
}

/** The "<kind>:<n>" selector that picks the named process now (selectProcess's inverse), if it is live. */
export function selectorOf(all: readonly QueueProcess[], name: string): string | undefined {
  const p = all.find((x) => x.name === name && x.alive);
  const kind = p === undefined ? undefined : ["worker", "dispatcher", "scheduler", "supervisor"].find((k) => p.kind.toLowerCase().startsWith(k));
  if (kind === undefined) return undefined;
  return `${kind}:${all.filter((x) => x.alive && x.kind.toLowerCase().startsWith(kind)).indexOf(p!)}`;
}
