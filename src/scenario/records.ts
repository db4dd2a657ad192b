// Record arguments written in a scenario: `{ $record: Order, id: 1 }` stands for the model
// instance Order.find(1) (Active Job stores it as a GlobalID and fetches it again at perform).
import type { AnyModel, SqlReader } from "../job/model.js";

export interface RecordRef {
  $record: string;
  id: string | number;
}

export function isRecordRef(v: unknown): v is RecordRef {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.includes("$record");
}

/** Model names used in arguments, and refs that are not `{ $record: Name, id: N }`. */
export function recordRefs(args: unknown, out: { models: string[]; malformed: number } = { models: [], malformed: 0 }): { models: string[]; malformed: number } {
  if (isRecordRef(args)) {
    const ok = Object.keys(args).length === 2 && typeof args.$record === "string" && (typeof args.id === "number" || typeof args.id === "string");
    if (ok) out.models.push(args.$record);
    else out.malformed++;
  } else if (Array.isArray(args)) for (const a of args) recordRefs(a, out);
  else if (args !== null && typeof args === "object") for (const v of Object.values(args)) recordRefs(v, out);
  return out;
}

/** Arguments with every ref replaced by the record it names (RecordNotFound when there is none). */
export function resolveRecords(args: unknown, models: readonly AnyModel[], db: SqlReader): unknown {
  if (isRecordRef(args)) {
    const model = models.find((m) => m.modelName === args.$record)!;
    return model.find(db, args.id);
  }
  if (Array.isArray(args)) return args.map((a) => resolveRecords(a, models, db));
  if (args !== null && typeof args === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) out[k] = resolveRecords(v, models, db);
    return out;
  }
  return args;
}
