// A solid_queue_jobs.arguments value is the whole serialized Active Job payload
// (active-job §1.1); its "arguments" are in Active Job's wire form (§6.1). Replayed arrivals
// take plain scenario arguments: hash markers dropped (a trailing keyword hash stays the last
// argument, as jobsim passes keywords), a GlobalID becomes the scenario's record reference
// { $record: Model, id }, and other serialized objects (Symbol, Time, Duration, ...) their value.

const HASH_MARKERS = new Set(["_aj_symbol_keys", "_aj_ruby2_keywords", "_aj_hash_with_indifferent_access"]);

export function plainArgument(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainArgument);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (typeof o["_aj_globalid"] === "string") {
    const m = /^gid:\/\/[^/]+\/(.+)\/([^/]+)$/.exec(o["_aj_globalid"]);
    if (m !== null) return { $record: m[1]!.replaceAll("/", "::"), id: /^\d+$/.test(m[2]!) ? Number(m[2]) : decodeURIComponent(m[2]!) };
    return o["_aj_globalid"];
  }
  if (typeof o["_aj_serialized"] === "string") {
    if ("value" in o) return plainArgument(o["value"]);
    if ("begin" in o) return { begin: plainArgument(o["begin"]), end: plainArgument(o["end"]), exclude_end: o["exclude_end"] };
    const { _aj_serialized: _, ...rest } = o;
    return plainArgument(rest);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (!HASH_MARKERS.has(k)) out[k] = plainArgument(x);
  return out;
}

/** The arguments of a payload cell: a JSON object with "arguments", or a JSON array of them. */
export function argumentsOf(value: unknown): unknown[] | undefined {
  let v = value;
  if (typeof v === "string") {
    if (v.trim() === "") return [];
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(plainArgument);
  if (typeof v === "object" && Array.isArray((v as Record<string, unknown>)["arguments"])) return ((v as Record<string, unknown>)["arguments"] as unknown[]).map(plainArgument);
  return undefined;
}
