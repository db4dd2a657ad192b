import fc from "fast-check";
import { describe, it } from "vitest";
import {
  assertProperty,
  concurrencyLimits,
  determinism,
  idempotence,
  noJobLost,
  queuePriorities,
  retryOrdering,
  RetryProbeJob,
  serializable,
} from "../../src/property/index.js";
import { AtomicDepositJob, ACCOUNTS_SCHEMA } from "../../scenarios/properties/jobs/deposit.js";
import { KeyedChargeOrderJob, PAYMENT_SCHEMA } from "../../scenarios/properties/jobs/payment.js";

// The examples of docs/properties.md, one per property, exactly as the doc shows them.

describe("docs/properties.md examples", () => {
  it("idempotence", async () => {
    await assertProperty(
      idempotence({
        job: KeyedChargeOrderJob,
        args: fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 })),
        setup: PAYMENT_SCHEMA,
        services: { payments: { charge: { returns: { id: "ch_1" } } } },
        module: new URL("../../scenarios/properties/jobs/payment.ts", import.meta.url),
      }),
      { runs: 20, seed: 7 },
    );
  });

  it("retry ordering", async () => {
    await assertProperty(retryOrdering({ job: RetryProbeJob }), { runs: 50, seed: 7 });
  });

  it("queue priorities", async () => {
    await assertProperty(queuePriorities({ queues: ["critical", "default", "low_a", "low_b"], priorities: [0, 3] }), { runs: 50, seed: 7 });
  });

  it("no job lost", async () => {
    await assertProperty(noJobLost({ buggify: ["sql", "crash", "heartbeat"] }), { runs: 50, seed: 7 });
  });

  it("concurrency limits", async () => {
    await assertProperty(concurrencyLimits(), { runs: 50, seed: 7 });
  });

  it("determinism", async () => {
    await assertProperty(determinism(), { runs: 10, seed: 7 });
    await assertProperty(noJobLost(), { runs: 10, seed: 7, checkDeterminism: true });
  });

  it("serializable", async () => {
    const work = [
      { job: AtomicDepositJob, args: [1, 100] },
      { job: AtomicDepositJob, args: [1, 250] },
    ];
    await assertProperty(serializable({ work, setup: ACCOUNTS_SCHEMA }), { runs: 30, seed: 7 });
  });
});
