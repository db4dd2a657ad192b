import { Job } from "../../../src/index.js";

// Charging an order. ChargeOrderJob checks for a payment row, charges, then writes the row: a
// crash after the charge and before the INSERT leaves no trace of the charge, so the retry
// charges the card again. The idempotence property finds it by killing the worker at await 2.
export class ChargeOrderJob extends Job {
  override async perform(orderId: number, cents: number): Promise<void> {
    const paid = await this.db.get("SELECT charge_id FROM payments WHERE order_id = ?", [orderId]);
    if (paid !== undefined) return;
    const charge = (await this.services.payments!.charge!({ orderId, cents })) as { id?: string } | undefined;
    await this.db.run("INSERT INTO payments (order_id, charge_id) VALUES (?, ?)", [orderId, charge?.id ?? "charged"]);
  }
}

// Corrected: the idempotency key is written before the charge and sent with it, so a retry
// after any crash sends the same key, and the provider applies the charge once.
export class KeyedChargeOrderJob extends Job {
  override async perform(orderId: number, cents: number): Promise<void> {
    await this.db.run("INSERT INTO payments (order_id, idempotency_key) VALUES (?, ?) ON CONFLICT (order_id) DO NOTHING", [orderId, `order-${orderId}`]);
    const row = await this.db.get<{ idempotency_key: string; charge_id: string | null }>("SELECT idempotency_key, charge_id FROM payments WHERE order_id = ?", [orderId]);
    if (row === undefined || row.charge_id !== null) return;
    const charge = (await this.services.payments!.charge!({ orderId, cents, idempotencyKey: row.idempotency_key })) as { id?: string } | undefined;
    await this.db.run("UPDATE payments SET charge_id = ? WHERE order_id = ?", [charge?.id ?? "charged", orderId]);
  }
}

export const PAYMENT_SCHEMA = `
CREATE TABLE payments (order_id INTEGER PRIMARY KEY, idempotency_key TEXT, charge_id TEXT);
`;
