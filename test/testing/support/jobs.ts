import { Job } from "../../../src/job/job.js";
import { defineModel } from "../../../src/job/model.js";

// The job classes of rspec-rails' matcher spec, in jobsim's shape.

export class HeavyLiftingJob extends Job {
  override async perform() {}
}

export class HelloJob extends Job {
  override async perform(..._args: unknown[]) {}
}

export class LoggingJob extends Job {
  override async perform() {}
}

export class TwoArgsJob extends Job {
  override async perform(_one: number, _two: number) {}
}

/** Fails every time; retried after 5 s on the "retry" queue (rspec-rails' UnreliableJob). */
export class UnreliableJob extends Job {
  static {
    this.retryOn(Error, { wait: 5, queue: "retry" });
  }
  override async perform() {
    throw new Error("unreliable");
  }
}

/** A record model over the app table `people` (GlobalID arguments). */
export const Person = defineModel<{ id: number; name: string }>("Person", { table: "people" });

export const PEOPLE_SQL = "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO people VALUES (42, 'Ada'), (21, 'Bob');";
