// The consumer project of test/testing/package.test.ts, besides what the docs give it
// (vitest.config.ts and test/setup.ts come from docs/testing.md, examples from every doc).

const PACKAGE_JSON = {
  name: "jobsim-consumer",
  private: true,
  type: "module",
  devDependencies: { "@types/node": "20.19.43", typescript: "5.9.3", vite: "8.3.8", vitest: "4.1.12" },
};

// Strict, and checking every library's declarations: jobsim's .d.ts must stand on their own.
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2023"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: ["node"],
  },
  include: ["**/*.ts"],
  exclude: ["node_modules"],
};

// Uses every matcher, helper and entry point. It imports the helpers from jobsim/vitest; the
// matchers' types come from the setup file (test/setup.ts), which tsconfig includes.
const API_TEST = `
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createSimulation, defineModel, deserializeArguments, Job, mail, Mailer, makeLocator, ModelRegistry, parseSchedule,
  serializeArguments, type Database, type JobPayload, type JsonValue, type Simulation, type SqlValue,
} from "jobsim";
import {
  advance, assertEnqueuedJobs, assertEnqueuedWith, assertNoEnqueuedJobs, assertNoPerformedJobs, assertPerformedJobs,
  assertPerformedWith, clearEnqueuedJobs, clearPerformedJobs, enqueuedJobs, performEnqueuedJobs, performedJobs,
  recordSimulation, startTestAdapter, travel, travelBack, travelTo, useSimulation, useTestAdapter, type JobEntry,
} from "jobsim/vitest";
import { assertProperty, noJobLost } from "jobsim/property";
import { checkScenario, loadScenario, runScenarioFile, type ScenarioRun } from "jobsim/scenario";
import { writeReports, type ScenarioResult } from "jobsim/report";

class UserMailer extends Mailer {
  welcome(email: string) {
    return { to: email, subject: "Welcome!" };
  }
}

class Flaky extends Error {}

class WelcomeJob extends Job {
  static {
    this.queueAs("default");
  }
  override async perform(email: string) {
    mail(UserMailer, "welcome", email).deliverNow();
  }
}

class LaterMailJob extends Job {
  override async perform(email: string) {
    await mail(UserMailer, "welcome", email).deliverLater({ wait: 60 });
  }
}

class RetryingJob extends Job {
  static {
    this.retryOn(Flaky, { wait: 3, attempts: 3 });
  }
  override async perform(_id: number) {
    if (this.executions < 3) throw new Flaky("not yet");
  }
}

describe("test adapter mode", () => {
  const t = useTestAdapter();

  it("has the block and class matchers, with their options", async () => {
    await expect(() => WelcomeJob.performLater("ada@example.com")).toHaveEnqueuedJob(WelcomeJob, { args: ["ada@example.com"], queue: "default" });
    expect(WelcomeJob).toHaveBeenEnqueued({ args: [expect.any(String)], times: 1 });
    expect(WelcomeJob).not.toHaveBeenPerformed();
    await expect(() => performEnqueuedJobs()).toHavePerformedJob(WelcomeJob, { args: ["ada@example.com"] });
    expect(WelcomeJob).toHaveBeenPerformed({ atLeast: 1 });
    expect(UserMailer).toHaveBeenDelivered({ action: "welcome", to: "ada@example.com", subject: expect.stringContaining("Welcome") });
    expect(t.deliveries).toHaveLength(1);
    await expect(expect(() => {}).toHaveEnqueuedJob()).rejects.toThrow("expected to enqueue exactly 1 jobs, but enqueued 0");
  });

  it("has the mail matchers", async () => {
    await expect(() => mail(UserMailer, "welcome", "bob@example.com").deliverLater()).toHaveEnqueuedMail(UserMailer, "welcome", { args: ["bob@example.com"] });
    await expect(() => mail(UserMailer, "welcome", "bob@example.com").deliverLater()).toHaveEnqueuedMail(UserMailer);
    await expect(() => {}).not.toHaveEnqueuedMail();
    await expect(expect(() => mail(UserMailer, "welcome", "eve@example.com").deliverLater()).toHaveEnqueuedMail(UserMailer, "welcome", { args: ["bob@example.com"] }))
      .rejects.toThrow('expected to enqueue UserMailer.welcome exactly 1 time with ["bob@example.com"], but enqueued 0\\nQueued deliveries:\\n  UserMailer.welcome with ["eve@example.com"]');
    expect(UserMailer).not.toHaveBeenDelivered();
  });

  it("has the helpers", async () => {
    await assertEnqueuedJobs(1, { only: WelcomeJob }, () => WelcomeJob.performLater("x@example.com"));
    assertNoPerformedJobs();
    const job = assertEnqueuedWith({ job: WelcomeJob, args: ["x@example.com"] });
    expectTypeOf(job).toEqualTypeOf<WelcomeJob>();
    const entries: readonly JobEntry[] = enqueuedJobs();
    expect(entries).toHaveLength(1);
    clearEnqueuedJobs();
    assertNoEnqueuedJobs();
    await assertPerformedJobs(1, () => WelcomeJob.performLater("y@example.com"));
    await assertPerformedWith({ job: WelcomeJob, args: ["z@example.com"] }, () => WelcomeJob.performLater("z@example.com"));
    expect(performedJobs()).toHaveLength(2);
    clearPerformedJobs();
    const start = t.now();
    await travelTo(new Date(start + 3_600_000));
    await travel(60);
    await advance("1s");
    expect(new Date(t.now())).toBeCloseToTime(start + 3_661_000, 1);
    expect({ at: new Date(t.now()) }).toEqual({ at: expect.toBeCloseToTime(start + 3_661_000, 1) });
    await travelBack();
    expect(t.now()).toBe(start);
    const db: Database = t.db;
    expect(db.value("SELECT 1")).toBe(1);
  });

  it("checks when retries ran: attemptsAt, offsets from the first enqueue", async () => {
    await performEnqueuedJobs(async () => {
      await RetryingJob.performLater(1);
    });
    expect(RetryingJob).toHaveBeenPerformed({ attemptsAt: [0, 0, 0] });
  });
});

describe("simulation mode", () => {
  const world = useSimulation({ jobs: [WelcomeJob, LaterMailJob, RetryingJob] });

  it("runs the engine and keeps attemptsAt and the mail matchers true", async () => {
    const sim: Simulation = world.sim;
    await RetryingJob.performLater(7);
    await expect(() => LaterMailJob.performLater("ada@example.com")).toHaveEnqueuedJob(LaterMailJob);
    await sim.runUntilIdle();
    // Each retry waits 3 s, then up to a dispatcher poll (1 s) and a worker poll: the lateness adds up.
    expect(RetryingJob).toHaveBeenPerformed({ attemptsAt: ["+0s", "+3s", "+6s"], tolerance: 2 });
    expect(() => expect(RetryingJob).toHaveBeenPerformed({ attemptsAt: [0, 3] })).toThrow(/starting at \\+0s, \\+3s \\(±1s\\) from the first enqueue/);
    expect(UserMailer).toHaveBeenDelivered({ times: 1 });
  });
});

describe("by hand, and the other entry points", () => {
  it("records a simulation and a test adapter started by hand", async () => {
    const sim = await createSimulation({ jobs: [WelcomeJob] });
    const recording = recordSimulation(sim);
    await WelcomeJob.performLater("a@example.com");
    expect(WelcomeJob).toHaveBeenEnqueued();
    recording.dispose();
    sim.dispose();
    const adapter = await startTestAdapter();
    await WelcomeJob.performLater("b@example.com");
    expect(enqueuedJobs()).toHaveLength(1);
    adapter.dispose();
  });

  it("serializes arguments and reads records", async () => {
    const stored: JsonValue[] = serializeArguments([1n, new Date(0)]);
    expect(deserializeArguments(stored)).toEqual([1n, new Date(0)]);
    const sim = await createSimulation({ setupSql: "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'Ada');" });
    const User = defineModel<{ id: number; name: string }>("User", { table: "users" });
    const [user] = deserializeArguments(serializeArguments([User.find(sim.db, 1)]), { locate: makeLocator(sim.db, new ModelRegistry([User])) }) as { name: string }[];
    expect(user!.name).toBe("Ada");
    const v: SqlValue | undefined = sim.db.value("SELECT name FROM users");
    expect(v).toBe("Ada");
    const payload: JobPayload = new WelcomeJob("c@example.com").serialize();
    expect(payload.job_class).toBe("WelcomeJob");
    expect(parseSchedule("every day at 3am").original).toBe("0 3 * * *");
    sim.dispose();
  });

  it("runs a property campaign", async () => {
    const result = await assertProperty(noJobLost(), { runs: 2, seed: 1, reportsDir: null });
    expect(result.runs).toBe(2);
  });

  it("loads, checks and runs a scenario file, and writes its reports", async () => {
    const loaded = await loadScenario("scenarios/welcome-email.yml");
    await checkScenario(loaded);
    const run: ScenarioRun = await runScenarioFile("scenarios/welcome-email.yml", { seed: 3 });
    const result: ScenarioResult = run.result;
    expect(result.passed).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "jobsim-consumer-"));
    try {
      const written = writeReports([result], { dir, formats: ["json", "junit", "html"] });
      expect(written).toHaveLength(3);
      expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain('failures="0"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
`;

// The matchers, registered by the setup file alone: this file never imports jobsim/vitest.
const REGISTERED_TEST = `
import { describe, expect, it } from "vitest";
import { Job } from "jobsim";

class NoWorldJob extends Job {}

describe("matchers registered once in a setup file", () => {
  it("are there, with their types", async () => {
    expect(new Date(5_000)).toBeCloseToTime(6_000, 1);
    expect({ at: new Date(0) }).toEqual({ at: expect.toBeCloseToTime(500, 1) });
    expect(() => expect(NoWorldJob).toHaveBeenEnqueued()).toThrow("needs a jobsim test world");
  });
});
`;

const SCENARIO = `name: welcome email
seed: 1
start: "2026-03-02 09:00"
jobs: ./jobs.ts
steps:
  - enqueue: { job: GreetJob, args: [Ada] }
  - enqueue: { job: GreetJob, args: [Bob], wait: 5m }
  - run_until_idle: true
expect:
  - job: GreetJob
    performed: 2
    final: finished
`;

const SCENARIO_JOBS = `
import { Job } from "jobsim";

export class GreetJob extends Job {
  override async perform(name: string) {
    this.log(\`hello \${name}\`);
  }
}
`;

export const CONSUMER_FILES: Record<string, string> = {
  "package.json": `${JSON.stringify(PACKAGE_JSON, null, 2)}\n`,
  "tsconfig.json": `${JSON.stringify(TSCONFIG, null, 2)}\n`,
  "test/api.test.ts": API_TEST,
  "test/registered.test.ts": REGISTERED_TEST,
  "scenarios/welcome-email.yml": SCENARIO,
  "scenarios/jobs.ts": SCENARIO_JOBS,
};
