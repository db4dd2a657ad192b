// YAML read the way Ruby (Psych) reads it for Rails: scalar types, merge keys, errors.
import { describe, expect, it } from "vitest";
import { ConfigError, loadQueueConfig, loadRecurringConfig } from "../../src/config/index.js";
import { resolvePlainScalar } from "../../src/config/psych-scalar.js";

function errorOf(text: string): ConfigError {
  try {
    loadQueueConfig({ text, path: "queue.yml" });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("plain scalars as Psych types them", () => {
  const cases: [string, unknown, string][] = [
    ["", null, "nil"],
    ["~", null, "nil"],
    ["Null", null, "nil"],
    ["yes", true, "bool"],
    ["On", true, "bool"],
    ["TRUE", true, "bool"],
    ["no", false, "bool"],
    ["off", false, "bool"],
    ["y", "y", "str"],
    ["n", "n", "str"],
    ["nil", "nil", "str"],
    ["3", 3, "int"],
    ["-3", -3, "int"],
    ["1,000", 1000, "int"],
    ["1_000", 1000, "int"],
    ["010", 8, "int"],
    ["08", "08", "str"],
    ["0x1F", 31, "int"],
    ["0b101", 5, "int"],
    ["1:30", 5400, "int"], // Psych's base 60 treats two parts as hours:minutes
    ["1:02:03", 3723, "int"],
    ["0.1", 0.1, "float"],
    [".5", 0.5, "float"],
    ["1.", 1, "float"],
    ["1.5e+3", 1500, "float"],
    ["1e3", "1e3", "str"],
    [".inf", Infinity, "float"],
    [":critical", "critical", "sym"],
    ['":x"', '":x"', "str"],
    ["*", "*", "str"],
    ["real_time*", "real_time*", "str"],
    ["every day at 3am", "every day at 3am", "str"],
    ["2024-02-30", "2024-02-30", "str"], // not a real date: stays a string
    ["2024-02-29", "2024-02-29", "date"],
    ["2024-01-01 10:00:00", "2024-01-01 10:00:00", "time"],
  ];
  for (const [text, value, rtype] of cases) {
    it(JSON.stringify(text), () => {
      expect(resolvePlainScalar(text)).toEqual({ rtype, value });
    });
  }

  it("a date in a config file is refused, as Rails' safe loading refuses Date", () => {
    expect(() => loadRecurringConfig({ text: "job:\n  schedule: every day\n  description: 2024-01-01\n", path: "r.yml" })).toThrow(
      "r.yml:3:16: unquoted date 2024-01-01: Ruby's YAML reads it as a Date, which Rails refuses to load from config files; quote it",
    );
  });

  it("explicit tags: !!str and !!int work, object tags are refused", () => {
    expect(loadQueueConfig({ text: 'workers:\n  - threads: !!int "4"\n    queues: !!str 5\n' }).workers[0]).toMatchObject({
      threads: 4,
      queues: ["5"],
    });
    expect(errorOf("workers:\n  - !ruby/object:Foo {}\n").message).toBe(
      "queue.yml:2:5: YAML tag !ruby/object:Foo is not supported (Rails loads config YAML safely and refuses tagged objects)",
    );
  });
});

describe("merge keys and aliases", () => {
  it("<<: *alias merges, and keys after it override", () => {
    const text = "base: &b\n  threads: 2\n  processes: 3\nworkers:\n  - <<: *b\n    processes: 5\n";
    expect(loadQueueConfig({ text }).workers[0]).toMatchObject({ threads: 2, processes: 5 });
  });

  it("quirk: a key written before << is overwritten by the merged value, with a warning", () => {
    const text = "base: &b\n  threads: 2\nworkers:\n  - threads: 9\n    <<: *b\n";
    const config = loadQueueConfig({ text, path: "q.yml" });
    expect(config.workers[0]!.threads).toBe(2);
    expect(config.warnings).toContain(
      'q.yml:4:5: "threads" is written before "<<" and the merged value replaces it (Ruby\'s YAML merges in order); put "<<" first to override it',
    );
  });

  it("<<: [*a, *b]: earlier sources win", () => {
    const text = "a: &a {threads: 1}\nb: &b {threads: 2, processes: 4}\nworkers:\n  - <<: [*a, *b]\n";
    expect(loadQueueConfig({ text }).workers[0]).toMatchObject({ threads: 1, processes: 4 });
  });

  it("merging something that is not a mapping keeps << as an ordinary key (then unknown)", () => {
    expect(errorOf("l: &l [1]\nworkers:\n  - <<: *l\n").message).toBe(
      'queue.yml:3:5: unknown key "<<" in workers[0]; known keys: queues, threads, processes, polling_interval',
    );
  });

  it("errors inside merged values point at the anchor's text", () => {
    const text = "default: &default\n  workers:\n    - threads: 0\nproduction:\n  <<: *default\n";
    const e = (() => {
      try {
        loadQueueConfig({ text, env: "production", path: "q.yml" });
      } catch (err) {
        return err as ConfigError;
      }
      throw new Error("expected an error");
    })();
    expect(e.message).toBe("q.yml:3:16: workers[0].threads must be a positive integer, got 0");
  });

  it("a recursive alias is an error at the alias", () => {
    expect(errorOf("a: &a\n  b: *a\n").message).toBe("queue.yml:2:6: recursive alias *a: it is inside the node it refers to");
  });

  it("an unknown alias is an error", () => {
    expect(errorOf("workers: *nope\n").message).toBe("queue.yml:1:10: unknown alias *nope: no anchor &nope before it");
  });

  it("duplicate keys: the last wins, with a warning", () => {
    const config = loadQueueConfig({ text: "workers:\n  - threads: 1\n    threads: 2\n", path: "q.yml" });
    expect(config.workers[0]!.threads).toBe(2);
    expect(config.warnings).toEqual(['q.yml:3:5: duplicate key "threads"; the later value wins, as in Ruby']);
  });

  it("symbol keys are the same keys (Rails symbolises them)", () => {
    expect(loadQueueConfig({ text: ":workers:\n  - :threads: 4\n" }).workers[0]!.threads).toBe(4);
  });
});

describe("syntax errors and odd files", () => {
  const cases: [string, string][] = [
    ["workers:\n  - threads: 3\n   processes: 1\n", "queue.yml:3:4: YAML syntax error: Sequence item without - indicator"],
    ["workers:\n\t- threads: 3\n", "queue.yml:2:1: YAML syntax error: Tabs are not allowed as indentation"],
    ['workers: "unclosed\n', 'queue.yml:1:19: YAML syntax error: Missing closing "quote'],
    ["workers: [1, 2\n", "queue.yml:1:15: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["threads: @3\n", "queue.yml:1:10: YAML syntax error: Plain value cannot start with reserved character @"],
  ];
  for (const [text, message] of cases) {
    it(message, () => {
      const e = errorOf(text);
      expect(e.message).toBe(message);
      expect(e.pos?.file).toBe("queue.yml");
    });
  }

  it("only the first document is read; later ones (even broken) are ignored with a warning", () => {
    const config = loadQueueConfig({ text: "workers: [{threads: 4}]\n---\nworkers: [\n", path: "q.yml" });
    expect(config.workers[0]!.threads).toBe(4);
    expect(config.warnings).toEqual(["q.yml:2:1: only the first YAML document is read (as Ruby's YAML.load does); 1 more ignored"]);
  });

  it("warns about invisible non-breaking spaces, as Rails does; the warning travels with the error it causes", () => {
    const config = loadQueueConfig({ text: 'workers:\n  - queues: "a\u00A0b"\n', path: "q.yml" });
    expect(config.warnings).toEqual(["q.yml:2:15: invisible non-breaking space (U+00A0); YAML reads it as text, not as indentation"]);
    try {
      loadQueueConfig({ text: "workers:\n  - threads:\u00A03\n", path: "q.yml" });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).message).toBe('q.yml:2:5: workers[0] must be a mapping of worker settings, got "threads:\u00A03" (a string)');
      expect((e as ConfigError).warnings).toEqual([
        "q.yml:2:13: invisible non-breaking space (U+00A0); YAML reads it as text, not as indentation",
      ]);
    }
  });
});
