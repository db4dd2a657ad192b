import { displayJson } from "./safe-json.js";

// Arguments as the user wrote them, not as Active Job stores them (src/job/arguments.ts): the
// `_aj_symbol_keys` / `_aj_ruby2_keywords` / `_aj_hash_with_indifferent_access` markers dropped,
// a record (`_aj_globalid`) shown as its GlobalID, a serialized object (`_aj_serialized`) as its
// value. Separated by ", " as in a perform_later call.

const MARKERS = new Set(["_aj_symbol_keys", "_aj_ruby2_keywords", "_aj_hash_with_indifferent_access"]);

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (typeof o._aj_globalid === "string" && Object.keys(o).length === 1) return o._aj_globalid;
  if (typeof o._aj_serialized === "string") return "value" in o ? plain(o.value) : `${o._aj_serialized}`;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (!MARKERS.has(k)) out[k] = plain(x);
  return out;
}

export function displayArgs(args: readonly unknown[] | undefined, maxLength: number): string {
  if (args === undefined) return "";
  const s = args.map((a) => displayJson(plain(a))).join(", ");
  return s.length > maxLength ? `${s.slice(0, maxLength)}…` : s;
}
