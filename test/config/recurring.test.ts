// recurring.yml entries as Solid Queue turns them into static tasks (spec §4.1).
import { describe, expect, it } from "vitest";
import { ConfigError, loadRecurringConfig } from "../../src/config/index.js";

const load = (text: string) => loadRecurringConfig({ text, path: "recurring.yml" });
const task = (body: string) => load(`job:\n  class: MyJob\n  schedule: every hour\n${body}`).tasks[0]!;

function errorOf(text: string): ConfigError {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("args", () => {
  it("absent or null: no arguments", () => {
    expect(task("").args).toEqual([]);
    expect(task("  args:\n").args).toEqual([]);
  });

  it("a scalar is wrapped in a one-element list", () => {
    expect(task("  args: 42\n").args).toEqual([42]);
    expect(task("  args: hello\n").args).toEqual(["hello"]);
    expect(task("  args: :sym\n").args).toEqual(["sym"]);
  });

  it("a list is positional; a trailing hash stays a trailing plain object (keyword arguments)", () => {
    expect(task("  args: [ 1000, { batch_size: 500 } ]\n").args).toEqual([1000, { batch_size: 500 }]);
    expect(task("  args:\n    - a\n    - [1, 2]\n").args).toEqual(["a", [1, 2]]);
  });

  it("quirk: a bare hash becomes a list of [key, value] pairs", () => {
    expect(task("  args: { batch_size: 500, dry_run: true }\n").args).toEqual([
      ["batch_size", 500],
      ["dry_run", true],
    ]);
    expect(task("  args:\n    1: one\n").args).toEqual([[1, "one"]]); // a non-string key stays what Ruby made it
  });

  it('a hash key named "__proto__" stays an ordinary key', () => {
    const [object] = task('  args: [{ "__proto__": 1 }]\n').args as [Record<string, unknown>];
    expect(Object.keys(object)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });
});

describe("task fields", () => {
  it("every key, in Solid Queue's meaning", () => {
    const config = load(
      [
        "nightly:",
        "  class: ReportJob",
        "  args: [7]",
        "  queue: reports",
        "  priority: 5",
        "  schedule: every day at 2am",
        "  description: Builds the nightly report",
        "",
      ].join("\n"),
    );
    expect(config.tasks).toEqual([
      {
        key: "nightly",
        className: "ReportJob",
        args: [7],
        queue: "reports",
        priority: 5,
        schedule: "every day at 2am",
        description: "Builds the nightly report",
        pos: { file: "recurring.yml", line: 1, col: 1 },
        schedulePos: { file: "recurring.yml", line: 6, col: 13 },
      },
    ]);
  });

  it("blank queue or priority means not set (the job class's own); priority 0 is kept", () => {
    const blank = task('  queue: ""\n  priority:\n');
    expect(blank.queue).toBeUndefined();
    expect(blank.priority).toBeUndefined();
    expect("queue" in blank).toBe(false);
    expect(task("  queue: '  '\n  priority: 0\n")).toMatchObject({ priority: 0 });
    expect(task("  queue: '  '\n").queue).toBeUndefined();
  });

  it("the schedule is kept verbatim for the schedule parser, a null one as an empty string", () => {
    expect(task("").schedule).toBe("every hour");
    expect(load("job:\n  class: MyJob\n  schedule: 0 9 * * * America/New_York\n").tasks[0]!.schedule).toBe("0 9 * * * America/New_York");
    const empty = load("job:\n  class: MyJob\n  schedule:\n").tasks[0]!;
    expect(empty.schedule).toBe("");
    expect(empty.schedulePos).toEqual({ file: "recurring.yml", line: 3, col: 12 });
  });

  it("class and command are not validated here (the lead's registry and parser do it)", () => {
    const config = load("a:\n  schedule: every minute\nb:\n  class: NoSuchJob\n  command: puts 1\n  schedule: x\n");
    expect(config.tasks.map((t) => [t.key, t.className, t.command, t.schedule])).toEqual([
      ["a", undefined, undefined, "every minute"],
      ["b", "NoSuchJob", "puts 1", "x"],
    ]);
  });
});

describe("entries that are not tasks", () => {
  it("entries without schedule are ignored, reported as warnings", () => {
    const config = load("defaults:\n  queue: background\nplaceholder:\njob:\n  class: A\n  schedule: every hour\n");
    expect(config.tasks.map((t) => t.key)).toEqual(["job"]);
    expect(config.warnings).toEqual([
      'recurring.yml:1:1: "defaults" has no schedule, so Solid Queue ignores it',
      'recurring.yml:3:1: "placeholder" has no schedule, so Solid Queue ignores it',
    ]);
  });

  it("a key Ruby's YAML reads as a boolean or number names the task by its Ruby value, with a warning", () => {
    const config = load("yes:\n  class: A\n  schedule: every hour\n2024:\n  class: B\n  schedule: every day\n");
    expect(config.tasks.map((t) => t.key)).toEqual(["true", "2024"]);
    expect(config.warnings).toEqual([
      `recurring.yml:1:1: Ruby's YAML reads this key as boolean true, so the task is named "true"; quote the key to keep its text`,
      `recurring.yml:4:1: Ruby's YAML reads this key as number 2024, so the task is named "2024"; quote the key to keep its text`,
    ]);
  });

  it("an entry that is neither a mapping nor empty is an error (Solid Queue fails on it)", () => {
    expect(errorOf("job: every hour\n").message).toBe(
      'recurring.yml:1:6: recurring task "job" must be a mapping (class or command, schedule, ...), got "every hour" (a string)',
    );
  });

  it("a file or section that is not a mapping", () => {
    expect(errorOf("- a\n").message).toBe("recurring.yml:1:1: the file must be a mapping at the top level, found a list");
    expect(() => loadRecurringConfig({ text: "production: []\n", env: "production" })).not.toThrow();
    expect(() => loadRecurringConfig({ text: "production: [1]\n", env: "production", path: "r.yml" })).toThrow(
      'r.yml:1:13: the "production" section must be a mapping of recurring tasks, got a list',
    );
  });
});

describe("task errors", () => {
  it("unknown key with the nearest one suggested", () => {
    expect(errorOf("job:\n  clas: MyJob\n  schedule: every hour\n").message).toBe(
      'recurring.yml:2:3: unknown key "clas" in task "job"; did you mean "class"?',
    );
    expect(errorOf("job:\n  class_name: MyJob\n  schedule: every hour\n").message).toBe(
      'recurring.yml:2:3: unknown key "class_name" in task "job"; did you mean "class"?',
    );
    expect(errorOf("job:\n  class: MyJob\n  cron: '* * * * *'\n  schedule: x\n").message).toBe(
      'recurring.yml:3:3: unknown key "cron" in task "job"; known keys: class, command, args, queue, priority, schedule, description',
    );
  });

  it("wrong types", () => {
    expect(errorOf("job:\n  class: MyJob\n  schedule: [every hour]\n").message).toBe(
      'recurring.yml:3:13: task "job" schedule must be a string, got a list',
    );
    expect(errorOf("job:\n  class: MyJob\n  priority: high\n  schedule: x\n").message).toBe(
      'recurring.yml:3:13: task "job" priority must be an integer, got "high" (a string)',
    );
    expect(errorOf("job:\n  class: [MyJob]\n  schedule: x\n").message).toBe(
      'recurring.yml:2:10: task "job" class must be a string, got a list',
    );
  });
});
