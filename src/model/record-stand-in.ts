// Records for modelled jobs. A scenario or an export passes `{ $record: Order, id: 7 }`; Active
// Job stores it as a GlobalID and loads the row again at perform. A modelled perform never
// reads the record's columns, so when no TypeScript model of that name exists the record is a
// stand-in that carries only its id: it serializes to the same GlobalID, keys concurrency
// limits as Order/7, and is found again without a table.
import { ModelRecord, type AnyModel, type RecordId, type SqlReader } from "../job/model.js";

export function standInModel(name: string): AnyModel {
  const model = class extends ModelRecord {
    static readonly modelName = name;
    static readonly table = "";
    static readonly primaryKey = "id";

    static find<T>(this: new (row: Record<string, unknown>) => T, _db: SqlReader, id: RecordId): T {
      const text = String(id);
      const value = /^-?(?:0|[1-9]\d{0,15})$/.test(text) ? Number(text) : text;
      return Object.freeze(new this({ id: value }));
    }
  };
  Object.defineProperty(model, "name", { value: name.slice(name.lastIndexOf(":") + 1) });
  return model as unknown as AnyModel;
}
