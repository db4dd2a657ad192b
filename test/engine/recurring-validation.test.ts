// solid-queue.md §6.3: a recurring config with invalid tasks stops the supervisor, with Solid
// Queue's own texts: "Invalid recurring tasks:" then "- <key>: <full messages>", the messages
// being RecurringTask's validations in its order ("Schedule is not a supported recurring
// schedule", "either command or class must be present", "Class name doesn't correspond to an
// existing class"). Ported from Solid Queue 1.5's configuration_test "validate configuration"
// and recurring_task_test "valid and invalid job class and command"; jobsim's hints come after
// Solid Queue's text, in parentheses.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/index.js";
import { Job } from "../../src/job/job.js";
import { world } from "../helpers/world.js";

class StoreResultJob extends Job {
  override perform(..._args: unknown[]): void {}
}

async function invalid(text: string): Promise<ConfigError> {
  try {
    await world({ jobs: [StoreResultJob], recurring: { text, path: "recurring.yml" } });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected the recurring config to be refused");
}

/** The message without jobsim's "file:line:col: " prefixes, as Solid Queue prints it. */
const bare = (e: ConfigError) => e.issues.map((i) => i.message.replace(/^recurring\.yml:\d+:\d+: /, ""));

describe("§6.3 Invalid recurring tasks", () => {
  it("Solid Queue's recurring_with_invalid: a misspelt class and an unsupported schedule", async () => {
    const e = await invalid(
      [
        "periodic_invalid_class:",
        "  class: StoreResultJorrrrrrb",
        "  queue: default",
        '  args: [42, { status: "custom_status" }]',
        "  schedule: every second",
        "periodic_incorrect_schedule:",
        "  class: StoreResultJob",
        "  schedule: every 1.minute",
      ].join("\n"),
    );
    expect(bare(e)).toEqual([
      "Invalid recurring tasks:",
      '- periodic_invalid_class: Class name doesn\'t correspond to an existing class (no job class is named "StoreResultJorrrrrrb"; known job classes: ActionMailer::MailDeliveryJob, SolidQueue::RecurringJob, StoreResultJob)',
      "- periodic_incorrect_schedule: Schedule is not a supported recurring schedule",
    ]);
    // Each line is placed: the task's key, or the schedule when the schedule is wrong.
    expect(e.issues.map((i) => i.pos && [i.pos.line, i.pos.col])).toEqual([[1, 1], [1, 1], [8, 13]]);
    // Solid Queue's own test asserts these substrings of its one error.
    expect(e.message).toContain("Invalid recurring tasks");
    expect(e.message).toContain("periodic_invalid_class: Class name doesn't correspond to an existing class");
    expect(e.message).toContain("periodic_incorrect_schedule: Schedule is not a supported recurring schedule");
  });

  it("neither class nor command, or only blank ones: either command or class must be present", async () => {
    const e = await invalid(["no_job:", "  schedule: every minute", "blank_job:", '  class: " "', '  command: ""', "  schedule: every minute"].join("\n"));
    expect(bare(e)).toEqual(["Invalid recurring tasks:", "- no_job: either command or class must be present", "- blank_job: either command or class must be present"]);
  });

  it("several errors of one task are joined with \", \" in RecurringTask's order", async () => {
    const e = await invalid(["both:", "  class: NopeJob", "  schedule: every day at 00:40 and 15:20"].join("\n"));
    expect(bare(e)).toEqual([
      "Invalid recurring tasks:",
      "- both: Schedule generates multiple cron schedules. Please use separate recurring tasks for each schedule, or use explicit cron syntax (e.g., '40 0,15 * * *' for multiple times with the same minutes), Class name doesn't correspond to an existing class (no job class is named \"NopeJob\"; known job classes: ActionMailer::MailDeliveryJob, SolidQueue::RecurringJob, StoreResultJob)",
    ]);
  });

  it("a blank class with a command is a command task, as Solid Queue's present? makes it", async () => {
    const ran: number[] = [];
    const sim = await world({
      recurring: { text: 'cleanup:\n  class: ""\n  command: "Cleanup.run"\n  schedule: every minute\n' },
      commands: { "Cleanup.run": (s) => void ran.push(s.now()) },
    });
    await sim.advance(130);
    expect(ran).toHaveLength(2);
    expect(sim.jobs()[0]!.className).toBe("SolidQueue::RecurringJob");
  });

  it("a production-only file in development is valid and starts no scheduler (recurring_with_production_only)", async () => {
    const sim = await world({ recurring: { text: "production:\n  job:\n    class: TaggedJob\n    schedule: every minute\n", env: "development" } });
    await sim.advance(180);
    expect(sim.jobs()).toEqual([]);
    expect(sim.db.value("SELECT COUNT(*) FROM solid_queue_processes WHERE kind = 'Scheduler'")).toBe(0);
  });
});
