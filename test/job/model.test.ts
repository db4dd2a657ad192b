import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import initSqlJs from "sql.js";
import type { Database, SqlValue } from "sql.js";
import { RecordNotFound, SerializationError } from "../../src/job/errors.js";
import {
  ModelRecord,
  ModelRegistry,
  defineModel,
  makeLocator,
  modelOf,
  parseGlobalId,
  recordId,
  toGlobalId,
} from "../../src/job/model.js";
import type { SqlReader } from "../../src/job/model.js";

let SQL: Awaited<ReturnType<typeof initSqlJs>>;
let db: Database;
let reader: SqlReader;

function readerOf(database: Database): SqlReader {
  return {
    one(sql, params = []) {
      const statement = database.prepare(sql);
      try {
        statement.bind(params as SqlValue[]);
        return statement.step() ? statement.getAsObject() : undefined;
      } finally {
        statement.free();
      }
    },
  };
}

beforeAll(async () => {
  SQL = await initSqlJs();
});

beforeEach(() => {
  db = new SQL.Database();
  db.exec(`
    CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL, state TEXT NOT NULL);
    INSERT INTO orders (id, total, state) VALUES (1, 250, 'paid'), (2, 990, 'open');
    CREATE TABLE coupons (code TEXT PRIMARY KEY, percent INTEGER);
    INSERT INTO coupons VALUES ('SPRING 10/%', 10), ('5', 50);
    CREATE TABLE cars (id INTEGER PRIMARY KEY, model TEXT, "constructor" TEXT);
    INSERT INTO cars VALUES (7, 'T', 'Ford');
  `);
  reader = readerOf(db);
});

interface OrderRow {
  id: number;
  total: number;
  state: string;
}
const Order = defineModel<OrderRow>("Order", { table: "orders" });
const Coupon = defineModel("Coupon", { table: "coupons", primaryKey: "code" });

describe("defineModel", () => {
  it("returns a record class carrying the model's name, table and primary key", () => {
    expect(Order.modelName).toBe("Order");
    expect(Order.table).toBe("orders");
    expect(Order.primaryKey).toBe("id");
    expect(Order.name).toBe("Order");
    expect(Coupon.primaryKey).toBe("code");
    expect(defineModel("Shop::Item", { table: "items" }).name).toBe("Item");
  });

  it("refuses a name that cannot appear in a GlobalID", () => {
    expect(() => defineModel("order", { table: "orders" })).toThrow(
      'defineModel: model name "order" must be a constant name like "Order" or "Shop::Order"',
    );
    expect(() => defineModel("A/B", { table: "t" })).toThrow(TypeError);
    expect(() => defineModel("Order", { table: "" })).toThrow("defineModel(Order): table must be a non-empty string");
  });
});

describe("Model.find", () => {
  it("returns a frozen record of the model with the row's columns", () => {
    const order = Order.find(reader, 1);
    expect(order).toBeInstanceOf(Order);
    expect(order).toBeInstanceOf(ModelRecord);
    expect(Object.isFrozen(order)).toBe(true);
    expect({ ...order }).toEqual({ id: 1, total: 250, state: "paid" });
    expect(order.total).toBe(250);
    expect(modelOf(order)).toBe(Order);
    expect(recordId(order)).toBe("1");
  });

  it("takes the id as a string (from a GlobalID), a number or a bigint", () => {
    expect(Order.find(reader, "2").total).toBe(990);
    expect(Order.find(reader, 2n).total).toBe(990);
    expect(Coupon.find(reader, "SPRING 10/%")["percent"]).toBe(10);
    // A numeric-looking text key still matches its TEXT column.
    expect(Coupon.find(reader, "5")["percent"]).toBe(50);
  });

  it("throws RecordNotFound with Active Record's message", () => {
    const error = (() => {
      try {
        Order.find(reader, 99);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RecordNotFound);
    expect((error as RecordNotFound).name).toBe("RecordNotFound");
    expect((error as RecordNotFound).message).toBe("Couldn't find Order with 'id'=99");
    expect(() => Coupon.find(reader, "nope")).toThrow("Couldn't find Coupon with 'code'=nope");
  });

  it("returns instances of a subclass that adds methods, under the base model's name", () => {
    class BigOrder extends defineModel<OrderRow>("BigOrder", { table: "orders" }) {
      get big(): boolean {
        return this.total > 500;
      }
    }
    const order = BigOrder.find(reader, 2);
    expect(order).toBeInstanceOf(BigOrder);
    expect(order.big).toBe(true);
    expect(toGlobalId(order)).toBe("gid://jobsim/BigOrder/2");
  });

  it("keeps columns named like the model's machinery as plain columns", () => {
    const Car = defineModel("Car", { table: "cars" });
    const car = Car.find(reader, 7);
    expect(car["model"]).toBe("T");
    expect(car["constructor"]).toBe("Ford");
    expect(modelOf(car)).toBe(Car);
    expect(toGlobalId(car)).toBe("gid://jobsim/Car/7");
  });
});

describe("GlobalID", () => {
  it("identifies a record as gid://jobsim/<Model>/<id>, escaping the id", () => {
    expect(toGlobalId(Order.find(reader, 1))).toBe("gid://jobsim/Order/1");
    const coupon = Coupon.find(reader, "SPRING 10/%");
    expect(toGlobalId(coupon)).toBe("gid://jobsim/Coupon/SPRING%2010%2F%25");
    expect(parseGlobalId(toGlobalId(coupon))).toEqual({ app: "jobsim", model: "Coupon", id: "SPRING 10/%" });
  });

  it("refuses a record without an id with Active Job's message", () => {
    for (const row of [{ total: 5 }, { id: null, total: 5 }]) {
      expect(() => toGlobalId(new Order(row))).toThrow(
        new SerializationError("Unable to serialize Order without an id. (Maybe you forgot to call save?)"),
      );
    }
  });

  it("parses any app name and rejects what is not a GlobalID", () => {
    expect(parseGlobalId("gid://shop/Admin::User/42")).toEqual({ app: "shop", model: "Admin::User", id: "42" });
    for (const text of ["gid://jobsim/Order", "gid://jobsim/Order/1/2", "http://jobsim/Order/1", "gid://jobsim/Order/%E0%A4%A"]) {
      expect(parseGlobalId(text)).toBeUndefined();
    }
  });
});

describe("ModelRegistry and makeLocator", () => {
  it("locates records of registered models by name and id", () => {
    const locate = makeLocator(reader, new ModelRegistry([Order, Coupon]));
    expect(locate("Order", "1")).toStrictEqual(Order.find(reader, 1));
    expect(locate("Coupon", "5")).toBeInstanceOf(Coupon);
    expect(() => locate("Order", "404")).toThrow(RecordNotFound);
  });

  it("names the known models when asked for an unknown one", () => {
    expect(() => makeLocator(reader, new ModelRegistry([Order, Coupon]))("User", "1")).toThrow(
      "Unknown model User: the locator knows Order, Coupon",
    );
    expect(() => makeLocator(reader, new ModelRegistry())("User", "1")).toThrow("Unknown model User: the locator knows no models");
  });

  it("adds a model twice as a no-op and refuses a second model under the same name", () => {
    const models = new ModelRegistry().add(Order, Order);
    expect(models.names()).toEqual(["Order"]);
    const OtherOrder = defineModel("Order", { table: "orders" });
    expect(() => models.add(OtherOrder)).toThrow("ModelRegistry: another model is already registered as Order");
  });
});
