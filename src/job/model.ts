// A small GlobalID equivalent over the application's SQL tables: a record argument is stored
// as "gid://jobsim/<Model>/<id>" and fetched again when the job runs, as Active Job does with
// GlobalID::Identification records.
import { RecordNotFound, SerializationError } from "./errors.js";
import { quoteIdentifier } from "../store/sql-identifier.js";

/** The part of the store's database a model needs (the lead's store satisfies it). */
export interface SqlReader {
  one(sql: string, params?: unknown[]): Record<string, unknown> | undefined;
}

/** Finds a record by model name and id; throws RecordNotFound when there is none. */
export type Locator = (model: string, id: string) => unknown;

export type RecordId = string | number | bigint;

/** The app name in every GlobalID jobsim writes. */
export const GLOBAL_ID_APP = "jobsim";

/**
 * Base of every model's record class. A record carries its row's columns as own properties;
 * its model is its class, so a column named `model` or `constructor` cannot shadow it.
 */
export class ModelRecord {
  constructor(row: Record<string, unknown>) {
    // defineProperty, not assignment: a column named "__proto__" must stay a column.
    for (const key of Object.keys(row)) {
      Object.defineProperty(this, key, { value: row[key], enumerable: true, writable: true, configurable: true });
    }
  }
}

export interface ModelOptions {
  table: string;
  primaryKey?: string;
}

/** What `defineModel` returns: a record class with the model's statics. */
export interface Model<R extends object = Record<string, unknown>> {
  new (row: Record<string, unknown>): ModelRecord & R;
  readonly prototype: ModelRecord & R;
  readonly modelName: string;
  readonly table: string;
  readonly primaryKey: string;
  /** The row with this primary key as a frozen record; RecordNotFound if there is none. */
  find<T>(this: new (row: Record<string, unknown>) => T, db: SqlReader, id: RecordId): T;
}

/** Any model, whatever its row type. */
export type AnyModel = Model<object>;

const MODEL_NAME = /^[A-Z][A-Za-z0-9_]*(?:::[A-Z][A-Za-z0-9_]*)*$/;

/**
 * Defines a model over an app table. Subclass the result to add methods:
 * `class Order extends defineModel<OrderRow>("Order", { table: "orders" }) { ... }`.
 */
export function defineModel<R extends object = Record<string, unknown>>(name: string, options: ModelOptions): Model<R> {
  if (!MODEL_NAME.test(name)) {
    throw new TypeError(`defineModel: model name ${JSON.stringify(name)} must be a constant name like "Order" or "Shop::Order"`);
  }
  const table = options.table;
  const primaryKey = options.primaryKey ?? "id";
  if (typeof table !== "string" || table === "") throw new TypeError(`defineModel(${name}): table must be a non-empty string`);
  if (primaryKey === "") throw new TypeError(`defineModel(${name}): primaryKey must be a non-empty string`);
  const findSql = `SELECT * FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(primaryKey)} = ? LIMIT 1`;

  const model = class extends ModelRecord {
    static readonly modelName = name;
    static readonly table = table;
    static readonly primaryKey = primaryKey;

    static find<T>(this: new (row: Record<string, unknown>) => T, db: SqlReader, id: RecordId): T {
      const row = db.one(findSql, [bindableId(id)]);
      if (row === undefined) throw new RecordNotFound(name, primaryKey, String(id));
      return Object.freeze(new this(row));
    }
  };
  Object.defineProperty(model, "name", { value: name.slice(name.lastIndexOf(":") + 1) });
  return model as unknown as Model<R>;
}

/** The model a record belongs to (its class, or the defineModel class it extends). */
export function modelOf(record: ModelRecord): AnyModel {
  const model = Object.getPrototypeOf(record).constructor as Partial<AnyModel> & { name: string };
  if (typeof model.modelName !== "string") {
    throw new SerializationError(`${model.name || "This record"} is a ModelRecord not made by defineModel, so it has no model name`);
  }
  return model as AnyModel;
}

/** The record's primary key as a string, or undefined when it has none (not saved). */
export function recordId(record: ModelRecord): string | undefined {
  const value = (record as unknown as Record<string, unknown>)[modelOf(record).primaryKey];
  if (value === null || value === undefined || value === "") return undefined;
  return String(value);
}

/** "gid://jobsim/Order/5". A record without an id cannot be identified (Active Job's message). */
export function toGlobalId(record: ModelRecord): string {
  const model = modelOf(record);
  const id = recordId(record);
  if (id === undefined) {
    throw new SerializationError(`Unable to serialize ${model.modelName} without an id. (Maybe you forgot to call save?)`);
  }
  return `gid://${GLOBAL_ID_APP}/${model.modelName}/${encodeURIComponent(id)}`;
}

export interface GlobalId {
  app: string;
  model: string;
  id: string;
}

/** Parses "gid://<app>/<Model>/<id>"; undefined for anything else. Any app name is accepted. */
export function parseGlobalId(uri: string): GlobalId | undefined {
  const m = /^gid:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  if (m === null) return undefined;
  try {
    return { app: m[1]!, model: m[2]!, id: decodeURIComponent(m[3]!) };
  } catch {
    return undefined;
  }
}

/** The models a locator may fetch, by model name. */
export class ModelRegistry {
  readonly #models = new Map<string, AnyModel>();

  constructor(models: Iterable<AnyModel> = []) {
    for (const model of models) this.add(model);
  }

  /** Adding the same model twice is a no-op; a different model under a taken name is an error. */
  add(...models: AnyModel[]): this {
    for (const model of models) {
      const existing = this.#models.get(model.modelName);
      if (existing !== undefined && existing !== model) {
        throw new Error(`ModelRegistry: another model is already registered as ${model.modelName}`);
      }
      this.#models.set(model.modelName, model);
    }
    return this;
  }

  get(name: string): AnyModel | undefined {
    return this.#models.get(name);
  }

  names(): string[] {
    return [...this.#models.keys()];
  }
}

/** A Locator that fetches records of the registered models from `db`. */
export function makeLocator(db: SqlReader, models: ModelRegistry): Locator {
  return (name, id) => {
    const model = models.get(name);
    if (model === undefined) {
      const known = models.names();
      throw new Error(`Unknown model ${name}: the locator knows ${known.length === 0 ? "no models" : known.join(", ")}`);
    }
    return model.find(db, id);
  };
}

// A GlobalID carries the id as text. Canonical integers are bound as numbers so they match
// INTEGER columns and untyped columns holding integers; SQLite converts them back to text for
// TEXT columns.
function bindableId(id: RecordId): string | number {
  if (typeof id === "number") return id;
  const text = String(id);
  if (/^-?(?:0|[1-9]\d{0,15})$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text;
}
