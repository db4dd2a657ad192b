// Active Job's ObjectSerializer mechanism: a serializer turns one kind of value into a JSON
// object under the `_aj_serialized` marker and back. jobsim's built-ins (Date, bigint) come
// first, as Active Job registers its own serializers before an app's custom ones.
import type { JsonObject } from "./arguments.js";
import { inspect } from "node:util";
import { ArgumentError, SerializationError } from "./errors.js";

const OBJECT_SERIALIZER_KEY = "_aj_serialized";

export interface Serializer<T = unknown> {
  /** The wire name stored under `_aj_serialized` (Active Job stores the serializer's class name). */
  readonly name: string;
  /** Values of exactly this class use this serializer before any `canSerialize` is asked. */
  readonly klass?: abstract new (...args: never[]) => T;
  /** Active Job's `serialize?`; defaults to `value instanceof klass`. */
  canSerialize?(value: unknown): boolean;
  /** The fields stored beside the marker: JSON-safe values only, and not `_aj_serialized`. */
  serialize(value: T): JsonObject;
  /** Receives the whole stored hash, marker included, as Active Job passes it. */
  deserialize(hash: JsonObject, ctx?: ConstantContext): T;
}

/** Finds a class by the name stored for it (Rails' constantize). */
export interface ConstantContext {
  constant?(name: string): unknown;
}

export const TIME_SERIALIZER_NAME = "ActiveJob::Serializers::TimeSerializer";
export const BIGINT_SERIALIZER_NAME = "Jobsim::Serializers::BigIntSerializer";
export const SYMBOL_SERIALIZER_NAME = "ActiveJob::Serializers::SymbolSerializer";
export const MODULE_SERIALIZER_NAME = "ActiveJob::Serializers::ModuleSerializer";

// ISO 8601 as Time#iso8601 writes it: any number of fraction digits, Z or an offset.
const ISO_TIME = /^([+-]\d{6}|\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/;

/** Date <-> TimeSerializer with 9 fraction digits; JS keeps milliseconds, so 6 are zeros. */
export const timeSerializer: Serializer<Date> = {
  name: TIME_SERIALIZER_NAME,
  klass: Date,
  serialize(date) {
    const time = date.getTime();
    if (Number.isNaN(time)) throw new SerializationError("Can't serialize an invalid Date");
    return { value: date.toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z") };
  },
  deserialize(hash) {
    const value = hash["value"];
    const m = typeof value === "string" ? ISO_TIME.exec(value) : null;
    if (m === null) throw new Error(`${TIME_SERIALIZER_NAME} cannot read ${JSON.stringify(value)} as an ISO 8601 time`);
    // Nanoseconds from a Ruby payload are cut to milliseconds, never rounded up into the next ms.
    const ms = (m[7] ?? "").padEnd(3, "0").slice(0, 3);
    const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}${m[8]}`);
    if (Number.isNaN(date.getTime())) throw new Error(`${TIME_SERIALIZER_NAME} cannot read ${JSON.stringify(value)}: not a real time`);
    return date;
  },
};

/** bigint as a decimal string: a JSON number would come back as a (rounded) number. */
export const bigintSerializer: Serializer<bigint> = {
  name: BIGINT_SERIALIZER_NAME,
  canSerialize: (value) => typeof value === "bigint",
  serialize: (value) => ({ value: value.toString() }),
  deserialize(hash) {
    const value = hash["value"];
    if (typeof value !== "string" || !/^-?\d+$/.test(value)) {
      throw new Error(`${BIGINT_SERIALIZER_NAME} cannot read ${JSON.stringify(value)} as an integer`);
    }
    return BigInt(value);
  },
};

/**
 * A Ruby Symbol is a registered JS symbol: Symbol.for("low") is :low and comes back as itself. A
 * local Symbol("low") is not one (it would not come back equal), so it is refused.
 */
export const symbolSerializer: Serializer<symbol> = {
  name: SYMBOL_SERIALIZER_NAME,
  canSerialize: (value) => typeof value === "symbol",
  serialize(value) {
    const name = Symbol.keyFor(value);
    if (name === undefined) throw new SerializationError(`Unsupported argument type: Symbol (${String(value)} is not a registered symbol: use Symbol.for(${JSON.stringify(value.description ?? "")}), Ruby's :${value.description ?? ""})`);
    return { value: name };
  },
  deserialize(hash) {
    const value = hash["value"];
    if (typeof value !== "string") throw new Error(`${SYMBOL_SERIALIZER_NAME} cannot read ${JSON.stringify(value)} as a symbol name`);
    return Symbol.for(value);
  },
};

/** A class is stored by its name (Rails' Module serializer) and found again by name. */
export const moduleSerializer: Serializer<Function> = {
  name: MODULE_SERIALIZER_NAME,
  canSerialize: (value) => isClass(value),
  serialize(value) {
    const name = className(value);
    if (name === "") throw new SerializationError("Serializing an anonymous class is not supported");
    return { value: name };
  },
  deserialize(hash, ctx) {
    const name = hash["value"];
    if (typeof name !== "string") throw new Error(`${MODULE_SERIALIZER_NAME} cannot read ${JSON.stringify(name)} as a class name`);
    const found = ctx?.constant?.(name) ?? nativeClass(name);
    // Rails' constantize raises NameError with this text.
    if (typeof found !== "function") throw new Error(`uninitialized constant ${name}`);
    return found;
  },
};

/** A class (not a plain or arrow function): `class` syntax, or a built-in constructor such as Error. */
export function isClass(value: unknown): value is Function {
  if (typeof value !== "function" || typeof value.prototype !== "object" || value.prototype === null) return false;
  const source = Function.prototype.toString.call(value);
  return source.startsWith("class") || (/\[native code\]/.test(source) && /^[A-Z]/.test(value.name));
}

// The name Rails would store: a job class's jobClassName, a model's modelName, else its name.
function className(cls: Function): string {
  const c = cls as Function & { jobClassName?: unknown; modelName?: unknown };
  if (typeof c.jobClassName === "string") return c.jobClassName;
  if (typeof c.modelName === "string") return c.modelName;
  return cls.name;
}

function nativeClass(name: string): unknown {
  const value = (globalThis as Record<string, unknown>)[name];
  return isClass(value) ? value : undefined;
}

const BUILT_INS: readonly Serializer[] = [
  timeSerializer as Serializer,
  bigintSerializer as Serializer,
  symbolSerializer as Serializer,
  moduleSerializer as Serializer,
];

/**
 * A set of custom serializers. Lookup for a value: exact class (this registry, then its
 * parent), then the built-ins, then the first `canSerialize` match (this registry's in
 * registration order, then the parent's). Pass `defaultSerializers` as the parent to extend
 * the process-wide set, or nothing for an isolated one.
 */
export class SerializerRegistry {
  readonly #own: Serializer[] = [];
  readonly #byName = new Map<string, Serializer>();

  constructor(readonly parent?: SerializerRegistry) {}

  /** Adding the same serializer again is a no-op; a different one under a taken name is an error. */
  add<T>(...serializers: Serializer<T>[]): this {
    for (const s of serializers as Serializer[]) {
      if (typeof s.name !== "string" || s.name === "") throw new TypeError("A serializer needs a non-empty name");
      if (s.klass === undefined && s.canSerialize === undefined) {
        throw new TypeError(`Serializer ${s.name} needs a klass or a canSerialize function`);
      }
      if (BUILT_INS.some((b) => b.name === s.name)) throw new TypeError(`Serializer name ${s.name} is built in`);
      const existing = this.#byName.get(s.name);
      if (existing === s) continue;
      if (existing !== undefined) throw new TypeError(`Another serializer is already registered as ${s.name}`);
      this.#own.push(s);
      this.#byName.set(s.name, s);
    }
    return this;
  }

  has(serializer: { readonly name: string }): boolean {
    return this.#byName.get(serializer.name) === serializer || (this.parent?.has(serializer) ?? false);
  }

  /** This registry's own serializers, in registration order. */
  list(): readonly Serializer[] {
    return [...this.#own];
  }

  /** Drops this registry's own serializers (tests that register into the default one). */
  clear(): void {
    this.#own.length = 0;
    this.#byName.clear();
  }

  /** The serializer stored under `name` (for deserialization), built-ins included. */
  named(name: string): Serializer | undefined {
    return BUILT_INS.find((b) => b.name === name) ?? this.#byName.get(name) ?? this.parent?.named(name);
  }

  /**
   * Active Job's `Serializers.deserialize(hash)`: the hash's `_aj_serialized` names the
   * serializer. Errors are ArgumentErrors with Rails' messages.
   */
  deserialize(hash: JsonObject, ctx: ConstantContext = {}): unknown {
    const name = hash === null || typeof hash !== "object" ? undefined : hash[OBJECT_SERIALIZER_KEY];
    if (name === undefined || name === null || name === false) throw new ArgumentError(`Serializer name is not present in the argument: ${inspect(hash)}`);
    const serializer = typeof name === "string" ? this.named(name) : undefined;
    if (serializer === undefined) throw new ArgumentError(`Serializer ${typeof name === "string" ? name : inspect(name)} is not known`);
    return serializer.deserialize(hash, ctx);
  }

  /** The serializer for a value that is not a JSON primitive, array, plain object or record. */
  forValue(value: unknown): Serializer | undefined {
    const ctor = value !== null && (typeof value === "object" || typeof value === "function")
      ? (Object.getPrototypeOf(value)?.constructor as unknown)
      : undefined;
    if (ctor !== undefined) {
      const exact = this.#exact(ctor);
      if (exact !== undefined) return exact;
    }
    for (const b of BUILT_INS) if (matches(b, value)) return b;
    return this.#matching(value);
  }

  #exact(ctor: unknown): Serializer | undefined {
    return this.#own.find((s) => s.klass === ctor) ?? (this.parent === undefined ? undefined : this.parent.#exact(ctor));
  }

  #matching(value: unknown): Serializer | undefined {
    return this.#own.find((s) => matches(s, value)) ?? (this.parent === undefined ? undefined : this.parent.#matching(value));
  }
}

function matches(s: Serializer, value: unknown): boolean {
  if (s.canSerialize !== undefined) return s.canSerialize(value);
  return s.klass !== undefined && value instanceof s.klass;
}

/** The process-wide registry; used when no registry is passed. */
export const defaultSerializers = new SerializerRegistry();
