// What job code reaches while it performs, beyond its own state: Model.find through the app
// database, and the scripted outside services. Both go through the job's PerformContext, so
// each call is a scheduling point.
import type { PerformContext } from "./environment.js";
import { RecordNotFound } from "./errors.js";
import type { AnyModel, RecordId } from "./model.js";
import { quoteIdentifier } from "../store/sql-identifier.js";

export type Services = Record<string, Record<string, (...args: unknown[]) => Promise<any>>>;

/** Active Record's `Model.find(id)`; RecordNotFound if no row. */
export async function findRecord<M extends AnyModel>(ctx: PerformContext, model: M, id: RecordId): Promise<InstanceType<M>> {
  const sql = `SELECT * FROM ${quoteIdentifier(model.table)} WHERE ${quoteIdentifier(model.primaryKey)} = ? LIMIT 1`;
  const row = await ctx.db.get(sql, [bindableId(id)]);
  if (row === undefined) throw new RecordNotFound(model.modelName, model.primaryKey, String(id));
  return Object.freeze(new model(row)) as InstanceType<M>;
}

/** `services.payment.charge(order)` calls the scripted service "payment", method "charge". */
export function servicesProxy(ctx: PerformContext, beforeCall: (what: string) => Promise<void> | undefined): Services {
  return new Proxy({} as Services, {
    get: (_t, service) =>
      typeof service !== "string"
        ? undefined
        : new Proxy(
            {},
            {
              get: (_u, method) =>
                typeof method !== "string"
                  ? undefined
                  : (...args: unknown[]) => {
                      const wait = beforeCall(`the service call ${service}.${method}`);
                      return wait === undefined ? ctx.callService(service, method, args) : wait.then(() => ctx.callService(service, method, args));
                    },
            },
          ),
  });
}

// Integer ids are bound as numbers so they match INTEGER columns (as Model.find does).
function bindableId(id: RecordId): string | number {
  if (typeof id === "number") return id;
  const text = String(id);
  return /^-?(?:0|[1-9]\d{0,15})$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}
