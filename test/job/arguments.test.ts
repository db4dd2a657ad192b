import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import initSqlJs from "sql.js";
import type { Database, SqlValue } from "sql.js";
import { deserializeArguments, serializeArguments } from "../../src/job/arguments.js";
import type { JsonObject, JsonValue } from "../../src/job/arguments.js";
import {
  DeserializationError,
  RecordNotFound,
  RecordNotFoundDeserializationError,
  SerializationError,
} from "../../src/job/errors.js";
import { ArgumentError } from "../../src/job/errors.js";
import { ModelRecord, ModelRegistry, defineModel, makeLocator } from "../../src/job/model.js";
import type { Locator, SqlReader } from "../../src/job/model.js";
import { SerializerRegistry, defaultSerializers } from "../../src/job/serializers.js";
import type { Serializer } from "../../src/job/serializers.js";

const TIME = "ActiveJob::Serializers::TimeSerializer";
const BIGINT = "Jobsim::Serializers::BigIntSerializer";

class Money {
  constructor(
    readonly cents: number,
    readonly currency: string,
  ) {}
}
class Euro extends Money {
  constructor(cents: number) {
    super(cents, "EUR");
  }
}
class Foo {}

const moneySerializer: Serializer<Money> = {
  name: "MoneySerializer",
  klass: Money,
  serialize: (m) => ({ cents: m.cents, currency: m.currency }),
  deserialize: (h) => new Money(h["cents"] as number, h["currency"] as string),
};

function roundTrip(args: unknown[], registry?: SerializerRegistry, locate?: Locator): unknown[] {
  const stored: JsonValue[] = JSON.parse(JSON.stringify(serializeArguments(args, registry)));
  return deserializeArguments(stored, { registry, locate });
}

function serializationError(args: unknown[], registry?: SerializerRegistry): SerializationError {
  try {
    serializeArguments(args, registry);
  } catch (error) {
    expect(error).toBeInstanceOf(SerializationError);
    return error as SerializationError;
  }
  throw new Error("expected a SerializationError");
}

function deserializationError(stored: unknown[], ctx: Parameters<typeof deserializeArguments>[1] = {}): DeserializationError {
  try {
    deserializeArguments(stored as JsonValue[], ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(DeserializationError);
    return error as DeserializationError;
  }
  throw new Error("expected a DeserializationError");
}

describe("wire format", () => {
  it("passes null, booleans, finite numbers and strings through as they are", () => {
    expect(serializeArguments([null, true, false, 1, 1.5, -3, 1e300, "", "héllo"])).toEqual([
      null, true, false, 1, 1.5, -3, 1e300, "", "héllo",
    ]);
  });

  it("serializes arrays element by element", () => {
    expect(serializeArguments([[1, [2, "x"]], []])).toEqual([[1, [2, "x"]], []]);
  });

  it("serializes a plain object as a String-keyed Hash, _aj_symbol_keys last", () => {
    const [hash] = serializeArguments([{ b: 1, a: { c: [true] } }]) as JsonObject[];
    expect(JSON.stringify(hash)).toBe('{"b":1,"a":{"c":[true],"_aj_symbol_keys":[]},"_aj_symbol_keys":[]}');
    expect(JSON.stringify(serializeArguments([{}]))).toBe('[{"_aj_symbol_keys":[]}]');
  });

  it("serializes a null-prototype object like a plain one", () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(serializeArguments([bare])).toEqual([{ a: 1, _aj_symbol_keys: [] }]);
  });

  it("serializes a Date with TimeSerializer, marker first, 9 fraction digits in UTC", () => {
    const [time] = serializeArguments([new Date(Date.UTC(2002, 9, 31, 2, 2, 2, 123))]);
    expect(JSON.stringify(time)).toBe(`{"_aj_serialized":"${TIME}","value":"2002-10-31T02:02:02.123000000Z"}`);
  });

  it("serializes a bigint as a decimal string under jobsim's BigIntSerializer", () => {
    expect(serializeArguments([10n ** 21n, -5n])).toEqual([
      { _aj_serialized: BIGINT, value: "1000000000000000000000" },
      { _aj_serialized: BIGINT, value: "-5" },
    ]);
  });

  it("writes -0 as 0, which is what JSON text keeps", () => {
    expect(Object.is(serializeArguments([-0])[0], 0)).toBe(true);
  });

  it("keeps a shared (non-circular) value, writing it at each place", () => {
    const shared = { n: 1 };
    expect(serializeArguments([[shared, shared]])).toEqual([[{ n: 1, _aj_symbol_keys: [] }, { n: 1, _aj_symbol_keys: [] }]]);
  });

  it("keeps a GlobalID string argument a string", () => {
    expect(roundTrip(["gid://jobsim/Order/1"])).toEqual(["gid://jobsim/Order/1"]);
  });
});

describe("round trips", () => {
  it("restores every supported type with deep equality, through JSON text", () => {
    const args = [
      null, true, false, 0, 42, -1.25, "str",
      [1, [2, [3]]],
      { a: 1, nested: { list: [null, "x"], when: new Date(Date.UTC(2024, 0, 1, 12, 0, 0, 5)) } },
      new Date(Date.UTC(1969, 6, 20, 20, 17, 40, 999)),
      12345678901234567890123456789n,
    ];
    expect(roundTrip(args)).toStrictEqual(args);
  });

  it("keeps bigint a bigint and Date a Date at millisecond precision", () => {
    const [big, small, date] = roundTrip([2n ** 80n, 5n, new Date(1_700_000_000_123)]);
    expect(typeof big).toBe("bigint");
    expect(big).toBe(2n ** 80n);
    expect(small).toBe(5n);
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).getTime()).toBe(1_700_000_000_123);
  });

  it("keeps dates far from the epoch", () => {
    const dates = [new Date(Date.UTC(-500, 0, 1)), new Date(Date.UTC(12000, 5, 6, 7, 8, 9, 10)), new Date(0)];
    expect(roundTrip(dates)).toStrictEqual(dates);
  });

  it('keeps a "__proto__" key as an ordinary key', () => {
    const hash = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const [back] = roundTrip([hash]) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back!)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("refused at serialization", () => {
  it.each([
    [[undefined], "Unsupported argument type: undefined (at arguments[0]); use null for a missing value"],
    [[1, { note: undefined }], "Unsupported argument type: undefined (at arguments[1].note); use null for a missing value"],
    [[NaN], "Unsupported argument type: NaN (at arguments[0]); only finite numbers can be stored as JSON"],
    [[[Infinity]], "Unsupported argument type: Infinity (at arguments[0][0]); only finite numbers can be stored as JSON"],
    [[{ x: -Infinity }], "Unsupported argument type: -Infinity (at arguments[0].x); only finite numbers can be stored as JSON"],
    [[() => 1], "Unsupported argument type: Function (at arguments[0])"],
    [[async () => 1], "Unsupported argument type: AsyncFunction (at arguments[0])"],
    [[class {}.bind(null)], "Unsupported argument type: Function (at arguments[0])"],
    [[Symbol("s")], 'Unsupported argument type: Symbol (Symbol(s) is not a registered symbol: use Symbol.for("s"), Ruby\'s :s) (at arguments[0])'],
    [[(() => class {})()], "Serializing an anonymous class is not supported (at arguments[0])"],
    [[1, { items: new Map() }], "Unsupported argument type: Map (at arguments[1].items)"],
    [[new Set([1])], "Unsupported argument type: Set (at arguments[0])"],
    [[1, [new Foo()]], "Unsupported argument type: Foo (at arguments[1][0])"],
    [[new (class {})()], "Unsupported argument type: (anonymous class) (at arguments[0])"],
    [[new Uint8Array(2)], "Unsupported argument type: Uint8Array (at arguments[0])"],
    [[{ "a b": { "0": new Error("x") } }], 'Unsupported argument type: Error (at arguments[0]["a b"]["0"])'],
    [[new Date(NaN)], "Can't serialize an invalid Date (at arguments[0])"],
    // eslint-disable-next-line no-sparse-arrays
    [[[1, , 3]], "Sparse array: no element (at arguments[0][1]); use null for a missing element"],
    [[Object.assign([1], { extra: 2 })], 'Unsupported array property "extra" (at arguments[0]); a job argument array carries only its elements'],
  ] as [unknown[], string][])("refuses %o", (args, message) => {
    const error = serializationError(args);
    expect(error.message).toBe(message);
    expect(error.name).toBe("SerializationError");
  });

  it("refuses a Symbol key that is not registered, nested, at the object that has it", () => {
    const error = serializationError([1, { a: [{ ok: 1, [Symbol("tag")]: 2 }] }]);
    expect(error.message).toBe(
      'Only string and symbol hash keys may be serialized as job arguments, but Symbol(tag) is a Symbol that is not registered (use Symbol.for("tag")) (at arguments[1].a[0])',
    );
    expect(error.path).toBe("arguments[1].a[0]");
  });

  it("ignores non-enumerable symbol keys, which no copy or JSON sees either", () => {
    const hidden = Object.defineProperty({ a: 1 }, Symbol("meta"), { value: 1, enumerable: false });
    expect(serializeArguments([hidden])).toEqual([{ a: 1, _aj_symbol_keys: [] }]);
  });

  it.each(["_aj_globalid", "_aj_symbol_keys", "_aj_ruby2_keywords", "_aj_serialized", "_aj_hash_with_indifferent_access"])(
    "refuses the reserved key %s",
    (key) => {
      expect(serializationError([{ opts: { [key]: 1 } }]).message).toBe(`Can't serialize a Hash with reserved key "${key}" (at arguments[0].opts)`);
    },
  );

  it("refuses cycles, naming where the cycle closes", () => {
    const self: Record<string, unknown> = { a: 1 };
    self["self"] = self;
    expect(serializationError([self]).message).toBe("Circular reference at arguments[0].self");
    const list: unknown[] = [1];
    list.push({ back: list });
    expect(serializationError([0, list]).message).toBe("Circular reference at arguments[1][1].back");
    const args: unknown[] = [];
    args.push(args);
    expect(serializationError(args).path).toBe("arguments[0]");
  });

  it("refuses a list that is not an array", () => {
    expect(() => serializeArguments("x" as unknown as unknown[])).toThrow('Job arguments must be an array, got "x"');
  });
});

describe("custom serializers", () => {
  afterEach(() => defaultSerializers.clear());

  it("stores the marker first, then the serializer's fields, and reads them back", () => {
    const registry = new SerializerRegistry().add(moneySerializer);
    const [money] = serializeArguments([new Money(1999, "USD")], registry);
    expect(JSON.stringify(money)).toBe('{"_aj_serialized":"MoneySerializer","cents":1999,"currency":"USD"}');
    const [back] = roundTrip([{ price: new Money(1999, "USD") }], registry) as { price: Money }[];
    expect(back!.price).toBeInstanceOf(Money);
    expect(back!.price).toStrictEqual(new Money(1999, "USD"));
  });

  it("gives deserialize the whole stored hash, marker included", () => {
    const seen: JsonObject[] = [];
    const registry = new SerializerRegistry().add({ ...moneySerializer, deserialize: (h) => (seen.push(h), new Money(0, "X")) });
    roundTrip([new Money(1, "USD")], registry);
    expect(seen).toEqual([{ _aj_serialized: "MoneySerializer", cents: 1, currency: "USD" }]);
  });

  it("matches subclasses through instanceof; the subclass comes back as what deserialize builds", () => {
    const registry = new SerializerRegistry().add(moneySerializer);
    const [back] = roundTrip([new Euro(5)], registry);
    expect(back).toStrictEqual(new Money(5, "EUR"));
  });

  it("prefers a serializer for the exact class over an earlier instanceof match", () => {
    const euroSerializer: Serializer<Euro> = {
      name: "EuroSerializer",
      klass: Euro,
      serialize: (e) => ({ cents: e.cents }),
      deserialize: (h) => new Euro(h["cents"] as number),
    };
    const registry = new SerializerRegistry().add(moneySerializer, euroSerializer);
    expect(serializeArguments([new Euro(5), new Money(5, "EUR")], registry)).toEqual([
      { _aj_serialized: "EuroSerializer", cents: 5 },
      { _aj_serialized: "MoneySerializer", cents: 5, currency: "EUR" },
    ]);
    expect(roundTrip([new Euro(5)], registry)[0]).toBeInstanceOf(Euro);
  });

  it("asks canSerialize, in registration order, when no exact class matches", () => {
    const point = (name: string): Serializer<{ x: number }> => ({
      name,
      canSerialize: (v) => v instanceof Object && "x" in v,
      serialize: (p) => ({ x: p.x }),
      deserialize: (h) => ({ x: h["x"] as number }),
    });
    class Point {
      constructor(readonly x: number) {}
    }
    const registry = new SerializerRegistry().add(point("First"), point("Second"));
    expect(serializeArguments([new Point(3)], registry)).toEqual([{ _aj_serialized: "First", x: 3 }]);
  });

  it("lets an exact-class serializer for Date replace the built-in one", () => {
    const registry = new SerializerRegistry().add({
      name: "EpochSerializer",
      klass: Date,
      serialize: (d) => ({ ms: d.getTime() }),
      deserialize: (h) => new Date(h["ms"] as number),
    });
    expect(serializeArguments([new Date(5)], registry)).toEqual([{ _aj_serialized: "EpochSerializer", ms: 5 }]);
  });

  it("treats adding the same serializer twice as a no-op", () => {
    const registry = new SerializerRegistry().add(moneySerializer).add(moneySerializer);
    expect(registry.list()).toEqual([moneySerializer]);
    expect(registry.has(moneySerializer)).toBe(true);
  });

  it("refuses a different serializer under a taken or built-in name, or one that matches nothing", () => {
    const registry = new SerializerRegistry().add(moneySerializer);
    expect(() => registry.add({ ...moneySerializer })).toThrow("Another serializer is already registered as MoneySerializer");
    expect(() => registry.add({ ...moneySerializer, name: TIME })).toThrow(`Serializer name ${TIME} is built in`);
    const { klass: _, ...noKlass } = moneySerializer;
    expect(() => registry.add({ ...noKlass, name: "Loose" })).toThrow("Serializer Loose needs a klass or a canSerialize function");
  });

  it("uses the process-wide registry when none is passed", () => {
    expect(serializationError([new Money(1, "USD")]).message).toBe("Unsupported argument type: Money (at arguments[0])");
    defaultSerializers.add(moneySerializer);
    expect(roundTrip([new Money(1, "USD")])).toStrictEqual([new Money(1, "USD")]);
  });

  it("keeps per-simulation registries apart; one built on the default sees the default's", () => {
    defaultSerializers.add(moneySerializer);
    const isolated = new SerializerRegistry();
    const extended = new SerializerRegistry(defaultSerializers);
    expect(serializationError([new Money(1, "USD")], isolated).message).toBe("Unsupported argument type: Money (at arguments[0])");
    expect(roundTrip([new Money(1, "USD")], extended)).toStrictEqual([new Money(1, "USD")]);
    const fooSerializer: Serializer<Foo> = { name: "FooSerializer", klass: Foo, serialize: () => ({}), deserialize: () => new Foo() };
    extended.add(fooSerializer);
    expect(defaultSerializers.has(fooSerializer)).toBe(false);
    expect(serializationError([new Foo()]).message).toBe("Unsupported argument type: Foo (at arguments[0])");
  });

  it("prefers a per-simulation serializer over its parent's for the same value", () => {
    defaultSerializers.add(moneySerializer);
    const local: Serializer<Money> = { ...moneySerializer, name: "LocalMoney", serialize: (m) => ({ c: m.cents }) };
    const registry = new SerializerRegistry(defaultSerializers).add(local);
    expect(serializeArguments([new Money(2, "USD")], registry)).toEqual([{ _aj_serialized: "LocalMoney", c: 2 }]);
  });

  it("refuses fields that are not JSON, or that take the marker key", () => {
    const dated = new SerializerRegistry().add({ ...moneySerializer, serialize: (m) => ({ when: new Date(m.cents) as unknown as JsonValue }) });
    expect(serializationError([[new Money(1, "USD")]], dated).message).toBe(
      "Serializer MoneySerializer returned a Date in field when, which is not JSON (at arguments[0][0])",
    );
    const deep = new SerializerRegistry().add({ ...moneySerializer, serialize: () => ({ list: [1, { n: NaN }] }) });
    expect(serializationError([new Money(1, "USD")], deep).message).toBe(
      "Serializer MoneySerializer returned NaN in field list.1.n, which is not JSON (at arguments[0])",
    );
    const marker = new SerializerRegistry().add({ ...moneySerializer, serialize: () => ({ _aj_serialized: "Other" }) });
    expect(serializationError([new Money(1, "USD")], marker).message).toBe(
      'Serializer MoneySerializer returned the reserved key "_aj_serialized" (at arguments[0])',
    );
    const notHash = new SerializerRegistry().add({ ...moneySerializer, serialize: () => [1] as unknown as JsonObject });
    expect(serializationError([new Money(1, "USD")], notHash).message).toBe(
      "Serializer MoneySerializer returned an Array instead of a plain object of fields (at arguments[0])",
    );
  });

  it("adds the path to a SerializationError thrown by a serializer", () => {
    const strict = new SerializerRegistry().add({
      ...moneySerializer,
      serialize: (m) => {
        if (m.cents < 0) throw new SerializationError("Money must not be negative");
        return { cents: m.cents };
      },
    });
    const error = serializationError([{ refund: new Money(-1, "USD") }], strict);
    expect(error.message).toBe("Money must not be negative (at arguments[0].refund)");
    expect((error.cause as Error).message).toBe("Money must not be negative");
  });
});

describe("deserialization errors", () => {
  const PREFIX = "Error while trying to deserialize arguments: ";

  it("wraps an unknown serializer name", () => {
    const error = deserializationError([{ _aj_serialized: "Nope", value: 1 }]);
    expect(error.message).toBe(`${PREFIX}Serializer Nope is not known`);
    expect(error.name).toBe("DeserializationError");
    expect((error.cause as Error).message).toBe("Serializer Nope is not known");
    expect(error.path).toBe("arguments[0]");
  });

  it("does not know Active Job serializers jobsim never writes", () => {
    const range = { _aj_serialized: "ActiveJob::Serializers::RangeSerializer", begin: 1, end: 2, exclude_end: false };
    expect(deserializationError([range]).message).toBe(`${PREFIX}Serializer ActiveJob::Serializers::RangeSerializer is not known`);
  });

  it("wraps a marker without a name", () => {
    expect(deserializationError([{ _aj_serialized: null, value: 1 }]).message).toBe(
      `${PREFIX}Serializer name is not present in the argument: { _aj_serialized: null, value: 1 }`,
    );
  });

  it.each([
    [new Map(), "Map(0) {}"],
    [undefined, "undefined"],
    [NaN, "NaN"],
    [5n, "5n"],
    [new Date(0), "1970-01-01T00:00:00.000Z"],
  ])("refuses the non-primitive %o", (junk, shown) => {
    expect(deserializationError([1, [junk]]).message).toBe(`${PREFIX}Can only deserialize primitive arguments: ${shown}`);
  });

  it("wraps a failure deep inside nested values once, with the original as cause", () => {
    const error = deserializationError([1, { a: [{ b: { _aj_serialized: "Nope" } }] }]);
    expect(error.message).toBe(`${PREFIX}Serializer Nope is not known`);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).not.toBeInstanceOf(DeserializationError);
    expect(error.path).toBe("arguments[1].a[0].b");
  });

  it("does not wrap a DeserializationError from a nested deserialization again", () => {
    const box: Serializer<{ inner: unknown[] }> = {
      name: "BoxSerializer",
      canSerialize: () => false,
      serialize: () => ({}),
      deserialize: (h) => ({ inner: deserializeArguments(h["inner"] as JsonValue[]) }),
    };
    const registry = new SerializerRegistry().add(box);
    const error = deserializationError([{ _aj_serialized: "BoxSerializer", inner: [{ _aj_serialized: "Nope" }] }], { registry });
    expect(error.message).toBe(`${PREFIX}Serializer Nope is not known`);
    expect(error.cause).not.toBeInstanceOf(DeserializationError);
  });

  it("wraps what a custom deserialize throws", () => {
    const registry = new SerializerRegistry().add({ ...moneySerializer, deserialize: () => { throw new RangeError("bad cents"); } });
    const error = deserializationError([{ _aj_serialized: "MoneySerializer", cents: 1 }], { registry });
    expect(error.message).toBe(`${PREFIX}bad cents`);
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it("refuses a stored value that is not a time or an integer for the built-ins", () => {
    expect(deserializationError([{ _aj_serialized: TIME, value: "yesterday" }]).message).toBe(
      `${PREFIX}${TIME} cannot read "yesterday" as an ISO 8601 time`,
    );
    expect(deserializationError([{ _aj_serialized: BIGINT, value: "1.5" }]).message).toBe(
      `${PREFIX}${BIGINT} cannot read "1.5" as an integer`,
    );
  });

  it("refuses a stored list that is not an array", () => {
    expect(deserializeArguments.bind(null, {} as JsonValue[])).toThrow(`${PREFIX}Stored arguments must be an array, got {}`);
  });
});

describe("reading Active Job payloads", () => {
  it("drops the hash markers; keys listed as symbol or keyword keys come back as Symbol.for keys (§6.1)", () => {
    const stored: JsonValue[] = [
      { a: 1, b: 2, _aj_symbol_keys: ["a"] },
      { a: 1, _aj_ruby2_keywords: ["a"] },
      { a: 1, _aj_hash_with_indifferent_access: true },
      { a: 1 },
    ];
    const a = Symbol.for("a");
    expect(deserializeArguments(stored)).toStrictEqual([{ [a]: 1, b: 2 }, { [a]: 1 }, { a: 1 }, { a: 1 }]);
  });

  it("reads times with nanoseconds (cut to milliseconds) and with offsets", () => {
    const [nanos, offset, whole] = deserializeArguments([
      { _aj_serialized: TIME, value: "2002-10-31T02:02:02.123956789Z" },
      { _aj_serialized: TIME, value: "2002-10-31T03:02:02.5+01:00" },
      { _aj_serialized: TIME, value: "2002-10-31T02:02:02Z" },
    ]) as Date[];
    expect(nanos!.toISOString()).toBe("2002-10-31T02:02:02.123Z");
    expect(offset!.toISOString()).toBe("2002-10-31T02:02:02.500Z");
    expect(whole!.toISOString()).toBe("2002-10-31T02:02:02.000Z");
  });

  it("reads a hash holding _aj_globalid beside other keys as a plain hash", () => {
    expect(deserializeArguments([{ _aj_globalid: "gid://jobsim/Order/1", note: "x" }])).toEqual([
      { _aj_globalid: "gid://jobsim/Order/1", note: "x" },
    ]);
  });
});

describe("records", () => {
  interface OrderRow {
    id: number;
    total: number;
  }
  const Order = defineModel<OrderRow>("Order", { table: "orders" });
  let SQL: Awaited<ReturnType<typeof initSqlJs>>;
  let db: Database;
  let reader: SqlReader;
  let locate: Locator;

  beforeAll(async () => {
    SQL = await initSqlJs();
  });

  beforeEach(() => {
    db = new SQL.Database();
    db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL); INSERT INTO orders VALUES (1, 250), (2, 990);");
    reader = {
      one(sql, params = []) {
        const statement = db.prepare(sql);
        try {
          statement.bind(params as SqlValue[]);
          return statement.step() ? statement.getAsObject() : undefined;
        } finally {
          statement.free();
        }
      },
    };
    locate = makeLocator(reader, new ModelRegistry([Order]));
  });

  it("stores a record as its GlobalID", () => {
    expect(serializeArguments([Order.find(reader, 1), { order: Order.find(reader, 2) }])).toEqual([
      { _aj_globalid: "gid://jobsim/Order/1" },
      { order: { _aj_globalid: "gid://jobsim/Order/2" }, _aj_symbol_keys: [] },
    ]);
  });

  it("fetches records again when reading the arguments", () => {
    const order = Order.find(reader, 1);
    const stored = serializeArguments([order, [order]]);
    db.run("UPDATE orders SET total = 300 WHERE id = 1");
    const [again, [nested]] = deserializeArguments(stored, { locate }) as [typeof order, [typeof order]];
    expect(again).toBeInstanceOf(Order);
    expect(again).not.toBe(order);
    expect(again).toStrictEqual(Order.find(reader, 1));
    expect(again.total).toBe(300);
    expect(nested).toStrictEqual(again);
  });

  it("refuses a record without an id, with the path", () => {
    expect(serializationError([{ order: new Order({ total: 5 }) }]).message).toBe(
      "Unable to serialize Order without an id. (Maybe you forgot to call save?) (at arguments[0].order)",
    );
  });

  it("refuses a ModelRecord that no defineModel made", () => {
    expect(serializationError([new ModelRecord({ id: 1 })]).message).toBe(
      "ModelRecord is a ModelRecord not made by defineModel, so it has no model name (at arguments[0])",
    );
  });

  it("raises RecordNotFoundDeserializationError for a record deleted before the job runs", () => {
    const stored = serializeArguments([1, { order: Order.find(reader, 2) }]);
    db.run("DELETE FROM orders WHERE id = 2");
    const error = deserializationError(stored, { locate });
    expect(error).toBeInstanceOf(RecordNotFoundDeserializationError);
    expect(error.name).toBe("RecordNotFoundDeserializationError");
    expect(error.message).toBe("Error while trying to deserialize arguments: Couldn't find Order with 'id'=2");
    expect(error.cause).toBeInstanceOf(RecordNotFound);
    expect(error.path).toBe("arguments[1].order");
  });

  it("treats a locator answering null as a missing record", () => {
    const error = deserializationError([{ _aj_globalid: "gid://jobsim/Order/9" }], { locate: () => null });
    expect(error).toBeInstanceOf(RecordNotFoundDeserializationError);
    expect(error.message).toBe("Error while trying to deserialize arguments: Couldn't find Order with 'id'=9");
  });

  it("gives a plain DeserializationError for other locator failures", () => {
    const unknown = deserializationError([{ _aj_globalid: "gid://jobsim/User/1" }], { locate });
    expect(unknown).not.toBeInstanceOf(RecordNotFoundDeserializationError);
    expect(unknown.message).toBe("Error while trying to deserialize arguments: Unknown model User: the locator knows Order");
    expect(deserializationError([{ _aj_globalid: "gid://jobsim/Order/1" }]).message).toBe(
      "Error while trying to deserialize arguments: Cannot fetch gid://jobsim/Order/1: no record locator was given",
    );
    expect(deserializationError([{ _aj_globalid: "Order/1" }], { locate }).message).toBe(
      `Error while trying to deserialize arguments: Invalid GlobalID 'Order/1': expected "gid://<app>/<Model>/<id>"`,
    );
  });
});

describe("Ruby's Symbols, classes and String subclasses (§6.1)", () => {
  const SYMBOL = "ActiveJob::Serializers::SymbolSerializer";
  const MODULE = "ActiveJob::Serializers::ModuleSerializer";

  it("stores Symbol.for values through the SymbolSerializer and reads them back as the same symbols", () => {
    const stored = serializeArguments([Symbol.for("low"), [Symbol.for("a")]]);
    expect(stored).toEqual([{ _aj_serialized: SYMBOL, value: "low" }, [{ _aj_serialized: SYMBOL, value: "a" }]]);
    expect(deserializeArguments(stored)).toEqual([Symbol.for("low"), [Symbol.for("a")]]);
  });

  it("stores Symbol.for keys by name, listed in _aj_symbol_keys, and restores them as Symbol keys ([a: 1, 'b' => 2])", () => {
    const a = Symbol.for("a");
    const stored = serializeArguments([{ [a]: 1, b: 2 }]);
    expect(JSON.stringify(stored)).toBe('[{"b":2,"a":1,"_aj_symbol_keys":["a"]}]');
    const [back] = deserializeArguments(stored) as [Record<string | symbol, unknown>];
    expect(back[a]).toBe(1);
    expect(back["b"]).toBe(2);
    expect(Object.keys(back)).toEqual(["b"]);
  });

  it("refuses a String key and a Symbol key of the same name in one object, and a reserved Symbol key", () => {
    expect(serializationError([{ a: 1, [Symbol.for("a")]: 2 }]).message).toBe(
      'Both the String key "a" and the Symbol key Symbol.for("a") are present; Active Job would keep only one (at arguments[0])',
    );
    expect(serializationError([{ [Symbol.for("_aj_globalid")]: 1 }]).message).toBe("Can't serialize a Hash with reserved key :_aj_globalid (at arguments[0])");
  });

  it("stores a class by its name and finds it again: built-ins by themselves, others through the context's constant lookup", () => {
    class Invoice {}
    const stored = serializeArguments([TypeError, Invoice]);
    expect(stored).toEqual([{ _aj_serialized: MODULE, value: "TypeError" }, { _aj_serialized: MODULE, value: "Invoice" }]);
    expect(deserializeArguments(stored, { constant: (name) => (name === "Invoice" ? Invoice : undefined) })).toEqual([TypeError, Invoice]);
  });

  it("an unknown class name is Rails' NameError text, wrapped once", () => {
    const error = deserializationError([{ _aj_serialized: MODULE, value: "Nope" }]);
    expect(error.message).toBe("Error while trying to deserialize arguments: uninitialized constant Nope");
    expect((error.cause as Error).message).toBe("uninitialized constant Nope");
  });

  it("stores a String subclass without a serializer as the plain string; one with a serializer uses it", () => {
    class Slug extends String {}
    class Email extends String {}
    const registry = new SerializerRegistry(defaultSerializers).add<Email>({
      name: "EmailSerializer",
      klass: Email,
      serialize: (e) => ({ address: e.valueOf() }),
      deserialize: (h) => new Email(String(h["address"])),
    });
    expect(serializeArguments([new Slug("hello-world"), Object("boxed")])).toEqual(["hello-world", "boxed"]);
    expect(serializeArguments([new Email("a@b.c")], registry)).toEqual([{ _aj_serialized: "EmailSerializer", address: "a@b.c" }]);
  });

  it("deserialize(hash): Active Job's Serializers.deserialize, with Rails' ArgumentError messages", () => {
    expect(defaultSerializers.deserialize({ _aj_serialized: SYMBOL, value: "x" })).toBe(Symbol.for("x"));
    expect(() => defaultSerializers.deserialize({ value: 1 })).toThrow(ArgumentError);
    expect(() => defaultSerializers.deserialize({ value: 1 })).toThrow("Serializer name is not present in the argument: { value: 1 }");
    expect(() => defaultSerializers.deserialize({ _aj_serialized: "Nope" })).toThrow("Serializer Nope is not known");
  });
});

describe("a job class as an argument (§6.1 ModuleSerializer)", () => {
  it("is stored by its jobClassName, the name its rows carry", async () => {
    const { Job } = await import("../../src/job/job.js");
    class ChargeJob extends Job {
      static {
        this.jobClassName = "Billing::ChargeJob";
      }
    }
    expect(serializeArguments([ChargeJob])).toEqual([{ _aj_serialized: "ActiveJob::Serializers::ModuleSerializer", value: "Billing::ChargeJob" }]);
  });
});
