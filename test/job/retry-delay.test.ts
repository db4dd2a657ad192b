import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { retryDelay, validateWait } from "../../src/job/retry-delay.js";
import { Random } from "../../src/sim/random.js";
import { world } from "../helpers/world.js";
import { withFakeEnvironment } from "./support/fake-environment.js";

// active-job.md §5.3 (wait validation at declaration) and §5.7 (delay formulas, jitter).

class Flaky extends Error {}

const noDraw = () => {
  throw new Error("no draw expected");
};

describe("delay formulas (§5.7)", () => {
  it("polynomiallyLonger with jitter 0: 3, 18, 83, 258, 627 for n = 1..5, without drawing", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay("polynomiallyLonger", n, 0, noDraw, null))).toEqual([3, 18, 83, 258, 627]);
  });

  it("polynomiallyLonger with jitter 4.0 and a draw of exactly 1: 7, 82, 407, 1282 (the +2 is never jittered)", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay("polynomiallyLonger", n, 4.0, () => 1, null))).toEqual([7, 82, 407, 1282]);
  });

  it("the default 3 s with jitter 0 is exactly 3 every time; a fixed wait adds w * jitter * rand; a negative jitter subtracts", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(3, n, 0, noDraw, null))).toEqual([3, 3, 3, 3, 3]);
    expect(retryDelay(10, 1, 0.5, () => 0.5, null)).toBe(12.5);
    expect(retryDelay("10 seconds", 1, 0.5, () => 0.5, null)).toBe(12.5);
    expect(retryDelay(10, 1, -0.5, () => 0.5, null)).toBe(7.5);
    expect(retryDelay(0.25, 1, 0, noDraw, null)).toBe(0.25); // fractions are kept (8.2)
  });

  it("a function gets (executions, error), and its result is never jittered", () => {
    const error = new Flaky();
    const seen: unknown[] = [];
    const fn = (n: number, e: unknown) => {
      seen.push(n, e);
      return n * 10;
    };
    expect(retryDelay(fn, 2, 4.0, noDraw, error)).toBe(20);
    expect(seen).toEqual([2, error]);
    expect(retryDelay(() => "1 minute", 1, 0.15, noDraw, error)).toBe(60);
  });
});

describe("wait validation at declaration (§5.3, Rails 8.2)", () => {
  const prefix = "Unsupported argument type for :wait, expected an Integer, Float, ActiveSupport::Duration, Proc, or :polynomially_longer, but got ";

  it("raises when retryOn is declared, with Rails' message and the value", () => {
    for (const [wait, shown] of [
      ["soon", '"soon"'],
      ["exponentiallyLonger", '"exponentiallyLonger"'],
      [null, "null"],
      [Number.NaN, "NaN"],
      [{ seconds: 3 }, "{ seconds: 3 }"],
    ] as const) {
      expect(() => {
        class Bad extends Job {
          static {
            this.retryOn(Flaky, { wait: wait as never });
          }
        }
        return Bad;
      }).toThrow(prefix + shown);
    }
  });

  it("accepts seconds, fractions, duration strings, functions and polynomiallyLonger", () => {
    for (const wait of [5, 0.5, "5 seconds", "1.hour", (n: number) => n, "polynomiallyLonger"]) expect(validateWait(wait)).toBe(wait);
  });
});

describe("jitter through a job (the fake adapter records enqueue_at's float seconds)", () => {
  it("uses one draw per delay: jitter 4.0 with draws of 1 schedules retries 7, 82, 407, 1282 s after each failure", async () => {
    class Jittery extends Job {
      static {
        this.retryOn(Flaky, { wait: "polynomiallyLonger", attempts: 5, jitter: 4.0 });
      }
      override perform() {
        throw new Flaky();
      }
    }
    await withFakeEnvironment(async (env) => {
      env.draws = [1, 1, 1, 1];
      const job = new Jittery();
      const t0 = env.time / 1000;
      for (let i = 0; i < 4; i++) await job.performNow();
      expect(env.enqueued.map((e) => e.at! - t0)).toEqual([7, 82, 407, 1282]);
      expect(env.randomCalls).toBe(4);
    });
  });

  it("draws nothing with jitter 0 (the default retryJitter) or a function wait; draws with the class's retryJitter", async () => {
    class Quiet extends Job {
      static {
        this.retryOn(Flaky, { wait: "polynomiallyLonger" });
      }
      override perform() {
        throw new Flaky();
      }
    }
    class Fn extends Quiet {
      static {
        this.retryJitter = 0.15;
        this.retryOn(Flaky, { wait: (n) => n });
      }
    }
    class RailsDefault extends Quiet {
      static {
        this.retryJitter = 0.15; // what load_defaults >= 6.1 sets
        this.retryOn(Flaky, { wait: 10 });
      }
    }
    class NullJitter extends RailsDefault {
      static {
        this.retryOn(Flaky, { wait: 10, jitter: null });
      }
    }
    expect(Quiet.retryJitter).toBe(0);
    expect(RailsDefault.retryJitter).toBe(0.15);
    await withFakeEnvironment(async (env) => {
      await new Quiet().performNow();
      await new Fn().performNow();
      await new NullJitter().performNow();
      expect(env.randomCalls).toBe(0);
      env.draws = [0.5];
      await new RailsDefault().performNow();
      expect(env.randomCalls).toBe(1);
      expect(env.enqueued.map((e) => e.at! - env.time / 1000)).toEqual([3, 1, 10, 10.75]);
    });
  });
});

describe("jitter under a fixed seed, through the engine", () => {
  class Seeded extends Job {
    static {
      this.retryOn(Flaky, { wait: 10, attempts: 4, jitter: 0.5 });
    }
    override perform() {
      throw new Flaky();
    }
  }
  class Unjittered extends Job {
    static {
      this.retryOn(Flaky, { wait: "polynomiallyLonger", attempts: 3 });
    }
    override perform() {
      throw new Flaky();
    }
  }

  it("seed 42: waits 10 + 5 * draw, the draws being the seed's 'retry jitter' stream from its start (jitter 0 consumed none)", async () => {
    const sim = await world({ jobs: [Seeded, Unjittered], seed: 42 });
    await Unjittered.performLater();
    await sim.runUntilIdle();
    await Seeded.performLater();
    await sim.runUntilIdle();
    const waits = sim.trace.events.filter((e) => e.type === "retried" && e.jobClass === "Seeded").map((e) => e.data!.wait);
    expect(waits).toEqual([13.523378425736478, 12.367276096429519, 13.915433451180174]);
    const stream = new Random(42).fork("retry jitter");
    expect(waits).toEqual([1, 2, 3].map(() => 10 + stream.next() * 10 * 0.5));
    // Only the jittered job's retries are delayed by a fraction; rows keep milliseconds.
    const rows = sim.jobs({ className: "Seeded" });
    expect(rows.map((r) => r.status)).toEqual(["finished", "finished", "finished", "failed"]);
    expect(rows[1]!.scheduledAt! - rows[0]!.createdAt).toBe(13523);
  });

  it("the same seed gives the same waits; another seed others", async () => {
    const waitsFor = async (seed: number) => {
      const sim = await world({ jobs: [Seeded], seed });
      await Seeded.performLater();
      await sim.runUntilIdle();
      return sim.trace.events.filter((e) => e.type === "retried").map((e) => e.data!.wait);
    };
    expect(await waitsFor(42)).toEqual(await waitsFor(42));
    expect(await waitsFor(7)).toEqual([14.853626659649663, 14.272931839878595, 10.635234965361368]);
  });
});
