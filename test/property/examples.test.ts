import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertProperty, idempotence, PropertyFailedError, runScenarioProperties, serializable } from "../../src/property/index.js";
import { scenarioPropertyContext } from "../../src/scenario/property-context.js";
import { loadScenario } from "../../src/scenario/load.js";
import { COUNTER_SCHEMA, CountViewJob, LedgerCountViewJob } from "../../scenarios/properties/jobs/counter.js";
import { AtomicDepositJob, ACCOUNTS_SCHEMA, DepositJob } from "../../scenarios/properties/jobs/deposit.js";
import { ChargeOrderJob, KeyedChargeOrderJob, PAYMENT_SCHEMA } from "../../scenarios/properties/jobs/payment.js";
import { tempDir } from "../helpers/temp.js";

// The deliberately broken example jobs are caught by the matching property within the default
// run count; the shrunk case, written as a scenario file, fails again on replay; the corrected
// versions hold.

const counterModule = new URL("../../scenarios/properties/jobs/counter.ts", import.meta.url);
const paymentModule = new URL("../../scenarios/properties/jobs/payment.ts", import.meta.url);
const depositModule = new URL("../../scenarios/properties/jobs/deposit.ts", import.meta.url);
const services = { payments: { charge: { returns: { id: "ch_1" } } } };
const counterArgs = fc.tuple(fc.integer({ min: 1, max: 3 }));
const paymentArgs = fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 }));

async function failureOf(p: Promise<unknown>): Promise<PropertyFailedError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(PropertyFailedError);
  return e as PropertyFailedError;
}

/** Replays a counterexample file the way the scenario runner does; returns its one result. */
async function replay(file: string) {
  const loaded = await loadScenario(file);
  const [r] = await runScenarioProperties(loaded.spec.properties, scenarioPropertyContext(loaded, { reportsDir: null }));
  return r!;
}

describe("broken examples are caught", () => {
  const dir = tempDir("props");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("an unguarded counter is not idempotent: performing it twice counts twice", async () => {
    const e = await failureOf(assertProperty(idempotence({ job: CountViewJob, setup: COUNTER_SCHEMA, args: counterArgs, module: counterModule }), { seed: 1, reportsDir: dir }));
    expect(e.message).toMatch(/property idempotence failed on run 0 \(campaign seed 1; fast-check seed \d+, path "[\d:]+"/);
    expect(e.message).toContain("CountViewJob(1) is not idempotent: table counters differs");
    expect(e.message).toContain('only after performing it twice: {"id":1,"n":2}');
    const f = e.result.failures[0]!;
    expect(f.counterexample).toEqual({ args: [1], seed: 0 });
    expect(f.file).toBe(join(dir, `counterexample-idempotence-count-view-job-${f.seed}.yml`));
    const r = await replay(f.file!);
    expect(r.passed).toBe(false);
    expect(r.message).toContain('only after performing it twice: {"id":1,"n":2}');
  });

  it("a charge before its idempotency record is written charges twice after a crash between them", async () => {
    const e = await failureOf(assertProperty(idempotence({ job: ChargeOrderJob, setup: PAYMENT_SCHEMA, services, args: paymentArgs, module: paymentModule }), { seed: 2, reportsDir: dir }));
    expect(e.message).toContain('ChargeOrderJob(1,1) is not idempotent: payments.charge({"cents":1,"orderId":1}) happened 2 times after a kill at await 2 and a retry, once after performing it once');
    const file = e.result.failures[0]!.file!;
    const text = readFileSync(file, "utf8");
    expect(text).toContain("only: {crashAt: 2}");
    expect(text).toContain("returns: {id: ch_1}");
    const r = await replay(file);
    expect(r.passed).toBe(false);
    expect(r.message).toContain("happened 2 times after a kill at await 2 and a retry");
  });

  it("a read-modify-write across an await loses an update when two threads run it at once", async () => {
    const work = [
      { job: DepositJob, args: [1, 100] },
      { job: DepositJob, args: [1, 250] },
    ];
    const e = await failureOf(assertProperty(serializable({ work, setup: ACCOUNTS_SCHEMA, module: depositModule }), { seed: 3, reportsDir: dir }));
    expect(e.message).toContain("no serial order gives the tables the concurrent run left");
    expect(e.message).toContain('only after running them together on 2 threads: {"balance":250,"id":1}');
    const f = e.result.failures[0]!;
    expect(f.counterexample).toMatchObject({ threads: 2, arrivals: [{ at: 0 }, { at: 0 }], interleaving: { kind: "choices", choices: [] } });
    const r = await replay(f.file!);
    expect(r.passed).toBe(false);
    expect(r.message).toContain('{"balance":250,"id":1}');
  });
});

describe("corrected examples hold", () => {
  it("the ledger counter", async () => {
    await assertProperty(idempotence({ job: LedgerCountViewJob, setup: COUNTER_SCHEMA, args: counterArgs }), { runs: 50, seed: 11, reportsDir: null });
  });
  it("the keyed charge", async () => {
    await assertProperty(idempotence({ job: KeyedChargeOrderJob, setup: PAYMENT_SCHEMA, services, args: paymentArgs }), { runs: 50, seed: 12, reportsDir: null });
  });
  it("the atomic deposit, three at once", async () => {
    const work = [
      { job: AtomicDepositJob, args: [1, 100] },
      { job: AtomicDepositJob, args: [1, 250] },
      { job: AtomicDepositJob, args: [2, 75] },
    ];
    await assertProperty(serializable({ work, setup: ACCOUNTS_SCHEMA }), { runs: 50, seed: 13, reportsDir: null });
  });
});
