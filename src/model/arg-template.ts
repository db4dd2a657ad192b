// Arguments of a modelled enqueue or service call that copy the running job's own: "{arg.0}"
// is its first argument (a record stays a record), "{arg.0.id}" an attribute or hash key of
// it, and a template inside a longer text is spliced in ("order-{arg.0.id}").

const WHOLE = /^\{arg\.(\d+)((?:\.[^.{}]+)*)\}$/;
const INSIDE = /\{arg\.(\d+)((?:\.[^.{}]+)*)\}/g;

function lookup(args: readonly unknown[], index: string, path: string): unknown {
  let v: unknown = args[Number(index)];
  for (const key of path.split(".").slice(1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function fillArgs(template: unknown, args: readonly unknown[]): unknown {
  if (typeof template === "string") {
    const m = WHOLE.exec(template);
    if (m !== null) return lookup(args, m[1]!, m[2]!) ?? null;
    return template.replace(INSIDE, (_, i: string, path: string) => String(lookup(args, i, path) ?? ""));
  }
  if (Array.isArray(template)) return template.map((t) => fillArgs(t, args));
  if (template !== null && typeof template === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) out[k] = fillArgs(v, args);
    return out;
  }
  return template;
}
