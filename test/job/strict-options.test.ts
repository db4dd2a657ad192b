import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/job/errors.js";
import { Job } from "../../src/job/job.js";
import { ArgumentError as TestingArgumentError } from "../../src/testing/errors.js";
import { withFakeEnvironment } from "./support/fake-environment.js";

// Strict options at run time (issue 13 item 6): plain-JavaScript callers have no tsc, so every
// options object refuses unknown keys and wrong types with Ruby's ArgumentError, naming the key
// and the nearest known one. Rails' spellings are read where a Rails or YAML user writes them.

class Plain extends Job {
  override perform() {}
}

function declare(fn: (cls: typeof Plain) => void): void {
  class Declared extends Plain {}
  fn(Declared);
}

describe("unknown keys", () => {
  it.each([
    ["retryOn", () => declare((c) => c.retryOn(Error, { wiat: 5 } as never)), "retryOn: unknown key: wiat. Did you mean wait?"],
    ["set", () => Plain.set({ quue: "low" } as never), "set: unknown key: quue. Did you mean queue?"],
    ["discardOn", () => declare((c) => c.discardOn(Error, { reprot: true } as never)), "discardOn: unknown key: reprot. Did you mean report?"],
    ["limitsConcurrency", () => declare((c) => c.limitsConcurrency({ key: "k", too: 2 } as never)), "limitsConcurrency: unknown key: too. Did you mean to?"],
    ["set (no near key)", () => Plain.set({ colour: "red" } as never), "set: unknown key: colour. Known keys: wait, waitUntil, queue, priority"],
  ])("%s", (_name, act, message) => {
    expect(act).toThrow(ArgumentError);
    expect(act).toThrow(message);
  });

  it("is the same ArgumentError class the testing helpers raise", () => {
    expect(ArgumentError).toBe(TestingArgumentError);
    expect(() => Plain.set({ quue: "low" } as never)).toThrow(TestingArgumentError);
  });
});

describe("wrong types", () => {
  it.each([
    ["set priority 'high' (Rails' to_i would make it 0)", () => Plain.set({ priority: "high" }), 'set: priority must be an integer (or an integer string such as "7"), got "high"'],
    ["set wait", () => Plain.set({ wait: "soon" }), 'set: wait must be seconds (a number) or a duration string such as "5 minutes", got "soon"'],
    ["set waitUntil", () => Plain.set({ waitUntil: "tomorrow" as never }), 'set: waitUntil must be a Date or epoch milliseconds, got "tomorrow"'],
    ["set queue", () => Plain.set({ queue: 5 as never }), 'set: queue must be a queue name (a string such as "low"), got 5'],
    ["retryOn attempts", () => declare((c) => c.retryOn(Error, { attempts: 0 })), 'retryOn: attempts must be a positive integer or "unlimited", got 0'],
    ["retryOn jitter", () => declare((c) => c.retryOn(Error, { jitter: "15%" as never })), 'retryOn: jitter must be a finite number, got "15%"'],
    ["retryOn report", () => declare((c) => c.retryOn(Error, { report: "yes" as never })), 'retryOn: report must be true or false, got "yes"'],
    ["retryOn priority", () => declare((c) => c.retryOn(Error, { priority: "high" })), 'retryOn: priority must be an integer (or an integer string such as "7"), got "high"'],
    ["queueWithPriority", () => declare((c) => c.queueWithPriority("high" as never)), 'queueWithPriority: priority must be an integer (or an integer string such as "7"), got "high"'],
    ["queueAs", () => declare((c) => c.queueAs({ name: "low" } as never)), "queueAs: expected a queue name (a string), null for the default queue, or a function (job) => name; got { name: 'low' }"],
    ["limitsConcurrency to", () => declare((c) => c.limitsConcurrency({ key: "k", to: 1.5 })), "limitsConcurrency: to must be a positive integer, got 1.5"],
    ["limitsConcurrency onConflict", () => declare((c) => c.limitsConcurrency({ key: "k", onConflict: "drop" as never })), 'limitsConcurrency: onConflict must be "block" or "discard", got "drop"'],
    ["options not an object", () => Plain.set("low" as never), 'set: options must be an object with the keys wait, waitUntil, queue, priority, got "low"'],
  ])("%s", (_name, act, message) => {
    expect(act).toThrow(ArgumentError);
    expect(act).toThrow(message);
  });
});

describe("Rails' spellings", () => {
  it("set reads wait_until as waitUntil; giving both is an error", async () => {
    await withFakeEnvironment(async () => {
      const at = Date.UTC(2026, 5, 1);
      const job = (await Plain.set({ wait_until: at } as never).performLater()) as Job;
      expect(job.scheduledAt).toBe(at);
      expect(() => Plain.set({ wait_until: at, waitUntil: at } as never)).toThrow("set: wait_until and waitUntil are the same option; give one");
    });
  });

  it("limitsConcurrency reads on_conflict as onConflict", () => {
    class Limited extends Plain {
      static {
        this.limitsConcurrency({ key: "k", on_conflict: "discard" } as never);
      }
    }
    expect(Limited.concurrencyOptions?.onConflict).toBe("discard");
  });

  it("retryOn reads wait: polynomially_longer in every spelling, and attempts: unlimited or Infinity", async () => {
    for (const wait of ["polynomially_longer", ":polynomially_longer", "polynomiallyLonger", Symbol.for("polynomially_longer")]) {
      class Poly extends Job {
        static {
          this.retryOn(Error, { wait: wait as never, attempts: Infinity });
        }
        override perform() {
          throw new Error("x");
        }
      }
      await withFakeEnvironment(async (env) => {
        const job = new Poly();
        await job.performNow();
        expect(env.enqueued[0]!.at! - env.time / 1000).toBe(3); // 1**4 + 2 (§5.7)
      });
    }
    expect(() => declare((c) => c.retryOn(Error, { attempts: "unlimited" }))).not.toThrow();
    expect(() => declare((c) => c.retryOn(Error, { attempts: Symbol.for("unlimited") }))).not.toThrow();
  });

  it("a refused wait never reads as a contradiction: exponentially_longer names its replacement", () => {
    const act = () => declare((c) => c.retryOn(Error, { wait: "exponentially_longer" }));
    expect(act).toThrow(ArgumentError);
    expect(act).toThrow(
      'Unsupported argument type for :wait, expected an Integer, Float, ActiveSupport::Duration, Proc, or :polynomially_longer, but got "exponentially_longer" (:exponentially_longer was removed in Rails 7.2; use "polynomially_longer")',
    );
  });

  it("set({ queue }) takes Symbol.for as Ruby's Symbol", async () => {
    await withFakeEnvironment(async () => {
      const job = (await Plain.set({ queue: Symbol.for("low") }).performLater()) as Job;
      expect(job.queueName).toBe("low");
    });
  });
});
