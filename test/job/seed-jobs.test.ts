import { describe, expect, it } from "vitest";
import { Job, mail, SerializationError } from "../../src/index.js";
import type { Simulation, SimulationOptions } from "../../src/sim/simulation.js";
import * as app from "../../scenarios/jobs/index.js";
import { sinceStart, START, world } from "../helpers/world.js";

// The seed document's jobs (scenarios/jobs/) on the real engine, in virtual time. Default queue
// config unless said otherwise: one dispatcher polling every 1 s, one worker ("*", 3 threads)
// polling every 0.1 s; the simulation starts at 2026-01-01T00:00:00Z.

const FIXTURES = `
INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada'), (2, 'bob@example.com', 'Bob');
INSERT INTO orders (id, user_id, total_cents) VALUES (10, 1, 2500);
`;

async function seedSim<T>(fn: (sim: Simulation) => Promise<T>, options: SimulationOptions = {}): Promise<T> {
  return fn(await world({ pollTiming: "aligned", jobs: app.JOBS, models: app.MODELS, errors: app.ERRORS, ...options, setupSql: app.APP_SCHEMA + FIXTURES + (options.setupSql ?? "") }));
}

const times = (sim: Simulation, type: string, jobClass?: string) =>
  sim.trace.events.filter((e) => e.type === type && (jobClass === undefined || e.jobClass === jobClass)).map((e) => sinceStart(e.t));

const fail = (error: new (m?: string) => Error, n: number) => Array.from({ length: n }, () => ({ throws: error }));

describe("SendWelcomeEmailJob", () => {
  it("perform_now delivers one welcome mail (deliveries grow by 1)", () =>
    seedSim(async (sim) => {
      await app.SendWelcomeEmailJob.performNow(1);
      expect(sim.deliveries.map((d) => [d.mailer, d.action, d.to, d.subject])).toEqual([["UserMailer", "welcome", "ada@example.com", "Welcome, Ada!"]]);
    }));

  it("perform_later enqueues it with the user id on the default queue; the worker delivers it", () =>
    seedSim(async (sim) => {
      await app.SendWelcomeEmailJob.performLater(2);
      expect(sim.jobs().map((j) => [j.className, j.queueName, j.args])).toEqual([["SendWelcomeEmailJob", "default", [2]]]);
      await sim.runUntilIdle();
      expect(sim.deliveries.map((d) => d.to)).toEqual(["bob@example.com"]);
      expect(sim.jobs()[0]!.status).toBe("finished");
    }));

  it("fails with RecordNotFound (Active Record's message) for a missing user", () =>
    seedSim(async (sim) => {
      await app.SendWelcomeEmailJob.performLater(99);
      await sim.runUntilIdle();
      expect(sim.jobs()[0]!.error).toMatchObject({ exceptionClass: "RecordNotFound", message: "Couldn't find User with 'id'=99" });
    }));
});

describe("ProcessPaymentJob (critical; retryOn Deadlocked wait 5 s attempts 3; discardOn DeserializationError)", () => {
  const order = (sim: Simulation) => app.Order.find(sim.db, 10);

  it("retries a deadlocked payment 5 s later on new rows, and succeeds on the 3rd attempt", () =>
    seedSim(async (sim) => {
      sim.services.get("PaymentService").script("process", fail(app.Deadlocked, 2));
      await app.ProcessPaymentJob.performLater(order(sim));
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => [j.queueName, j.status, sinceStart(j.scheduledAt!)])).toEqual([
        ["critical", "finished", 0],
        ["critical", "finished", 5],
        ["critical", "finished", 10],
      ]);
      const calls = sim.services.get("PaymentService").calls;
      expect(calls.map((c) => [sinceStart(c.t), c.outcome])).toEqual([
        [0, "threw"],
        [5, "threw"],
        [10, "returned"],
      ]);
      expect(calls[0]!.args).toEqual([order(sim)]); // the record, fetched again from its GlobalID
    }));

  it("fails after 3 deadlocks: rows 1 and 2 finished, row 3 failed with Deadlocked", () =>
    seedSim(async (sim) => {
      sim.services.get("PaymentService").script("process", fail(app.Deadlocked, 3));
      await app.ProcessPaymentJob.performLater(order(sim));
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => j.status)).toEqual(["finished", "finished", "failed"]);
      expect(sim.jobs()[2]!.error!.exceptionClass).toBe("Deadlocked");
    }));

  it("is discarded (finished, no failed execution, no payment) when the order row was deleted before it ran", () =>
    seedSim(async (sim) => {
      await app.ProcessPaymentJob.performLater(order(sim));
      sim.db.run("DELETE FROM orders WHERE id = 10");
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => j.status)).toEqual(["finished"]);
      expect(sim.trace.events.filter((e) => e.type === "discarded").map((e) => e.data)).toEqual([{ error: "RecordNotFoundDeserializationError" }]);
      expect(sim.services.get("PaymentService").calls).toEqual([]);
    }));

  it("discards, not retries, a deadlock raised while loading the order: the DeserializationError wrapping it matches first", () =>
    seedSim(async (sim) => {
      await app.ProcessPaymentJob.performLater(order(sim));
      sim.faults.failSql({ match: 'FROM "orders"', error: "Deadlocked", origin: "app" });
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => j.status)).toEqual(["finished"]);
      expect(sim.trace.events.filter((e) => e.type === "discarded").map((e) => e.data)).toEqual([{ error: "DeserializationError" }]);
    }));
});

describe("ImportDataJob (low; before_enqueue log; around_perform timing)", () => {
  it("logs at enqueue, then 'Import completed in Xs' with the virtual time the import took", () =>
    seedSim(async (sim) => {
      sim.services.get("ImportService").script("call", [{ latency: 2.5 }, { latency: 3 }]);
      await app.ImportDataJob.performLater("/data/a.csv", 1);
      await app.ImportDataJob.performLater("/data/b.csv", 2);
      expect(sim.jobs().map((j) => j.queueName)).toEqual(["low", "low"]);
      await sim.runUntilIdle();
      expect(sim.logs.map((l) => [sinceStart(l.t), l.message])).toEqual([
        [0, "Enqueueing import for /data/a.csv"],
        [0, "Enqueueing import for /data/b.csv"],
        [2.5, "Import completed in 2.5s"],
        [3, "Import completed in 3.0s"], // Ruby prints a whole Float with ".0"
      ]);
      const call = sim.services.get("ImportService").calls[0]!;
      expect(call.args[0]).toBe("/data/a.csv");
      expect(call.args[1]).toMatchObject({ id: 1, email: "ada@example.com" });
    }));
});

describe("BatchProcessJob (low) and the each_slice(100) enqueue loop", () => {
  it("enqueues 250 pending records as slices of 100, 100 and 50 ids, and processes every one", () =>
    seedSim(
      async (sim) => {
        const jobs = await app.enqueuePendingRecords(sim.db);
        expect(jobs.every((j) => j instanceof app.BatchProcessJob)).toBe(true);
        const rows = sim.jobs({ className: "BatchProcessJob" });
        expect(rows.map((j) => [j.queueName, (j.args[0] as number[]).length, (j.args[0] as number[])[0]])).toEqual([
          ["low", 100, 1],
          ["low", 100, 101],
          ["low", 50, 201],
        ]);
        await sim.runUntilIdle();
        expect(sim.db.all("SELECT status, COUNT(*) AS n FROM records GROUP BY status")).toEqual([
          { status: "done-before", n: 5 },
          { status: "processed", n: 250 },
        ]);
      },
      {
        setupSql: `
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250) INSERT INTO records (id, user_id) SELECT i, 1 FROM n;
          INSERT INTO records (id, user_id, status) VALUES (251, 1, 'done-before'), (252, 1, 'done-before'), (253, 1, 'done-before'), (254, 1, 'done-before'), (255, 1, 'done-before');`,
      },
    ));
});

describe("ProcessWebhookJob (critical; retryOn OpenTimeout polynomiallyLonger attempts 5)", () => {
  const payment = { event: "payment.completed", payment_id: 7 };

  it("failing 4 times with a timeout: performed 5 times, 3, 18, 83, 258 s after each failure, then finished", () =>
    seedSim(async (sim) => {
      sim.services.get("Payments").script("complete", fail(app.OpenTimeout, 4));
      await app.ProcessWebhookJob.performLater(payment);
      await sim.runUntilIdle();
      // Whole-second retry times fall on the dispatcher's 1 s polling grid (it booted at 0), and
      // the worker's 0.1 s grid too, so each retry runs exactly when it is due.
      expect(times(sim, "started")).toEqual([0, 3, 21, 104, 362]);
      expect(sim.jobs().map((j) => [j.queueName, j.status])).toEqual(Array(5).fill(["critical", "finished"]));
      expect(sim.db.all("SELECT event, reference, handled_at FROM webhook_events")).toEqual([{ event: "payment.completed", reference: "7", handled_at: Date.UTC(2026, 0, 1, 0, 6, 2) }]);
    }));

  it("shows polling granularity when the first run is off the grid: a retry due at 3.6 s runs at the dispatcher's 4 s tick", () =>
    seedSim(async (sim) => {
      sim.services.get("Payments").script("complete", fail(app.OpenTimeout, 4));
      await sim.advance(0.5);
      await app.ProcessWebhookJob.performLater(payment);
      await sim.runUntilIdle();
      // Enqueued by test code at 0.5 s, after that instant's worker poll: the worker's next
      // 0.1 s tick is 0.6 s. Its retry is due at 0.6 + 3 = 3.6 s; the dispatcher polls on
      // whole seconds, so it is dispatched (and claimed) at 4 s; from there on every retry is
      // due on a whole second again: 4 + 18 = 22, 22 + 83 = 105, 105 + 258 = 363.
      expect(times(sim, "started")).toEqual([0.6, 4, 22, 105, 363]);
      expect(times(sim, "dispatched")).toEqual([4, 22, 105, 363]);
      expect(sim.jobs().map((j) => sinceStart(j.scheduledAt!))).toEqual([0.5, 3.6, 22, 105, 363]);
    }));

  it("always timing out: 5 attempts, then failed executions' last row holds OpenTimeout", () =>
    seedSim(async (sim) => {
      sim.services.get("Payments").otherwise("complete", { throws: app.OpenTimeout, message: "execution expired" });
      await app.ProcessWebhookJob.performLater(payment);
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => j.status)).toEqual(["finished", "finished", "finished", "finished", "failed"]);
      expect(sim.jobs({ status: "failed" })[0]!.error).toMatchObject({ exceptionClass: "OpenTimeout", message: "execution expired" });
      expect(times(sim, "retry_stopped")).toEqual([362]);
      expect(sim.db.all("SELECT * FROM webhook_events")).toEqual([]);
    }));

  it("dispatches subscription.cancelled to its own handler and ignores unknown events", () =>
    seedSim(async (sim) => {
      await app.ProcessWebhookJob.performLater({ event: "subscription.cancelled", subscription_id: "sub_1" });
      await app.ProcessWebhookJob.performLater({ event: "invoice.created" });
      await sim.runUntilIdle();
      expect(sim.services.calls().map((c) => [c.service, c.method, c.args])).toEqual([["Subscriptions", "cancel", ["sub_1"]]]);
      expect(sim.jobs().map((j) => j.status)).toEqual(["finished", "finished"]);
    }));
});

describe("ExportJob (default; progress every 100 records; failure status then re-raise)", () => {
  const setupSql = `
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250) INSERT INTO records (id, user_id) SELECT i, 2 FROM n;
    INSERT INTO exports (id, user_id) VALUES (1, 2);
    CREATE TABLE progress_history (status TEXT, progress INTEGER);
    CREATE TRIGGER track AFTER UPDATE ON exports BEGIN INSERT INTO progress_history VALUES (NEW.status, NEW.progress); END;`;

  it("goes processing, 40, 80, then completed at 100, with one export line per record", () =>
    seedSim(
      async (sim) => {
        await app.ExportJob.performLater(1);
        await sim.runUntilIdle();
        expect(sim.db.all("SELECT status, progress FROM progress_history")).toEqual([
          { status: "processing", progress: 0 },
          { status: "processing", progress: 40 },
          { status: "processing", progress: 80 },
          { status: "completed", progress: 100 },
        ]);
        expect(sim.db.value("SELECT COUNT(*) FROM export_lines WHERE export_id = 1")).toBe(250);
        expect(sim.jobs()[0]!.status).toBe("finished");
      },
      { setupSql },
    ));

  it("on an error at the 150th record: status failed with the message, and the job fails with the error", () =>
    seedSim(
      async (sim) => {
        sim.faults.failSql({ match: "INSERT INTO export_lines", nth: 150, error: "Deadlocked", message: "deadlock detected", origin: "app" });
        await app.ExportJob.performLater(1);
        await sim.runUntilIdle();
        expect(sim.db.get("SELECT status, progress, error_message FROM exports WHERE id = 1")).toEqual({ status: "failed", progress: 40, error_message: "deadlock detected" });
        expect(sim.jobs()[0]!.error).toMatchObject({ exceptionClass: "Deadlocked", message: "deadlock detected" });
      },
      { setupSql },
    ));
});

describe("ScheduleDailyTasksJob (re-enqueues itself for tomorrow midnight)", () => {
  it("over 3 virtual days: runs at 10:00 on day 1 and at each midnight, enqueuing CleanupJob and ReportJob each time", () =>
    seedSim(
      async (sim) => {
        await app.ScheduleDailyTasksJob.performLater();
        await sim.runUntil("2026-01-04T00:00:05Z");
        const startedAt = (cls: string) => times(sim, "started", cls).map((s) => new Date(START + s * 1000).toISOString());
        const days = ["2026-01-01T10:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z", "2026-01-04T00:00:00.000Z"];
        expect(startedAt("ScheduleDailyTasksJob")).toEqual(days);
        expect(startedAt("CleanupJob")).toEqual(days);
        expect(startedAt("ReportJob")).toEqual(days);
        expect(sim.db.value("SELECT COUNT(*) FROM reports")).toBe(4);
        // Tomorrow's run is waiting.
        expect(sim.jobs({ status: "scheduled" }).map((j) => [j.className, new Date(j.scheduledAt!).toISOString()])).toEqual([
          ["ScheduleDailyTasksJob", "2026-01-05T00:00:00.000Z"],
        ]);
      },
      { start: "2026-01-01T10:00:00Z" },
    ));

  it("computes Date.tomorrow.midnight in UTC", () => {
    expect(app.tomorrowMidnight(new Date("2026-12-31T23:59:59.999Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("UnreliableApiJob (ApiError polynomially longer x5; TimeoutError 10 s x3; discard InvalidDataError)", () => {
  it("keeps separate counters: 2 ApiErrors then 2 TimeoutErrors still retry, and the 5th run succeeds", () =>
    seedSim(async (sim) => {
      sim.services.get("ExternalApi").script("call", [...fail(app.ApiError, 2), ...fail(app.TimeoutError, 2)]);
      await app.UnreliableApiJob.performLater({ id: 1 });
      await sim.runUntilIdle();
      // 3 and 18 s (ApiError n = 1, 2), then 10 and 10 s (TimeoutError n = 1, 2).
      expect(times(sim, "started")).toEqual([0, 3, 21, 31, 41]);
      expect(sim.jobs().at(-1)!.payload.exception_executions).toEqual({ "[ApiError]": 2, "[TimeoutError]": 2 });
      expect(sim.jobs().map((j) => j.status)).toEqual(Array(5).fill("finished"));
    }));

  it("gives up on the 3rd TimeoutError, and discards on InvalidDataError", () =>
    seedSim(async (sim) => {
      sim.services.get("ExternalApi").otherwise("call", (args) => ({ throws: (args[0] as { id: number }).id === 1 ? app.TimeoutError : app.InvalidDataError }));
      await app.UnreliableApiJob.performLater({ id: 1 });
      await app.UnreliableApiJob.performLater({ id: 2 });
      await sim.runUntilIdle();
      const byArg = (id: number) => sim.jobs().filter((j) => (j.args[0] as { id: number }).id === id).map((j) => j.status);
      expect(byArg(1)).toEqual(["finished", "finished", "failed"]);
      expect(byArg(2)).toEqual(["finished"]);
      expect(times(sim, "started", "UnreliableApiJob")).toEqual([0, 0, 10, 20]);
      expect(sim.trace.events.filter((e) => e.type === "discarded").map((e) => e.data)).toEqual([{ error: "InvalidDataError" }]);
    }));
});

describe("ImportJob (rescues ImportService::ValidationError: log, then an admin mail delivered later)", () => {
  it("logs the validation error and delivers AdminNotifier.importFailed through ActionMailer::MailDeliveryJob", () =>
    seedSim(async (sim) => {
      sim.services.get("ImportService").script("call", [{ throws: app.ImportValidationError, message: "row 3: email is blank" }]);
      await app.ImportJob.performLater("/data/users.csv");
      await sim.runUntilIdle();
      expect(sim.logs.map((l) => l.message)).toEqual(["Import validation failed: row 3: email is blank"]);
      expect(sim.jobs().map((j) => [j.className, j.queueName, j.status])).toEqual([
        ["ImportJob", "default", "finished"],
        ["ActionMailer::MailDeliveryJob", "default", "finished"],
      ]);
      expect(sim.jobs()[1]!.args).toEqual(["AdminNotifier", "importFailed", "deliver_now", { args: ["row 3: email is blank"], _aj_symbol_keys: [] }]);
      expect(sim.deliveries.map((d) => [d.mailer, d.action, d.to, d.body])).toEqual([["AdminNotifier", "importFailed", "admin@example.com", "row 3: email is blank"]]);
    }));

  it("lets any other error fail the job (no retry)", () =>
    seedSim(async (sim) => {
      sim.services.get("ImportService").script("call", [{ throws: "Errno::ENOENT", message: "No such file" }]);
      await app.ImportJob.performLater("/missing.csv");
      await sim.runUntilIdle();
      expect(sim.jobs().map((j) => [j.status, j.error?.exceptionClass])).toEqual([["failed", "Errno::ENOENT"]]);
      expect(sim.deliveries).toEqual([]);
    }));

  it("the seed's literal form, passing the error object to deliver_later, fails with SerializationError as Rails does", () =>
    seedSim(async (sim) => {
      class LiteralNotifier extends app.AdminNotifier {
        importFailedWith(error: Error) {
          return { to: "admin@example.com", subject: "Import failed", body: error.message };
        }
      }
      class LiteralImportJob extends Job {
        override async perform(filePath: string) {
          try {
            await this.services.ImportService.call(filePath);
          } catch (e) {
            if (!(e instanceof app.ImportValidationError)) throw e;
            await mail(LiteralNotifier, "importFailedWith", e).deliverLater();
          }
        }
      }
      sim.services.get("ImportService").script("call", [{ throws: app.ImportValidationError }]);
      await LiteralImportJob.performLater("/data/users.csv");
      await sim.runUntilIdle();
      const [row] = sim.jobs();
      expect(row!.error!.exceptionClass).toBe(SerializationError.name);
      expect(row!.error!.message).toMatch(/^Unsupported argument type: ImportValidationError/);
    }));
});

describe("the recurring jobs of the seed's config/recurring.yml (production)", () => {
  it("over one day: SyncInventoryJob every 15 minutes, CleanupSessionsJob at 3am, DailyDigestJob at 8am (one digest per user)", () =>
    seedSim(
      async (sim) => {
        await sim.runUntil("2026-01-01T23:59:59Z");
        const count = (cls: string) => sim.jobs({ className: cls }).length;
        // The scheduler boots at 00:00 and schedules each task's next time strictly after now,
        // so "every 15 minutes" first runs at 00:15: 00:15 .. 23:45 is 95 runs.
        expect(count("SyncInventoryJob")).toBe(95);
        expect([times(sim, "started", "SyncInventoryJob")[0], times(sim, "started", "SyncInventoryJob").at(-1)]).toEqual([900, 23 * 3600 + 45 * 60]);
        expect(times(sim, "started", "CleanupSessionsJob")).toEqual([3 * 3600]);
        expect(times(sim, "started", "DailyDigestJob")).toEqual([8 * 3600]);
        expect(sim.deliveries.map((d) => [d.subject, d.to, sinceStart(d.deliveredAt)])).toEqual([
          ["Your daily digest", "ada@example.com", 8 * 3600],
          ["Your daily digest", "bob@example.com", 8 * 3600],
        ]);
      },
      { recurring: { path: "scenarios/config/recurring.yml", env: "production" } },
    ));
});
