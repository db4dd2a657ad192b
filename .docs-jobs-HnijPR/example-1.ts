import { createSimulation, Job } from "../src/index.js";

const order: string[] = [];

class ApplicationJob extends Job {
  static {
    this.beforePerform(() => order.push("P-b"));
    this.afterPerform(() => order.push("P-a"));
  }
}

class ExampleJob extends ApplicationJob {
  static {
    this.beforePerform(() => order.push("b1"));
    this.aroundPerform(async (_job, block) => {
      order.push("A1-pre");
      await block();
      order.push("A1-post");
    });
    this.afterPerform(() => order.push("a1"));
    this.beforePerform(() => order.push("b2"));
    this.aroundPerform(async (_job, block) => {
      order.push("A2-pre");
      await block();
      order.push("A2-post");
    });
    this.afterPerform(() => order.push("a2"));
  }

  override perform() {
    order.push("perform");
    return "done";
  }
}

class GuardedJob extends Job {
  static {
    this.beforePerform((job) => {
      if (job.arguments[0] === "skip") job.abort(); // throw :abort
    });
  }
  override perform(_mode: string) {
    return "ran";
  }
}

const sim = await createSimulation({});
console.log(await ExampleJob.performNow(), order.join(", "));
console.log(await GuardedJob.performNow("skip"), await GuardedJob.performNow("go"));
sim.dispose();
