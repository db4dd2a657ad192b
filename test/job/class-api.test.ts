import { afterEach, describe, expect, it } from "vitest";
import type { ErrorReport } from "../../src/job/environment.js";
import { Job } from "../../src/job/job.js";
import { withFakeEnvironment } from "./support/fake-environment.js";

// active-job.md §2.1 (queue_as, the class-level queue_name, default_queue_name, prefix and
// delimiter), §2.2 (default_priority), §5.2 (rescue_handlers), §5.3 / §5.6 (report:).

class Plain extends Job {
  override perform() {}
}

afterEach(() => {
  // Module attributes in Rails: one value for every class, so each test restores them.
  Job.defaultQueueName = "default";
  Job.defaultPriority = null;
});

describe("§2.1 queue names", () => {
  it("the class-level queueName: a declared name is prefixed at declaration (queue_name_prefix 'aj' with :low is 'aj_low')", () => {
    class Low extends Plain {
      static {
        this.queueNamePrefix = "aj";
        this.queueAs("low");
      }
    }
    expect(Low.queueName).toBe("aj_low");
    Low.queueNamePrefix = "later"; // a later prefix does not change a declared queue
    expect(Low.queueName).toBe("aj_low");
  });

  it("delimiter '.' gives 'aj.low'; the prefix set on one class does not leak to another", () => {
    class Dotted extends Plain {
      static {
        this.queueNamePrefix = "aj";
        this.queueNameDelimiter = ".";
        this.queueAs("low");
      }
    }
    class Sibling extends Plain {
      static {
        this.queueAs("low");
      }
    }
    expect([Dotted.queueName, Sibling.queueName, Plain.queueNamePrefix]).toEqual(["aj.low", "low", null]);
  });

  it("without queueAs the class reader is Rails' default lambda; jobs read default_queue_name lazily, prefixed ('prefix_default_queue_name')", async () => {
    class Defaulted extends Plain {
      static {
        this.queueNamePrefix = "prefix";
      }
    }
    expect(typeof Defaulted.queueName).toBe("function");
    await withFakeEnvironment(async () => {
      expect(new Defaulted().queueName).toBe("prefix_default");
      Job.defaultQueueName = "default_queue_name";
      expect(new Defaulted().queueName).toBe("prefix_default_queue_name");
      // A module attribute: setting it through a subclass sets it for every class.
      Defaulted.defaultQueueName = "shared";
      expect([Job.defaultQueueName, new Plain().queueName]).toEqual(["shared", "shared"]);
    });
  });

  it("queueAs(null) is the default queue, queueAs('') is '' (blank allowed), a function reads the job's arguments", async () => {
    class Nil extends Plain {
      static {
        this.queueAs(null);
      }
    }
    class Blank extends Plain {
      static {
        this.queueAs("");
      }
    }
    class ByArgs extends Job {
      static {
        this.queueAs(function (this: ByArgs) {
          return this.arguments[0] === "paid" ? Symbol.for("paid_feeds") : null;
        });
      }
      override perform(_kind: string) {}
    }
    await withFakeEnvironment(async () => {
      expect([new Nil().queueName, new Blank().queueName]).toEqual(["default", ""]);
      expect([new ByArgs("paid").queueName, new ByArgs("free").queueName]).toEqual(["paid_feeds", "default"]);
    });
  });

  it("queueAs(':low') is a queue named ':low', as in Rails (only a Symbol loses its colon); Symbol.for('low') is 'low'", () => {
    class Colon extends Plain {
      static {
        this.queueAs(":low");
      }
    }
    class Sym extends Plain {
      static {
        this.queueAs(Symbol.for("low"));
      }
    }
    expect([Colon.queueName, Sym.queueName]).toEqual([":low", "low"]);
  });

  it("the class-level queueName setter stores a name as given, without the prefix (Rails' queue_name=)", () => {
    class Raw extends Plain {
      static {
        this.queueNamePrefix = "aj";
        this.queueName = "raw";
      }
    }
    expect(Raw.queueName).toBe("raw");
  });
});

describe("§2.2 default_priority", () => {
  it("is null unless set, read lazily per job, and a static queueWithPriority wins", async () => {
    class Urgent extends Plain {
      static {
        this.queueWithPriority(5);
      }
    }
    await withFakeEnvironment(async () => {
      expect(new Plain().priority).toBeNull();
      Job.defaultPriority = 20;
      expect([new Plain().priority, new Urgent().priority]).toEqual([20, 5]);
    });
  });
});

describe("§5.2 rescue_handlers", () => {
  class AError extends Error {}
  class BError extends Error {}
  class CError extends Error {}

  it("lists [class name, declaration] in declaration order, the parent's first; one entry per class named", () => {
    class Parent extends Plain {
      static {
        this.rescueFrom(AError, () => {});
      }
    }
    class Child extends Parent {
      static {
        this.retryOn([BError, "Net::ReadTimeout"], { wait: 1 });
        this.discardOn(CError);
      }
    }
    expect(Child.rescueHandlers.map(([name, h]) => `${name}:${h.kind}`)).toEqual(["AError:rescue", "BError:retry", "Net::ReadTimeout:retry", "CError:discard"]);
    expect(Parent.rescueHandlers.map(([name]) => name)).toEqual(["AError"]);
    // Two names of one declaration point at the same handler.
    expect(Child.rescueHandlers[1]![1]).toBe(Child.rescueHandlers[2]![1]);
  });
});

describe("§5.3 / §5.6 report:", () => {
  class Flaky extends Error {}
  class Gone extends Error {}

  it("is recorded on the handler and reports each retried error, then the discarded one, to the environment's reporter", async () => {
    class Reporting extends Job {
      static {
        this.retryOn(Flaky, { wait: 1, attempts: 2, report: true });
        this.discardOn(Gone, { report: true });
      }
      override perform(what: string) {
        throw what === "flaky" ? new Flaky("try again") : new Gone("no such order");
      }
    }
    expect(Reporting.rescueHandlers.map(([, h]) => h.report)).toEqual([true, true]);
    await withFakeEnvironment(async (env) => {
      const reports: [unknown, ErrorReport][] = [];
      (env as { reportError?: (e: unknown, r: ErrorReport) => void }).reportError = (e, r) => reports.push([e, r]);
      const flaky = new Reporting("flaky");
      await flaky.performNow(); // retried: reported
      await expect(flaky.performNow()).rejects.toThrow("try again"); // exhausted: re-raised, not reported again
      await new Reporting("gone").performNow(); // discarded: reported
      expect(reports.map(([e, r]) => [(e as Error).message, r])).toEqual([
        ["try again", { handled: true, severity: "warning", source: "application.active_job", context: {} }],
        ["no such order", { handled: true, severity: "warning", source: "application.active_job", context: {} }],
      ]);
    });
  });

  it("reports nothing without report: true, and nothing breaks when no reporter is installed", async () => {
    class Quiet extends Job {
      static {
        this.discardOn(Gone);
        this.retryOn(Flaky, { report: true });
      }
      override perform(what: string) {
        throw what === "flaky" ? new Flaky("x") : new Gone("y");
      }
    }
    expect(Quiet.rescueHandlers.map(([, h]) => h.report)).toEqual([false, true]);
    await withFakeEnvironment(async () => {
      expect(await new Quiet("gone").performNow()).toBeInstanceOf(Gone);
      expect(await new Quiet("flaky").performNow()).toBeInstanceOf(Flaky);
    });
  });
});

describe("§6.1 class and symbol arguments in a simulation", () => {
  it("a job class, a simulation error class and Symbol.for values come back as themselves when the job runs", async () => {
    const { world } = await import("../helpers/world.js");
    class PaymentDeclined extends Error {}
    const seen: unknown[] = [];
    class Dispatch extends Job {
      override perform(target: unknown, error: unknown, mode: unknown, opts: Record<symbol, unknown>) {
        seen.push(target === Plain, error === PaymentDeclined, mode === Symbol.for("fast"), opts[Symbol.for("retries")]);
      }
    }
    const sim = await world({ jobs: [Dispatch, Plain], errors: { PaymentDeclined } });
    await Dispatch.performLater(Plain, PaymentDeclined, Symbol.for("fast"), { [Symbol.for("retries")]: 2 });
    await sim.runUntilIdle();
    expect(seen).toEqual([true, true, true, 2]);
  });
});
