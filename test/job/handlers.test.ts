import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { withFakeEnvironment } from "./support/fake-environment.js";

// active-job.md §5.2 (lookup), §5.3 exhaustion, §5.6 discard_on / after_discard.

class ParentError extends Error {}
class ChildError extends ParentError {}
class OtherError extends Error {}

/** A job that raises what its first argument names; `seen` records the handling. */
class Raising extends Job {
  seen: string[] = [];
  static errors: Record<string, new (m?: string) => Error> = { ParentError, ChildError, OtherError };
  override perform(name: string, message = "boom") {
    throw new Raising.errors[name]!(message);
  }
}

const tag = (label: string) => (job: Raising, error: Error) => job.seen.push(`${label}:${error.constructor.name}`);

async function run(cls: typeof Raising, ...args: [string, string?]) {
  return withFakeEnvironment(async () => {
    const job = new cls(...args);
    try {
      const result = await job.performNow();
      return { seen: job.seen, result, raised: undefined as unknown };
    } catch (raised) {
      return { seen: job.seen, result: undefined as unknown, raised };
    }
  });
}

describe("handler lookup (§5.2)", () => {
  it("takes the last matching declaration, even when an earlier one is more specific", async () => {
    class J extends Raising {
      static {
        this.rescueFrom(ChildError, tag("child"));
        this.rescueFrom(ParentError, tag("parent"));
      }
    }
    const { seen, result } = await run(J, "ChildError");
    expect(seen).toEqual(["parent:ChildError"]);
    expect(result).toBeInstanceOf(ChildError); // perform_now returns the handled error
  });

  it("lets a subclass's handlers beat inherited ones, whatever their specificity", async () => {
    class Parent extends Raising {
      static {
        this.rescueFrom(ChildError, tag("parent-specific"));
      }
    }
    class Child extends Parent {
      static {
        this.rescueFrom(Error, tag("child-general"));
      }
    }
    expect((await run(Child, "ChildError")).seen).toEqual(["child-general:ChildError"]);
    expect((await run(Parent, "ChildError")).seen).toEqual(["parent-specific:ChildError"]);
  });

  it("gives every class of one declaration the same handler", async () => {
    class J extends Raising {
      static {
        this.rescueFrom([ChildError, OtherError], tag("either"));
      }
    }
    expect((await run(J, "OtherError")).seen).toEqual(["either:OtherError"]);
    expect((await run(J, "ChildError")).seen).toEqual(["either:ChildError"]);
    expect((await run(J, "ParentError")).raised).toBeInstanceOf(ParentError);
  });

  it("resolves class names given as strings at lookup, with is_a? semantics", async () => {
    class J extends Raising {
      static {
        this.rescueFrom("ParentError", tag("by-name"));
      }
    }
    expect((await run(J, "ChildError")).seen).toEqual(["by-name:ChildError"]);
    expect((await run(J, "OtherError")).raised).toBeInstanceOf(OtherError);
  });

  it("walks error.cause when nothing matches, and hands the cause to the handler (perform_now returns it)", async () => {
    class Wrapping extends Raising {
      static {
        this.rescueFrom(ChildError, tag("cause"));
      }
      override perform() {
        throw new OtherError("wrapper", { cause: new ChildError("root") });
      }
    }
    const { seen, result } = await run(Wrapping, "x");
    expect(seen).toEqual(["cause:ChildError"]);
    expect((result as Error).message).toBe("root");
  });

  it("stops the cause walk when a cause repeats, and re-raises the original", async () => {
    class Cyclic extends Raising {
      static {
        this.rescueFrom(ChildError, tag("never"));
      }
      override perform() {
        const a = new OtherError("a");
        const b = new OtherError("b", { cause: a });
        (a as { cause?: unknown }).cause = b;
        throw a;
      }
    }
    const { raised, seen } = await run(Cyclic, "x");
    expect((raised as Error).message).toBe("a");
    expect(seen).toEqual([]);
  });

  it("lets an error raised by a handler escape perform_now, with no second lookup and no after_discard", async () => {
    class J extends Raising {
      static {
        this.rescueFrom(OtherError, tag("second lookup"));
        this.rescueFrom(ChildError, () => {
          throw new OtherError("from handler");
        });
        this.afterDiscard(tag("after_discard"));
      }
    }
    const { raised, seen } = await run(J, "ChildError");
    expect((raised as Error).message).toBe("from handler");
    expect(seen).toEqual([]);
  });

  it("calls a handler given as a method name with the error (Rails' with: :method)", async () => {
    class J extends Raising {
      static {
        this.rescueFrom(ChildError, "handleIt");
      }
      handleIt(error: Error) {
        this.seen.push(`method:${error.message}`);
      }
    }
    expect((await run(J, "ChildError", "m")).seen).toEqual(["method:m"]);
  });

  it("gives blocks the job itself (this and the first argument)", async () => {
    const got: unknown[] = [];
    class J extends Raising {
      static {
        this.rescueFrom(ChildError, function (this: J, job) {
          got.push(this === job, job instanceof J, job.arguments);
        });
      }
    }
    await run(J, "ChildError", "m");
    expect(got).toEqual([true, true, ["ChildError", "m"]]);
  });

  it("rescues errors that are not StandardError-like too (NotImplementedError from a missing perform)", async () => {
    class NoPerform extends Job {
      static handled: string[] = [];
      static {
        this.rescueFrom("NotImplementedError", (_j, e: Error) => NoPerform.handled.push(e.name));
      }
    }
    await withFakeEnvironment(async () => {
      await new NoPerform().performNow();
    });
    expect(NoPerform.handled).toEqual(["NotImplementedError"]);
  });
});

describe("declaration checks", () => {
  it("refuses a matcher that is not an Error class or a name, and a rescueFrom without a handler", () => {
    expect(() => Raising.rescueFrom(Date as never, () => {})).toThrow("Date must be an Error class or a String referencing an Error class");
    expect(() => Raising.rescueFrom([], () => {})).toThrow("name at least one error class");
    expect(() => Raising.rescueFrom(ParentError, undefined as never)).toThrow("need a handler");
  });
});

describe("after_discard (§5.6)", () => {
  it("runs for an error no handler matched, before re-raising it; parent's first, in declaration order", async () => {
    class Parent extends Raising {
      static {
        this.afterDiscard(tag("parent-1"));
      }
    }
    class Child extends Parent {
      static {
        this.afterDiscard(tag("child-1"));
        this.afterDiscard(function (this: Child, job) {
          job.seen.push(`this is job: ${this === job}`);
        });
      }
    }
    const { seen, raised } = await run(Child, "OtherError");
    expect(seen).toEqual(["parent-1:OtherError", "child-1:OtherError", "this is job: true"]);
    expect(raised).toBeInstanceOf(OtherError);
  });

  it("does not run when a plain rescueFrom handled the error", async () => {
    class J extends Raising {
      static {
        this.rescueFrom(OtherError, tag("rescued"));
        this.afterDiscard(tag("after_discard"));
      }
    }
    expect((await run(J, "OtherError")).seen).toEqual(["rescued:OtherError"]);
  });

  it("runs every proc even when some raise, then raises the last of their errors in place of the original", async () => {
    class J extends Raising {
      static {
        this.afterDiscard((job) => {
          job.seen.push("first");
          throw new Error("first failed");
        });
        this.afterDiscard((job) => job.seen.push("second"));
        this.afterDiscard((job) => {
          job.seen.push("third");
          throw new Error("third failed");
        });
      }
    }
    const { seen, raised } = await run(J, "OtherError");
    expect(seen).toEqual(["first", "second", "third"]);
    expect((raised as Error).message).toBe("third failed");
  });
});

describe("discard_on (§5.6)", () => {
  it("with a block: the block, then after_discard; nothing is re-raised or re-enqueued; perform_now returns the error", async () => {
    class J extends Raising {
      static {
        this.discardOn(ChildError, tag("discard block"));
        this.afterDiscard(tag("after_discard"));
      }
    }
    await withFakeEnvironment(async (env) => {
      const job = new J("ChildError");
      const result = await job.performNow();
      expect(result).toBeInstanceOf(ChildError);
      expect(job.seen).toEqual(["discard block:ChildError", "after_discard:ChildError"]);
      expect(env.enqueued).toEqual([]);
      expect(env.noticeTypes()).toEqual(["perform_started", "discarded"]);
    });
  });

  it("without a block: after_discard only", async () => {
    class J extends Raising {
      static {
        this.discardOn([ParentError]);
        this.afterDiscard(tag("after_discard"));
      }
    }
    const { seen, result, raised } = await run(J, "ChildError");
    expect(seen).toEqual(["after_discard:ChildError"]);
    expect(result).toBeInstanceOf(ChildError);
    expect(raised).toBeUndefined();
  });
});

describe("retry_on exhaustion (§5.3), with the test adapter performing retries at once", () => {
  it("without a block: after_discard once (innermost job), then the same error escapes", async () => {
    const discards: number[] = [];
    class J extends Raising {
      static {
        this.retryOn(ChildError, { attempts: 3 });
        this.afterDiscard((job) => discards.push(job.executions));
      }
    }
    await withFakeEnvironment(async (env) => {
      env.performImmediately = true;
      const error = await new J("ChildError").performNow().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChildError);
      expect(env.performed.map((p) => p.executions)).toEqual([1, 2]);
      expect(env.noticeTypes().filter((t) => t === "retried")).toHaveLength(2);
      expect(env.noticeTypes().filter((t) => t === "retry_stopped")).toHaveLength(1);
    });
    expect(discards).toEqual([3]);
  });

  it("with a block: block(job, error), then after_discard; the error is swallowed and returned", async () => {
    const order: string[] = [];
    class J extends Raising {
      static {
        this.retryOn(ChildError, { attempts: 2 }, (job, error: Error) => order.push(`exhausted ${job.executions} ${error.constructor.name}`));
        this.afterDiscard((job) => order.push(`after_discard ${job.executions}`));
      }
    }
    await withFakeEnvironment(async (env) => {
      env.performImmediately = true;
      expect(await new J("ChildError").performNow()).toBeInstanceOf(ChildError);
    });
    expect(order).toEqual(["exhausted 2 ChildError", "after_discard 2"]);
  });

  it("counts RetryJob's notices as the Rails tests do: one retry for (DefaultsError, 2), one retry_stopped for (CustomCatchError, 6), one discard for (DiscardableError, 6)", async () => {
    class DefaultsError extends Error {}
    class CustomCatchError extends Error {}
    class DiscardableError extends Error {}
    const classes: Record<string, new () => Error> = { DefaultsError, CustomCatchError, DiscardableError };
    class RetryJob extends Job {
      static {
        this.retryOn(DefaultsError);
        this.retryOn(CustomCatchError, { attempts: 3 }, () => {});
        this.discardOn(DiscardableError);
      }
      // Raises `name` while executions < attempts, as Rails' RetryJob.
      override perform(name: string, attempts: number) {
        if (this.executions < attempts) throw new classes[name]!();
      }
    }
    for (const [name, attempts, notice] of [
      ["DefaultsError", 2, "retried"],
      ["CustomCatchError", 6, "retry_stopped"],
      ["DiscardableError", 6, "discarded"],
    ] as const) {
      await withFakeEnvironment(async (env) => {
        env.performImmediately = true;
        await RetryJob.performNow(name, attempts);
        expect(env.noticeTypes().filter((t) => t === notice)).toHaveLength(1);
      });
    }
  });
});
