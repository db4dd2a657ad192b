// A job's argument list in Active Job's wire format (spec active-job.md §6). Everything that
// cannot survive the round trip is refused here, at enqueue, with the value's path, so a job
// never fails at perform because of what it was given.
import { inspect } from "node:util";
import { DeserializationError, RecordNotFound, RecordNotFoundDeserializationError, SerializationError } from "./errors.js";
import { ModelRecord, parseGlobalId, toGlobalId } from "./model.js";
import type { Locator } from "./model.js";
import { defaultSerializers, isClass } from "./serializers.js";
import type { Serializer, SerializerRegistry } from "./serializers.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export const GLOBALID_KEY = "_aj_globalid";
export const SYMBOL_KEYS_KEY = "_aj_symbol_keys";
export const RUBY2_KEYWORDS_KEY = "_aj_ruby2_keywords";
export const OBJECT_SERIALIZER_KEY = "_aj_serialized";
export const WITH_INDIFFERENT_ACCESS_KEY = "_aj_hash_with_indifferent_access";

/** Keys Active Job uses as markers; a user hash may not contain them. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  GLOBALID_KEY,
  SYMBOL_KEYS_KEY,
  RUBY2_KEYWORDS_KEY,
  OBJECT_SERIALIZER_KEY,
  WITH_INDIFFERENT_ACCESS_KEY,
]);

export interface DeserializeContext {
  registry?: SerializerRegistry;
  /** Finds a class stored by name (job classes, models, error classes); built-in classes are found without it. */
  constant?(name: string): unknown;
  /** Fetches records for `_aj_globalid` values; without one, a record argument cannot be read. */
  locate?: Locator;
}

/** The argument list as Active Job stores it: JSON-safe, string keys, `_aj_*` markers. */
export function serializeArguments(args: readonly unknown[], registry: SerializerRegistry = defaultSerializers): JsonValue[] {
  if (!Array.isArray(args)) throw new SerializationError(`Job arguments must be an array, got ${describe(args)}`);
  return new ArgumentWriter(registry).list(args);
}

/** Rebuilds the values; any failure becomes one DeserializationError whose cause is the original. */
export function deserializeArguments(serialized: readonly JsonValue[], ctx: DeserializeContext = {}): unknown[] {
  const reader = new ArgumentReader(ctx.registry ?? defaultSerializers, ctx);
  try {
    if (!Array.isArray(serialized)) throw new Error(`Stored arguments must be an array, got ${inspect(serialized)}`);
    return reader.list(serialized);
  } catch (error) {
    if (error instanceof DeserializationError) throw error;
    const path = reader.path.format();
    if (error instanceof RecordNotFound) throw new RecordNotFoundDeserializationError(error, path);
    throw new DeserializationError(error, path);
  }
}

// Path segments are kept as a stack and turned into text only when an error needs them.
class Path {
  readonly #segments: (string | number)[] = [];

  push(segment: string | number): void {
    this.#segments.push(segment);
  }

  pop(): void {
    this.#segments.pop();
  }

  format(): string {
    let text = "arguments";
    for (const s of this.#segments) {
      text += typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
    }
    return text;
  }
}

class ArgumentWriter {
  readonly #path = new Path();
  // Objects on the path from the root to the current value: a repeat is a cycle. A value
  // shared by two branches is not one, and is written twice (as JSON would).
  readonly #open = new Set<object>();

  constructor(readonly registry: SerializerRegistry) {}

  list(args: readonly unknown[]): JsonValue[] {
    this.#open.add(args);
    return this.#array(args);
  }

  #value(value: unknown): JsonValue {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        if (!Number.isFinite(value)) this.#fail(`Unsupported argument type: ${value}`, "only finite numbers can be stored as JSON");
        return value === 0 ? 0 : value; // -0 would turn into 0 in JSON text anyway
      case "undefined":
        return this.#fail("Unsupported argument type: undefined", "use null for a missing value");
      case "symbol":
        // Ruby's Symbol: Symbol.for("low") through Active Job's SymbolSerializer.
        return this.#custom(value);
      case "function":
        // A class is stored by name (Rails' ModuleSerializer); other functions have no form.
        if (isClass(value)) return this.#custom(value);
        return this.#fail(`Unsupported argument type: ${constructorName(value)}`);
      case "bigint":
        return this.#custom(value);
      case "object":
        if (value === null) return null;
        if (this.#open.has(value)) throw new SerializationError(`Circular reference at ${this.#path.format()}`, { path: this.#path.format() });
        this.#open.add(value);
        try {
          if (value instanceof ModelRecord) return { [GLOBALID_KEY]: this.#guard(() => toGlobalId(value)) };
          if (Array.isArray(value)) return this.#array(value);
          if (isPlainObject(value)) return this.#hash(value);
          // A String subclass without a serializer of its own is stored as the plain string (§6.1).
          if (value instanceof String && this.registry.forValue(value) === undefined) return value.valueOf();
          return this.#custom(value);
        } finally {
          this.#open.delete(value);
        }
    }
  }

  #array(array: readonly unknown[]): JsonValue[] {
    const out: JsonValue[] = new Array(array.length);
    for (let i = 0; i < array.length; i++) {
      this.#path.push(i);
      if (!(i in array)) this.#fail("Sparse array: no element", "use null for a missing element");
      out[i] = this.#value(array[i]);
      this.#path.pop();
    }
    if (Object.keys(array).length !== array.length) {
      const extra = Object.keys(array).find((k) => !/^(?:0|[1-9]\d*)$/.test(k));
      this.#fail(`Unsupported array property ${JSON.stringify(extra)}`, "a job argument array carries only its elements");
    }
    return out;
  }

  #hash(object: object): JsonObject {
    const source = object as Record<string, unknown>;
    const out: JsonObject = {};
    for (const key of Object.keys(source)) {
      if (RESERVED_KEYS.has(key)) this.#fail(`Can't serialize a Hash with reserved key ${JSON.stringify(key)}`);
      this.#path.push(key);
      setOwn(out, key, this.#value(source[key]));
      this.#path.pop();
    }
    // Symbol.for keys are Ruby's Symbol keys: stored by name and listed in _aj_symbol_keys.
    const symbolKeys: string[] = [];
    for (const symbol of Object.getOwnPropertySymbols(object)) {
      if (!Object.prototype.propertyIsEnumerable.call(object, symbol)) continue;
      const key = Symbol.keyFor(symbol);
      if (key === undefined) {
        this.#fail(`Only string and symbol hash keys may be serialized as job arguments, but ${String(symbol)} is a Symbol that is not registered (use Symbol.for(${JSON.stringify(symbol.description ?? "")}))`);
      }
      if (RESERVED_KEYS.has(key)) this.#fail(`Can't serialize a Hash with reserved key :${key}`);
      if (Object.hasOwn(out, key)) this.#fail(`Both the String key ${JSON.stringify(key)} and the Symbol key Symbol.for(${JSON.stringify(key)}) are present; Active Job would keep only one`);
      this.#path.push(key);
      setOwn(out, key, this.#value(source[symbol as unknown as string]));
      this.#path.pop();
      symbolKeys.push(key);
    }
    out[SYMBOL_KEYS_KEY] = symbolKeys;
    return out;
  }

  #custom(value: unknown): JsonObject {
    const serializer = this.registry.forValue(value);
    if (serializer === undefined) return this.#fail(`Unsupported argument type: ${constructorName(value)}`);
    const fields = this.#guard(() => serializer.serialize(value));
    const out: JsonObject = { [OBJECT_SERIALIZER_KEY]: serializer.name };
    if (!isPlainObject(fields)) {
      this.#fail(`Serializer ${serializer.name} returned ${describe(fields)} instead of a plain object of fields`);
    }
    for (const key of Object.keys(fields)) {
      if (key === OBJECT_SERIALIZER_KEY) this.#fail(`Serializer ${serializer.name} returned the reserved key "${OBJECT_SERIALIZER_KEY}"`);
      setOwn(out, key, this.#json(serializer, fields[key], [key]));
    }
    return out;
  }

  // A serializer's fields are stored as given (Active Job does not serialize them again), so
  // they must already be JSON; the path names the field inside the serializer's output.
  #json(serializer: Serializer, value: unknown, at: string[], seen = new Set<object>()): JsonValue {
    const bad = (what: string): never =>
      this.#fail(`Serializer ${serializer.name} returned ${what} in field ${at.join(".")}, which is not JSON`);
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : bad(String(value));
    if (typeof value !== "object") return bad(describe(value));
    if (seen.has(value)) return bad("a circular reference");
    seen.add(value);
    try {
      if (Array.isArray(value)) return Array.from(value, (v, i) => this.#json(serializer, v, [...at, String(i)], seen));
      if (!isPlainObject(value)) return bad(describe(value));
      const out: JsonObject = {};
      for (const key of Object.keys(value)) setOwn(out, key, this.#json(serializer, (value as JsonObject)[key], [...at, key], seen));
      return out;
    } finally {
      seen.delete(value);
    }
  }

  // Errors thrown by a serializer or by toGlobalId know nothing of the path; add it.
  #guard<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof SerializationError && error.path === undefined) this.#fail(error.message, undefined, error);
      throw error;
    }
  }

  #fail(message: string, hint?: string, cause?: unknown): never {
    const path = this.#path.format();
    throw new SerializationError(`${message} (at ${path})${hint === undefined ? "" : `; ${hint}`}`, { path, cause });
  }
}

class ArgumentReader {
  readonly path = new Path();

  readonly locate: Locator | undefined;

  constructor(
    readonly registry: SerializerRegistry,
    readonly ctx: DeserializeContext,
  ) {
    this.locate = ctx.locate;
  }

  list(values: readonly JsonValue[]): unknown[] {
    const out: unknown[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      this.path.push(i);
      out[i] = this.#value(values[i]);
      this.path.pop();
    }
    return out;
  }

  #value(value: unknown): unknown {
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (Array.isArray(value)) return this.list(value);
    if (isPlainObject(value)) {
      const hash = value as JsonObject;
      const keys = Object.keys(hash);
      if (keys.length === 1 && keys[0] === GLOBALID_KEY) return this.#record(hash[GLOBALID_KEY]);
      if (Object.hasOwn(hash, OBJECT_SERIALIZER_KEY)) return this.#custom(hash);
      return this.#hash(hash);
    }
    throw new Error(`Can only deserialize primitive arguments: ${inspect(value)}`);
  }

  #hash(hash: JsonObject): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(hash)) {
      this.path.push(key);
      setOwn(out, key, this.#value(hash[key]));
      this.path.pop();
    }
    // Active Job removes one marker, the first present in this order. The keys listed under
    // _aj_symbol_keys or _aj_ruby2_keywords become Symbol keys again (Symbol.for); an
    // indifferent-access hash keeps String keys, as JS has no indifferent access.
    for (const marker of [WITH_INDIFFERENT_ACCESS_KEY, SYMBOL_KEYS_KEY, RUBY2_KEYWORDS_KEY]) {
      if (!Object.hasOwn(out, marker)) continue;
      const listed = out[marker];
      delete out[marker];
      if (marker !== WITH_INDIFFERENT_ACCESS_KEY && Array.isArray(listed)) {
        for (const key of listed) {
          if (typeof key !== "string" || !Object.hasOwn(out, key)) continue;
          const value = out[key];
          delete out[key];
          (out as Record<symbol, unknown>)[Symbol.for(key)] = value;
        }
      }
      break;
    }
    return out;
  }

  // Serializers.deserialize, with Rails' messages (serializers.ts).
  #custom(hash: JsonObject): unknown {
    return this.registry.deserialize(hash, this.ctx);
  }

  #record(uri: JsonValue | undefined): unknown {
    const gid = typeof uri === "string" ? parseGlobalId(uri) : undefined;
    if (gid === undefined) throw new Error(`Invalid GlobalID ${inspect(uri)}: expected "gid://<app>/<Model>/<id>"`);
    if (this.locate === undefined) throw new Error(`Cannot fetch ${uri}: no record locator was given`);
    const record = this.locate(gid.model, gid.id);
    // A custom locator may answer "none" instead of throwing.
    if (record === undefined || record === null) throw new RecordNotFound(gid.model, "id", gid.id);
    return record;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// defineProperty, not assignment: "__proto__" is an ordinary key in JSON and in a Hash.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function constructorName(value: unknown): string {
  if (typeof value === "function") return Object.getPrototypeOf(value)?.constructor?.name || "Function";
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === "string" && name !== "" ? name : "(anonymous class)";
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") {
    const name = constructorName(value);
    return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
  }
  return typeof value === "bigint" ? `${value}n` : typeof value === "string" ? JSON.stringify(value) : String(value);
}
