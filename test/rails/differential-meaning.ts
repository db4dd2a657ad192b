// What a generated app's declarations mean, per /work/shared/spec/active-job.md (§2.1 queue
// and prefix, §2.2 priority, §4.1 callback chains, §5.2 handler order, §5.3 defaults, §5.7
// jitter) and solid-queue.md §3.1 (limits_concurrency defaults). Written from the spec,
// independently of src/rails.
import type { AppSpec, ClassSpec, Decl, Wait } from "./differential-gen.js";

export interface MeantHandler {
  kind: "retry_on" | "discard_on" | "rescue_from";
  errors: string[];
  wait?: number | "polynomially_longer" | { formula: string };
  attempts?: number | "unlimited";
  jitter?: number;
  queue?: string;
  priority?: number;
  /** Active Job 6.1 (the Ruby oracle installed here) cannot run this handler: a float wait, :polynomially_longer or attempts: :unlimited. */
  newerThan61?: boolean;
}

export interface Meaning {
  queue: { name: string } | { candidates: string[] };
  priority: number | null;
  retryJitter: number;
  handlers: MeantHandler[];
  concurrency?: { to: number; key: { literal: string } | { parts: unknown[] }; group: string; duration: number; on_conflict: "block" | "discard" };
  callbacks: Record<string, string[]>;
  params?: string[];
}

export function lineage(app: AppSpec, name: string): ClassSpec[] {
  const out: ClassSpec[] = [];
  let c = app.classes.find((k) => k.name === name);
  while (c !== undefined) {
    out.unshift(c);
    c = app.classes.find((k) => k.name === c!.parent);
  }
  return out;
}

export function prefixed(app: AppSpec, q: string): string {
  return app.prefix === null || app.prefix.trim() === "" ? q : `${app.prefix}${app.delimiter}${q}`;
}

function seconds(w: Wait): MeantHandler["wait"] {
  if ("int" in w) return w.int;
  if ("float" in w) return w.float;
  if ("dur" in w) return w.dur[0] * { seconds: 1, minutes: 60, hours: 3600 }[w.dur[1]];
  if ("poly" in w) return "polynomially_longer";
  return { formula: `n * ${w.linear}` };
}

const PARAM_KIND = { req: "required", opt: "optional", rest: "rest", keyreq: "keyword", key: "optional_keyword", keyrest: "keyword_rest" } as const;

export function meaning(app: AppSpec, name: string): Meaning {
  const chain = lineage(app, name);
  const all = chain.flatMap((c) => c.decls.map((d) => ({ d, c })));
  const last = <T>(pick: (d: Decl) => T | undefined): T | undefined => {
    let out: T | undefined;
    for (const { d } of all) {
      const v = pick(d);
      if (v !== undefined) out = v;
    }
    return out;
  };
  // §2.1: a static name is prefixed at declaration; nil means the default queue.
  const queue =
    last<Meaning["queue"]>((d) =>
      "queue" in d ? { name: prefixed(app, d.queue ?? "default") } : "queueBlock" in d ? { candidates: d.queueBlock.map((q) => prefixed(app, q)).sort() } : undefined,
    ) ?? { name: prefixed(app, "default") };
  const appJitter = app.loadDefaults !== null && app.loadDefaults >= 6.1 ? 0.15 : 0;
  const retryJitter = last((d) => ("jitter" in d ? d.jitter : undefined)) ?? appJitter;
  const handlers: MeantHandler[] = [];
  for (const { d } of all) {
    if ("retry" in d) {
      const r = d.retry;
      handlers.push({
        kind: "retry_on",
        errors: r.errors,
        wait: r.wait === undefined ? 3 : seconds(r.wait),
        attempts: r.attempts ?? 5,
        // §5.7: jitter: nil is 0.0; no jitter: uses the class's retry_jitter.
        jitter: r.jitter === undefined ? retryJitter : (r.jitter ?? 0),
        ...(r.queue !== undefined ? { queue: prefixed(app, r.queue) } : {}),
        ...(r.priority !== undefined ? { priority: r.priority } : {}),
        newerThan61: r.attempts === "unlimited" || (r.wait !== undefined && ("float" in r.wait || "poly" in r.wait)),
      });
    } else if ("discard" in d) handlers.push({ kind: "discard_on", errors: d.discard });
    else if ("rescue" in d) handlers.push({ kind: "rescue_from", errors: d.rescue });
  }
  const callbacks: Record<string, string[]> = {};
  for (const { d } of all) {
    if (!("callback" in d)) continue;
    const list = (callbacks[d.callback[0]] ??= []);
    const i = list.indexOf(d.callback[1]);
    if (i >= 0) list.splice(i, 1);
    list.push(d.callback[1]);
  }
  const limits = last((d) => ("limits" in d ? d.limits : undefined));
  const out: Meaning = { queue, priority: last((d) => ("priority" in d ? d.priority : undefined)) ?? null, retryJitter, handlers, callbacks };
  if (limits !== undefined) {
    const parts = { whole: [{ arg: 0 }], id: [{ arg: 0, path: ["id"] }], pair: [{ arg: 0, path: ["id"] }, { literal: "-" }, { arg: 1 }], literal: undefined }[limits.key];
    out.concurrency = {
      to: limits.to ?? 1,
      key: parts === undefined ? { literal: "fixed" } : { parts },
      group: limits.group ?? name,
      duration: limits.minutes !== undefined ? limits.minutes * 60 : 180,
      on_conflict: limits.onConflict ?? "block",
    };
  }
  const performer = [...chain].reverse().find((c) => c.name !== "ApplicationJob");
  if (performer !== undefined) out.params = performer.params.map((p) => PARAM_KIND[p]);
  return out;
}

/** The handler that takes error `e` (§5.2: the last declared match) and what it does, n = 1, 2, ... */
export function outcome(m: Meaning, e: string, rand: number): { result: string; delays: [number, string | null, number | null][] } | "skip" {
  const h = [...m.handlers].reverse().find((x) => x.errors.includes(e));
  if (h === undefined) return { result: "none", delays: [] };
  if (h.kind !== "retry_on") return { result: "swallowed", delays: [] };
  if (h.newerThan61 === true) return "skip";
  const delays: [number, string | null, number | null][] = [];
  for (let n = 1; n <= 12; n++) {
    if (h.attempts !== "unlimited" && n >= h.attempts!) return { result: "raised", delays };
    const w = h.wait!;
    const delay = typeof w === "object" ? n * Number(w.formula.split("*")[1]) : (w as number) + rand * (w as number) * h.jitter!;
    delays.push([delay, h.queue ?? null, h.priority ?? null]);
  }
  return { result: "retrying", delays };
}
