import type { DeliveredMail } from "../job/mailer.js";
import type { ServiceCall } from "../sim/services.js";
import { canonical } from "./app-state.js";

// Side effects the outside world sees: service calls with their arguments and delivered mail.
// A call that threw is taken as not applied. A call carrying an idempotency key (an argument
// object with `idempotencyKey` or `idempotency_key`) is applied once per key, as a provider that
// honours idempotency keys would.

export interface Effect {
  /** "payment.charge", or "mailer.deliver" for mail. */
  name: string;
  /** What identifies it: the name plus its arguments (or its idempotency key). */
  key: string;
  /** Mail also answers to "<Mailer>.<action>". */
  alias?: string;
}

export function effectsOf(calls: readonly ServiceCall[], deliveries: readonly DeliveredMail[]): Effect[] {
  const out: Effect[] = [];
  const keys = new Set<string>();
  for (const c of calls) {
    if (c.outcome === "threw") continue;
    const name = `${c.service}.${c.method}`;
    const idem = idempotencyKey(c.args);
    if (idem !== undefined) {
      const k = `${name} key=${idem}`;
      if (keys.has(k)) continue;
      keys.add(k);
      out.push({ name, key: k });
    } else out.push({ name, key: `${name}(${canonical(c.args).slice(1, -1)})` });
  }
  for (const m of deliveries) {
    const to = Array.isArray(m.to) ? m.to.join(",") : m.to;
    out.push({ name: "mailer.deliver", alias: `${m.mailer}.${m.action}`, key: `mail ${m.mailer}.${m.action} to ${to}: ${JSON.stringify(m.subject)}` });
  }
  return out;
}

function idempotencyKey(args: readonly unknown[]): string | undefined {
  for (const a of args) {
    if (a === null || typeof a !== "object" || Array.isArray(a)) continue;
    const o = a as Record<string, unknown>;
    const k = o.idempotencyKey ?? o.idempotency_key;
    if (typeof k === "string" || typeof k === "number") return String(k);
  }
  return undefined;
}

/**
 * The first way `actual` differs from `expected`; null when equal. Effects named in
 * `allowDuplicates` ("service.method", "mailer.deliver" or "<Mailer>.<action>") may repeat,
 * but must still happen (and nothing new may appear).
 */
export function diffEffects(expected: readonly Effect[], actual: readonly Effect[], allowDuplicates: readonly string[], labels: [string, string]): string | null {
  const count = (list: readonly Effect[]) => {
    const m = new Map<string, { n: number; e: Effect }>();
    for (const e of list) m.set(e.key, { n: (m.get(e.key)?.n ?? 0) + 1, e });
    return m;
  };
  const a = count(expected);
  const b = count(actual);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const k of keys) {
    const x = a.get(k);
    const y = b.get(k);
    const e = (x ?? y)!.e;
    const n = x?.n ?? 0;
    const m = y?.n ?? 0;
    if (n === m) continue;
    const dupesOk = allowDuplicates.includes(e.name) || (e.alias !== undefined && allowDuplicates.includes(e.alias));
    if (dupesOk && n > 0 && m > 0) continue;
    return `${k} happened ${times(m)} after ${labels[1]}, ${times(n)} after ${labels[0]}`;
  }
  return null;
}

function times(n: number): string {
  return n === 1 ? "once" : `${n} times`;
}
