import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { world } from "../helpers/world.js";
import { withFakeEnvironment } from "./support/fake-environment.js";

// active-job.md §4: callback kinds, run order, halting, conditions, inheritance; §5.1 return values.

class Recording extends Job {
  history: string[] = [];
  note(s: string) {
    this.history.push(s);
  }
  override perform(): unknown {
    this.note("perform");
    return "performed";
  }
}

const before = (s: string) => (j: Recording) => j.note(s);
const after = before;
const around = (s: string) => async (j: Recording, block: () => Promise<unknown>) => {
  j.note(`${s}-pre`);
  await block();
  j.note(`${s}-post`);
};
const aborting = (s: string) => (j: Recording) => {
  j.note(s);
  j.abort();
};

async function performed(cls: new () => Recording): Promise<{ history: string[]; result: unknown }> {
  return withFakeEnvironment(async () => {
    const job = new cls();
    const result = await job.performNow();
    return { history: job.history, result };
  });
}

describe("run order (§4.2)", () => {
  it("runs the worked example: P-b, b1, A1-pre, b2, A2-pre, perform, a2, A2-post, a1, A1-post, P-a", async () => {
    class Parent extends Recording {
      static {
        this.beforePerform(before("P-b"));
        this.afterPerform(after("P-a"));
      }
    }
    class Child extends Parent {
      static {
        this.beforePerform(before("b1"));
        this.aroundPerform(around("A1"));
        this.afterPerform(after("a1"));
        this.beforePerform(before("b2"));
        this.aroundPerform(around("A2"));
        this.afterPerform(after("a2"));
      }
    }
    const { history, result } = await performed(Child);
    expect(history).toEqual(["P-b", "b1", "A1-pre", "b2", "A2-pre", "perform", "a2", "A2-post", "a1", "A1-post", "P-a"]);
    expect(result).toBe("performed");
  });

  it("ports ActiveSupport's AroundCallbacksTest#test_save_around (method names, dedupe, conditions)", async () => {
    class AroundPerson extends Recording {
      static {
        this.beforePerform("nope", { if: "no" });
        this.beforePerform("nope", { unless: "yes" });
        this.afterPerform("tweedle");
        this.beforePerform((j) => j.note("yup"));
        this.beforePerform("nope", { if: () => false });
        this.beforePerform("nope", { unless: () => true });
        this.beforePerform("yup", { if: () => true });
        this.beforePerform("yup", { unless: () => false }); // replaces the one above
        this.aroundPerform("tweedleDum");
        this.aroundPerform("w0tyes", { if: "yes" });
        this.aroundPerform("w0tno", { if: "no" });
        this.aroundPerform("tweedleDeedle");
      }
      no() {
        return false;
      }
      yes() {
        return true;
      }
      nope() {
        this.note("boom");
      }
      yup() {
        this.note("yup");
      }
      tweedle() {
        this.note("tweedle");
      }
      async w0tyes(block: () => Promise<unknown>) {
        this.note("w0tyes before");
        await block();
        this.note("w0tyes after");
      }
      async w0tno(block: () => Promise<unknown>) {
        this.note("boom");
        await block();
      }
      async tweedleDum(block: () => Promise<unknown>) {
        this.note("tweedle dum pre");
        await block();
        this.note("tweedle dum post");
      }
      async tweedleDeedle(block: () => Promise<unknown>) {
        this.note("tweedle deedle pre");
        await block();
        this.note("tweedle deedle post");
      }
      override perform() {
        this.note("running");
      }
    }
    const { history } = await performed(AroundPerson);
    expect(history).toEqual([
      "yup",
      "yup",
      "tweedle dum pre",
      "w0tyes before",
      "tweedle deedle pre",
      "running",
      "tweedle deedle post",
      "w0tyes after",
      "tweedle dum post",
      "tweedle",
    ]);
  });

  it("gives an around's block the value of what it wraps (AroundCallbackResultTest)", async () => {
    let result: unknown;
    class AroundResult extends Recording {
      static {
        this.afterPerform(after("tweedle 1"));
        this.aroundPerform(async (_j, block) => {
          result = await block();
        });
        this.afterPerform(after("tweedle 2"));
      }
    }
    await performed(AroundResult);
    expect(result).toBe("performed");
  });

  it("runs afters in reverse declaration order", async () => {
    class Afters extends Recording {
      static {
        this.afterPerform(after("a1"));
        this.afterPerform(after("a2"));
        this.afterPerform(after("a3"));
      }
    }
    expect((await performed(Afters)).history).toEqual(["perform", "a3", "a2", "a1"]);
  });

  it("puts prepend: true callbacks at the front, before inherited ones", async () => {
    class Parent extends Recording {
      static {
        this.beforePerform(before("parent"));
      }
    }
    class Child extends Parent {
      static {
        this.beforePerform(before("child"));
        this.beforePerform(before("first"), { prepend: true });
      }
    }
    expect((await performed(Child)).history).toEqual(["first", "parent", "child", "perform"]);
  });

  it("moves a method-name callback declared again (also across inheritance) to the end; blocks are never deduplicated", async () => {
    class Parent extends Recording {
      static {
        this.beforePerform("one");
        this.beforePerform("two");
        this.afterPerform("one"); // another kind: not a duplicate of the before
      }
      one() {
        this.note("one");
      }
      two() {
        this.note("two");
      }
    }
    const block = before("block");
    class Child extends Parent {
      static {
        this.beforePerform(block);
        this.beforePerform(block);
        this.beforePerform("one");
      }
    }
    expect((await performed(Parent)).history).toEqual(["one", "two", "perform", "one"]);
    expect((await performed(Child)).history).toEqual(["two", "block", "block", "one", "perform", "one"]);
  });

  it("keeps a subclass's callbacks out of its parent and siblings", async () => {
    class Parent extends Recording {
      static {
        this.beforePerform(before("parent"));
      }
    }
    class A extends Parent {
      static {
        this.beforePerform(before("a"));
      }
    }
    class B extends Parent {}
    expect((await performed(A)).history).toEqual(["parent", "a", "perform"]);
    expect((await performed(B)).history).toEqual(["parent", "perform"]);
    expect((await performed(Parent)).history).toEqual(["parent", "perform"]);
  });
});

describe("conditions (§4.1)", () => {
  it("skips a callback whose if fails or whose unless holds; all of a list must pass", async () => {
    class Conditional extends Recording {
      flag = true;
      static {
        this.beforePerform(before("if-true"), { if: (j) => j.flag });
        this.beforePerform(before("if-false"), { if: (j) => !j.flag });
        this.beforePerform(before("unless-true"), { unless: "isFlagged" });
        this.beforePerform(before("unless-false"), { unless: () => false });
        this.beforePerform(before("if-list"), { if: [() => true, (j) => !j.flag] });
        this.beforePerform(before("this-bound"), {
          if(this: Conditional) {
            return this.flag;
          },
        });
      }
      isFlagged() {
        return this.flag;
      }
    }
    expect((await performed(Conditional)).history).toEqual(["if-true", "unless-false", "this-bound", "perform"]);
  });

  it("reads an after's condition after the body ran", async () => {
    class Late extends Recording {
      done = false;
      static {
        this.afterPerform(after("after-done"), { if: (j) => j.done });
      }
      override perform() {
        this.done = true;
      }
    }
    expect((await performed(Late)).history).toEqual(["after-done"]);
  });

  it("does not wrap with an around whose condition fails", async () => {
    class SkippedAround extends Recording {
      static {
        this.aroundPerform(around("skipped"), { if: () => false });
        this.afterPerform(after("after"));
      }
    }
    expect((await performed(SkippedAround)).history).toEqual(["perform", "after"]);
  });
});

describe("halting (§4.3)", () => {
  it("before b1; around A1; after x; before b2 (aborts); before b3; after y runs b1, A1-pre, b2, A1-post", async () => {
    class Halting extends Recording {
      static {
        this.beforePerform(before("b1"));
        this.aroundPerform(around("A1"));
        this.afterPerform(after("x"));
        this.beforePerform(aborting("b2"));
        this.beforePerform(before("b3"));
        this.afterPerform(after("y"));
      }
    }
    const { history, result } = await performed(Halting);
    expect(history).toEqual(["b1", "A1-pre", "b2", "A1-post"]);
    expect(result).toBe(false);
  });

  it("gives a started around's block a falsy value when the chain halts inside it", async () => {
    let inner: unknown = "unset";
    class Halting extends Recording {
      static {
        this.aroundPerform(async (_j, block) => {
          inner = await block();
        });
        this.beforePerform(aborting("b"));
      }
    }
    await performed(Halting);
    expect(inner).toBe(false);
  });

  it("skips afters declared before the halting before, too", async () => {
    class Halting extends Recording {
      static {
        this.afterPerform(after("outer after"));
        this.beforePerform(aborting("b"));
      }
    }
    expect(await performed(Halting)).toEqual({ history: ["b"], result: false });
  });

  it("does not halt when a before returns false", async () => {
    class ReturnsFalse extends Recording {
      static {
        this.beforePerform(() => false);
      }
    }
    expect(await performed(ReturnsFalse)).toEqual({ history: ["perform"], result: "performed" });
  });

  it("treats an around that never yields as no halt: the body is skipped, outer afters still run, perform_now returns undefined (nil)", async () => {
    class NoYield extends Recording {
      static {
        this.afterPerform(after("outer after"));
        this.aroundPerform((j) => j.note("around without yield"));
        this.afterPerform(after("inner after"));
        this.beforePerform(before("inner before"));
      }
    }
    expect(await performed(NoYield)).toEqual({ history: ["around without yield", "outer after"], result: undefined });
  });

  it("makes abort() from an around or an after an error (Ruby's UncaughtThrowError), handled by rescueFrom", async () => {
    class AbortInAround extends Recording {
      static {
        this.aroundPerform((j) => j.abort());
      }
    }
    await withFakeEnvironment(async () => {
      await expect(new AbortInAround().performNow()).rejects.toMatchObject({ name: "UncaughtThrowError", message: "uncaught throw :abort" });
    });
    class AbortInAfter extends Recording {
      static {
        this.afterPerform((j) => j.abort());
        this.rescueFrom("UncaughtThrowError", (j, e: Error) => j.note(`rescued ${e.message}`));
      }
    }
    expect((await performed(AbortInAfter)).history).toEqual(["perform", "rescued uncaught throw :abort"]);
  });

  it("sends an error raised in a perform callback through the job's handlers", async () => {
    class Boom extends Error {}
    class Raising extends Recording {
      static {
        this.beforePerform(() => {
          throw new Boom("in before");
        });
        this.rescueFrom(Boom, (j, e: Error) => j.note(`rescued ${e.message}`));
      }
    }
    const { history, result } = await performed(Raising);
    expect(history).toEqual(["rescued in before"]);
    expect(result).toBeInstanceOf(Boom);
  });
});

describe("perform_now return values (§5.1)", () => {
  it("returns perform's value, false when a before halted, undefined when an around did not yield", async () => {
    class Plain extends Recording {}
    class Halted extends Recording {
      static {
        this.beforePerform((j) => j.abort());
      }
    }
    class Swallowed extends Recording {
      static {
        this.aroundPerform(() => "around's own value is not the result");
      }
    }
    expect((await performed(Plain)).result).toBe("performed");
    expect((await performed(Halted)).result).toBe(false);
    expect((await performed(Swallowed)).result).toBeUndefined();
  });

  it("counts executions before the callbacks run: 1 then 2 on one instance", async () => {
    const seen: number[] = [];
    class Counting extends Recording {
      static {
        this.beforePerform((j) => seen.push(j.executions));
      }
    }
    await withFakeEnvironment(async () => {
      const job = new Counting();
      await job.performNow();
      await job.performNow();
    });
    expect(seen).toEqual([1, 2]);
  });
});

describe("enqueue chain (§3.3, §4.3)", () => {
  class Enq extends Job {
    static log: string[] = [];
    override perform() {}
  }

  it("runs the adapter call inside the enqueue chain; afters see successfullyEnqueued", async () => {
    class Ordered extends Enq {
      static {
        this.beforeEnqueue(() => Enq.log.push("before"));
        this.aroundEnqueue(async (_j, block) => {
          Enq.log.push("around-pre");
          await block();
          Enq.log.push("around-post");
        });
        this.afterEnqueue((j) => Enq.log.push(`after ${j.successfullyEnqueued}`));
      }
    }
    Enq.log = [];
    await withFakeEnvironment(async (env) => {
      const job = await Ordered.performLater();
      expect(job).toBeInstanceOf(Ordered);
      expect(env.enqueued).toHaveLength(1);
    });
    expect(Enq.log).toEqual(["before", "around-pre", "after true", "around-post"]);
  });

  it("returns false and reaches no adapter when a before halts, an around does not yield, or the adapter raises EnqueueError", async () => {
    class HaltBefore extends Enq {
      static {
        this.beforeEnqueue((j) => j.abort());
      }
    }
    class NoYield extends Enq {
      static {
        this.aroundEnqueue(() => {});
      }
    }
    class AfterSees extends Enq {
      static {
        this.afterEnqueue((j) => Enq.log.push(`after ${j.successfullyEnqueued} ${j.enqueueError?.name}`));
      }
    }
    Enq.log = [];
    await withFakeEnvironment(async (env) => {
      expect(await HaltBefore.performLater()).toBe(false);
      expect(await NoYield.performLater()).toBe(false);
      expect(env.enqueued).toHaveLength(0);
      expect(env.noticeTypes()).toEqual(["enqueue_aborted"]);
      env.failNext = 1;
      const job = new AfterSees();
      expect(await job.enqueue()).toBe(false);
      expect(job.successfullyEnqueued).toBe(false);
      expect(job.enqueueError?.name).toBe("EnqueueError");
      // Re-enqueueing the same instance resets both flags.
      expect(await job.enqueue()).toBe(job);
      expect(job.successfullyEnqueued).toBe(true);
      expect(job.enqueueError).toBeNull();
    });
    expect(Enq.log).toEqual(["after false EnqueueError", "after true undefined"]);
  });

  it("lets other exceptions escape performLater (a SerializationError from the adapter's serialize)", async () => {
    await withFakeEnvironment(async () => {
      await expect(Enq.performLater(new Map() as never)).rejects.toMatchObject({ name: "SerializationError" });
    });
  });
});

describe("halts in the trace of a simulation", () => {
  it("records enqueue_aborted (no row) and perform_aborted (the row finishes, perform never ran)", async () => {
    class Guarded extends Job {
      static ran = 0;
      static {
        this.beforeEnqueue((j) => {
          if (j.arguments[0] === "refuse") j.abort();
        });
        this.beforePerform((j) => {
          if (j.arguments[0] === "skip") j.abort();
        });
      }
      override perform(_mode: string) {
        Guarded.ran++;
      }
    }
    const sim = await world({ jobs: [Guarded] });
    expect(await Guarded.performLater("refuse")).toBe(false);
    expect(await Guarded.performLater("skip")).toBeInstanceOf(Guarded);
    await sim.runUntilIdle();
    const types = sim.trace.events.map((e) => e.type);
    expect(types.filter((t) => t === "enqueue_aborted")).toHaveLength(1);
    expect(types.filter((t) => t === "perform_aborted")).toHaveLength(1);
    expect(sim.jobs().map((j) => [j.id, j.status])).toEqual([[1, "finished"]]);
    expect(Guarded.ran).toBe(0);
    const aborted = sim.trace.events.find((e) => e.type === "perform_aborted")!;
    expect(aborted).toMatchObject({ jobId: 1, jobClass: "Guarded" });
  });

  it("records abort() outside a before callback as a failed execution of class UncaughtThrowError", async () => {
    class Stray extends Job {
      override perform() {
        this.abort();
      }
    }
    const sim = await world({ jobs: [Stray] });
    await Stray.performLater();
    await sim.runUntilIdle();
    expect(sim.jobs()[0]!.error).toMatchObject({ exceptionClass: "UncaughtThrowError", message: "uncaught throw :abort" });
  });
});
