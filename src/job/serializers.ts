// Active Job's ObjectSerializer mechanism: a serializer turns one kind of value into a JSON
// object under the `_aj_serialized` marker and back. jobsim's built-ins (Date, bigint) come
// first, as Active Job registers its own serializers before an app's custom ones.
import type { JsonObject } from "./arguments.js";
import { SerializationError } from "./errors.js";

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
  deserialize(hash: JsonObject): T;
}

export const TIME_SERIALIZER_NAME = "ActiveJob::Serializers::TimeSerializer";
export const BIGINT_SERIALIZER_NAME = "Jobsim::Serializers::BigIntSerializer";

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

const BUILT_INS: readonly Serializer[] = [timeSerializer as Serializer, bigintSerializer as Serializer];

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
