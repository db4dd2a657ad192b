import { describe, expect, it } from "vitest";
import { performAllLater } from "../../src/job/bulk.js";
import { Job } from "../../src/job/job.js";
import { sinceStart, world } from "../helpers/world.js";
import { withFakeEnvironment } from "./support/fake-environment.js";

// active-job.md §1.1 (payload), §2 (queue, priority), §3 (perform_later, set, enqueue, perform_all_later).

class Plain extends Job {
  override perform(..._args: unknown[]) {}
}

describe("set({ wait, waitUntil, queue, priority }) (§3.2)", () => {
  it("schedules wait seconds or a duration from the moment of enqueue; the adapter gets float epoch seconds", async () => {
    await withFakeEnvironment(async (env) => {
      const t0 = env.time;
      const later = Plain.set({ wait: "5 minutes" });
      env.time += 10_000; // wait counts from performLater, not from set
      const job = (await later.performLater()) as Job;
      expect(job.scheduledAt).toBe(t0 + 10_000 + 300_000);
      expect(env.enqueued[0]!.at).toBe((t0 + 310_000) / 1000);
      await Plain.set({ wait: 90 }).performLater();
      await Plain.set({ wait: "1.hour" }).performLater();
      await Plain.set({ wait: 0.5 }).performLater();
      await Plain.set({ wait: -5 }).performLater(); // allowed, as in Rails: due at once
      expect(env.enqueued.slice(1).map((e) => e.at! - env.time / 1000)).toEqual([90, 3600, 0.5, -5]);
    });
  });

  it("lets waitUntil win over wait, accepts a Date or epoch ms, and leaves absent or null options alone", async () => {
    await withFakeEnvironment(async (env) => {
      const at = Date.UTC(2026, 5, 1, 12);
      const a = (await Plain.set({ wait: 60, waitUntil: new Date(at) }).performLater()) as Job;
      const b = (await Plain.set({ waitUntil: at, queue: null, priority: null }).performLater()) as Job;
      expect([a.scheduledAt, b.scheduledAt]).toEqual([at, at]);
      expect([b.queueName, b.priority]).toEqual(["default", null]);
      const now = (await Plain.performLater()) as Job;
      expect(now.scheduledAt).toBeNull();
      expect(env.enqueued[2]!.at).toBeUndefined(); // enqueue, not enqueue_at
    });
  });

  it("casts priority with to_i: '7' is 7, 7.9 is 7, 'x' is refused; a queue goes through the prefix", async () => {
    class Prefixed extends Plain {
      static {
        this.queueNamePrefix = "aj";
      }
    }
    await withFakeEnvironment(async () => {
      const jobs = (await Promise.all(["7", 7.9, " -3 "].map((p) => Prefixed.set({ priority: p, queue: "low" }).performLater()))) as Job[];
      expect(jobs.map((j) => j.priority)).toEqual([7, 7, -3]);
      expect(jobs.map((j) => j.queueName)).toEqual(["aj_low", "aj_low", "aj_low"]);
      // Rails' to_i would make "x" 0; jobsim refuses it (docs/fidelity.md).
      expect(() => Prefixed.set({ priority: "x" })).toThrow('set: priority must be an integer (or an integer string such as "7"), got "x"');
    });
  });

  it("set(...).performNow applies the options and runs inline, never touching the adapter", async () => {
    const seen: unknown[] = [];
    class Inline extends Job {
      override perform() {
        seen.push(this.queueName, this.priority);
        return "ran";
      }
    }
    await withFakeEnvironment(async (env) => {
      expect(await Inline.set({ queue: "low", priority: "3" }).performNow()).toBe("ran");
      expect(env.enqueued).toEqual([]);
    });
    expect(seen).toEqual(["low", 3]);
  });
});

describe("queues and prefixes (§2.1)", () => {
  it("prefixes a static queue at declaration; the default queue and a function queue pick up a later prefix", async () => {
    class Base extends Plain {}
    Base.queueNamePrefix = "aj";
    class Static extends Base {
      static {
        this.queueAs("low");
      }
    }
    class Default extends Base {}
    class ByFunction extends Base {
      static {
        this.queueAs(() => "fast");
      }
    }
    Base.queueNamePrefix = "later";
    await withFakeEnvironment(async () => {
      expect([new Static().queueName, new Default().queueName, new ByFunction().queueName]).toEqual(["aj_low", "later_default", "later_fast"]);
    });
  });

  it("joins with queueNameDelimiter; a blank prefix means none; null is the default queue, '' is allowed", async () => {
    class Dotted extends Plain {
      static {
        this.queueNamePrefix = "aj";
        this.queueNameDelimiter = ".";
        this.queueAs("low");
      }
    }
    class Blank extends Plain {
      static {
        this.queueNamePrefix = "";
        this.queueAs("low");
      }
    }
    class Nil extends Plain {
      static {
        this.queueAs(null);
      }
    }
    class Empty extends Plain {
      static {
        this.queueAs("");
      }
    }
    await withFakeEnvironment(async () => {
      expect([new Dotted().queueName, new Blank().queueName, new Nil().queueName, new Empty().queueName]).toEqual(["aj.low", "low", "default", ""]);
    });
  });

  it("keeps a prefix set on one class out of its parent and siblings", async () => {
    class Parent extends Plain {}
    class A extends Parent {
      static {
        this.queueNamePrefix = "a";
      }
    }
    class B extends Parent {}
    await withFakeEnvironment(async () => {
      expect([new A().queueName, new B().queueName, new Parent().queueName]).toEqual(["a_default", "default", "default"]);
      expect(B.queueNamePrefix).toBeNull();
    });
  });

  it("runs a queue or priority function with the job (reading its arguments) once, the first time it is read; priority is not converted", async () => {
    let calls = 0;
    class Routed extends Job {
      static {
        this.queueAs(function (this: Routed) {
          calls++;
          return this.arguments[0] === "vip" ? "critical" : null;
        });
        this.queueWithPriority((job: Routed) => (job.arguments[0] === "vip" ? "1" : undefined) as never);
      }
      override perform(_kind: string) {}
    }
    await withFakeEnvironment(async (env) => {
      const vip = (await Routed.performLater("vip")) as Routed;
      expect([vip.queueName, vip.queueName, calls]).toEqual(["critical", "critical", 1]);
      expect(vip.priority).toBe("1");
      const other = new Routed("other");
      expect([other.queueName, other.priority]).toEqual(["default", null]);
      expect(env.enqueued[0]!.payload.queue_name).toBe("critical");
    });
  });

  it("stores a static priority as given, inherited by subclasses", async () => {
    class P extends Plain {
      static {
        this.queueWithPriority(50);
      }
    }
    class Q extends P {}
    await withFakeEnvironment(async () => {
      expect([new P().priority, new Q().priority]).toEqual([50, 50]);
    });
  });
});

describe("perform_later / perform_now (§3.1, §3.4)", () => {
  it("uses an instance given as the first argument instead of building one", async () => {
    await withFakeEnvironment(async (env) => {
      const job = new Plain(1, 2);
      expect(await Plain.performLater(job)).toBe(job);
      expect(env.enqueued[0]!.payload.arguments).toEqual([1, 2]);
      const ran: unknown[] = [];
      class Echo extends Job {
        override perform(x: number) {
          ran.push(x, this);
        }
      }
      const echo = new Echo(5);
      await Echo.performNow(echo);
      expect(ran).toEqual([5, echo]);
    });
  });

  it("serializes the payload with Active Job's keys in order; enqueued_at is taken at each serialize", async () => {
    await withFakeEnvironment(async (env) => {
      const job = new Plain("a", { b: 1 });
      job.set({ wait: 1.5, priority: 3 });
      const payload = job.serialize();
      expect(Object.keys(payload)).toEqual([
        "job_class",
        "job_id",
        "provider_job_id",
        "queue_name",
        "priority",
        "arguments",
        "executions",
        "exception_executions",
        "locale",
        "timezone",
        "enqueued_at",
        "scheduled_at",
      ]);
      expect(payload).toMatchObject({
        job_class: "Plain",
        queue_name: "default",
        priority: 3,
        arguments: ["a", { b: 1, _aj_symbol_keys: [] }],
        executions: 0,
        exception_executions: {},
        enqueued_at: "2026-01-01T00:00:00.000000000Z",
        scheduled_at: "2026-01-01T00:00:01.500000000Z",
      });
      env.time += 1;
      expect(job.serialize().enqueued_at).toBe("2026-01-01T00:00:00.001000000Z");
      // deserialize copies the fields back; a missing scheduled_at leaves the instance's value.
      const copy = Plain.deserialize({ ...payload, scheduled_at: null });
      expect([copy.jobId, copy.priority, copy.scheduledAt, copy.arguments]).toEqual([job.jobId, 3, null, []]);
    });
  });
});

describe("performAllLater (§3.5)", () => {
  class Loud extends Job {
    static calls = 0;
    static {
      this.beforeEnqueue(() => {
        Loud.calls++;
      });
      this.aroundEnqueue(() => {}); // would swallow every enqueue if it ran
    }
    override perform(_n: number) {}
  }

  it("runs no enqueue callbacks, returns nothing, and sets each job's successfullyEnqueued / enqueueError (adapter without enqueueAll)", async () => {
    await withFakeEnvironment(async (env) => {
      const jobs = [new Loud(1), new Loud(2), new Loud(3)];
      jobs[2]!.set({ waitUntil: env.time + 60_000 });
      env.failNext = 0;
      expect(await performAllLater(jobs)).toBeUndefined();
      expect(jobs.map((j) => j.successfullyEnqueued)).toEqual([true, true, true]);
      expect(env.enqueued.map((e) => e.at)).toEqual([undefined, undefined, env.time / 1000 + 60]);
      const more = [new Loud(4), new Loud(5)];
      env.failNext = 1;
      await performAllLater(...more);
      expect(more.map((j) => [j.successfullyEnqueued, j.enqueueError?.name ?? null])).toEqual([
        [false, "EnqueueError"],
        [true, null],
      ]);
    });
    expect(Loud.calls).toBe(0);
  });

  it("enqueues them in one go in a simulation: rows, provider ids, scheduled ones scheduled", async () => {
    const sim = await world({ jobs: [Loud] });
    const jobs = [new Loud(1), new Loud(2)];
    jobs[1]!.set({ wait: 30 });
    await performAllLater(jobs);
    expect(jobs.map((j) => [j.successfullyEnqueued, j.providerJobId])).toEqual([
      [true, 1],
      [true, 2],
    ]);
    expect(sim.jobs().map((j) => [j.status, sinceStart(j.scheduledAt!)])).toEqual([
      ["ready", 0],
      ["scheduled", 30],
    ]);
    expect(Loud.calls).toBe(0);
  });
});

describe("concurrency keys (solid-queue §3.2)", () => {
  it("calls a key function with the job's arguments and the job as this; nil parts are dropped", async () => {
    class Limited extends Job {
      static {
        this.limitsConcurrency({
          key: function (this: Limited, account: number | null) {
            return account === null ? null : `${account}-${this.arguments.length}`;
          },
        });
      }
      override perform(_account: number | null) {}
    }
    class Grouped extends Job {
      static {
        this.limitsConcurrency({ key: true as never, group: "Shared" });
      }
      override perform() {}
    }
    const sim = await world({ jobs: [Limited, Grouped] });
    await Limited.performLater(7);
    await Limited.performLater(null);
    await Grouped.performLater();
    expect(sim.jobs().map((j) => j.concurrencyKey)).toEqual(["Limited/7-1", "Limited", "Shared/true"]);
  });
});
