// The ERB subset (docs/config.md): rendered from explicit vars, env and CPU count; anything
// else is refused with the tag's position, and what Ruby would raise is an error there too.
import { describe, expect, it } from "vitest";
import { ConfigError, loadQueueConfig } from "../../src/config/index.js";

const threadsFrom = (tag: string, vars: Record<string, string | undefined> = {}) =>
  loadQueueConfig({ text: `workers:\n  - threads: ${tag}\n`, vars }).workers[0]!.threads;
const intervalFrom = (tag: string, vars: Record<string, string | undefined> = {}) =>
  loadQueueConfig({ text: `workers:\n  - polling_interval: ${tag}\n`, vars }).workers[0]!.pollingInterval;

function errorOf(text: string, vars: Record<string, string | undefined> = {}): ConfigError {
  try {
    loadQueueConfig({ text, path: "queue.yml", vars });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

const SUPPORTED =
  "jobsim evaluates only a safe subset of Ruby: literals, ENV[...], ENV.fetch, ENV.key?, Concurrent.processor_count and the like " +
  "(a virtual CPU count), Rails.env, Integer(), Float(), a few methods (.to_i, .to_f, .to_s, .presence, .ceil, ...), arithmetic, " +
  "comparisons, !, &&, || and ?:, and in <% %> tags if / elsif / else / unless / end and require_relative (skipped); see docs/config.md";

describe("supported expressions", () => {
  it("ENV.fetch with a default: the variable when set, else the default", () => {
    expect(threadsFrom('<%= ENV.fetch("T", 4) %>')).toBe(4);
    expect(threadsFrom('<%= ENV.fetch("T", 4) %>', { T: "6" })).toBe(6);
    expect(threadsFrom("<%= ENV.fetch('T', '7') %>")).toBe(7);
    expect(threadsFrom('<%=ENV.fetch("T"){ 8 }%>')).toBe(8);
    expect(threadsFrom('<%= ENV.fetch("T") { 8 } %>', { T: "2" })).toBe(2);
  });

  it("ENV[] and integer literals", () => {
    expect(threadsFrom('<%= ENV["T"] %>', { T: "5" })).toBe(5);
    expect(threadsFrom("<%= 12 %>")).toBe(12);
    expect(threadsFrom("<%= 1_000 %>")).toBe(1000);
  });

  it("conversions behave as Ruby's", () => {
    expect(threadsFrom('<%= ENV.fetch("T", 1).to_i %>', { T: "12abc" })).toBe(12);
    expect(threadsFrom('<%= ENV["T"].to_i %>', { T: " 3_0 " })).toBe(30);
    expect(intervalFrom('<%= ENV.fetch("P", 1).to_f %>')).toBe(1); // renders "1.0"
    expect(intervalFrom('<%= ENV.fetch("P", 1).to_f %>', { P: "0.25s" })).toBe(0.25);
    expect(intervalFrom('<%= ENV.fetch("P", "2").to_s.to_i() %>')).toBe(2);
  });

  it("an unset ENV[] or a nil default renders nothing (YAML null)", () => {
    expect(errorOf('workers:\n  - threads: <%= ENV["T"] %>\n').message).toBe(
      "queue.yml:2:14: workers[0].threads must be a positive integer, got nothing (null)",
    );
    const config = loadQueueConfig({ text: 'workers:\n  - queues: <%= ENV.fetch("Q", nil) %>\n' });
    expect(config.workers[0]!.queues).toEqual([]);
    expect(intervalFrom('<%= ENV["P"].to_i %>')).toBe(0); // nil.to_i
  });

  it("string values go in as raw text, as Rails renders them", () => {
    const config = loadQueueConfig({ text: 'workers:\n  - queues: <%= ENV.fetch("Q", "[a, b]") %>\n' });
    expect(config.workers[0]!.queues).toEqual(["a", "b"]);
  });

  it("comments render nothing and <%% is a literal <%", () => {
    const config = loadQueueConfig({ text: 'workers:\n  - queues: "<%% x" <%# a note %>\n' });
    expect(config.workers[0]!.queues).toEqual(["<% x"]);
  });

  it("a block and a default: the block wins, with Ruby's warning", () => {
    const config = loadQueueConfig({ text: 'workers:\n  - threads: <%= ENV.fetch("T", 1) { 2 } %>\n', path: "q.yml" });
    expect(config.workers[0]!.threads).toBe(2);
    expect(config.warnings).toEqual(['q.yml:2:14: ENV.fetch("T"): the block\'s default supersedes the argument (Ruby warns the same)']);
  });
});

describe("more of Ruby, as real config files write it", () => {
  it("|| and && keep Ruby's values; ! and ?: test Ruby's truthiness (only nil and false are false)", () => {
    expect(threadsFrom('<%= ENV["A"] || ENV.fetch("B", 1) %>')).toBe(1);
    expect(threadsFrom('<%= ENV["A"] || ENV.fetch("B", 1) %>', { A: "7" })).toBe(7);
    expect(threadsFrom('<%= ENV["A"] && ENV["B"] %>', { A: "1", B: "6" })).toBe(6);
    expect(threadsFrom('<%= ENV["A"] ? 2 : 3 %>', { A: "" })).toBe(2);
    expect(threadsFrom('<%= !ENV["A"] ? 2 : 3 %>')).toBe(2);
    expect(threadsFrom('<%= ENV.key?("A") ? 4 : 5 %>', { A: "x" })).toBe(4);
  });

  it("arithmetic as Ruby does it: integer division floors, floats mix in, precedence", () => {
    expect(threadsFrom("<%= 7 / 2 %>")).toBe(3);
    expect(threadsFrom("<%= -7 / 2 + 10 %>")).toBe(6);
    expect(threadsFrom("<%= 2 + 3 * 4 %>")).toBe(14);
    expect(threadsFrom("<%= (2 + 3) * 4 %>")).toBe(20);
    expect(threadsFrom("<%= 7 % 3 %>")).toBe(1);
    expect(intervalFrom("<%= 1 / 4.0 %>")).toBe(0.25);
    expect(threadsFrom("<%= (5 * 0.5).round %>")).toBe(3); // halves away from zero
    expect(threadsFrom("<%= (5 * 0.5).floor %>")).toBe(2);
    expect(threadsFrom('<%= [ENV.fetch("T", 1).to_i - 4, 1].max %>', { T: "3" })).toBe(1);
    expect(threadsFrom('<%= ENV.fetch("T", "2") * 2 %>')).toBe(22); // String#* repeats
  });

  it(".presence, .to_i and &. on unset variables", () => {
    expect(threadsFrom('<%= ENV["T"].presence || 4 %>', { T: "  " })).toBe(4);
    expect(threadsFrom('<%= ENV["T"].presence || 4 %>', { T: "6" })).toBe(6);
    expect(threadsFrom('<%= ENV["T"]&.to_i || 3 %>')).toBe(3);
    expect(threadsFrom('<%= ENV.fetch("T", "5").strip.to_i %>')).toBe(5);
  });

  it("Float() and Integer() are strict where .to_i is lenient", () => {
    expect(intervalFrom('<%= Float(ENV.fetch("P", "0.5")) %>')).toBe(0.5);
    expect(threadsFrom('<%= Integer(ENV.fetch("T", "1_000")) %>')).toBe(1000);
    expect(threadsFrom("<%= Integer(2.9) %>")).toBe(2);
  });
});

describe("what Ruby would raise is an error at the tag", () => {
  const cases: [string, Record<string, string>, string][] = [
    ['<%= ENV.fetch("T") %>', {}, 'ENV.fetch("T") has no default and T is not set (Ruby raises KeyError)'],
    ['<%= Integer(ENV["T"]) %>', {}, "can't convert nil into Integer (Ruby raises TypeError)"],
    ['<%= Float(ENV["T"]) %>', { T: "1." }, 'invalid value for Float(): "1." (Ruby raises ArgumentError)'],
    ['<%= ENV["T"].ceil %>', {}, "undefined method 'ceil' for nil (Ruby raises NoMethodError)"],
    ['<%= ENV.fetch("T", "1").ceil %>', {}, "undefined method 'ceil' for an instance of String (Ruby raises NoMethodError)"],
    ['<%= ENV.fetch("T", 1) + 1 %>', { T: "2" }, "no implicit conversion of Integer into String (Ruby raises TypeError)"],
    ['<%= 1 + ENV.fetch("T", "1") %>', {}, "String can't be coerced into Integer (Ruby raises TypeError)"],
    ["<%= 1 / 0 %>", {}, "divided by 0 (Ruby raises ZeroDivisionError)"],
    ["<%= 4000000000 * 4000000000 %>", {}, "the integer 16000000000000000000 is too large for jobsim's ERB subset"],
    ['<%= ENV.fetch("T", "a") > 1 %>', {}, "comparison of String with 1 failed (Ruby raises ArgumentError)"],
  ];
  for (const [tag, vars, detail] of cases) {
    it(tag, () => {
      expect(errorOf(`workers:\n  - threads: ${tag}\n`, vars).message).toBe(`queue.yml:2:14: ERB ${tag}: ${detail}`);
    });
  }

  it("a tag in a branch not taken is parsed but not evaluated", () => {
    const text = '<% if ENV["ON"] %>\nworkers: [ { threads: <%= ENV.fetch("T") %> } ]\n<% end %>\nworkers: [ { threads: 2 } ]\n';
    expect(loadQueueConfig({ text }).workers[0]!.threads).toBe(2);
    expect(() => loadQueueConfig({ text, vars: { ON: "1" } })).toThrow(/KeyError/);
  });
});

describe("refused ERB", () => {
  const cases: [string, string][] = [
    ["<%= Rails.root %>", `unsupported ERB <%= Rails.root %> (only Rails.env is supported, found "Rails.root"): ${SUPPORTED}`],
    ["<%= Socket.gethostname %>", `unsupported ERB <%= Socket.gethostname %> ("Socket" is not supported): ${SUPPORTED}`],
    ['<%= ENV.fetch("T", 1).split(",") %>', `unsupported ERB <%= ENV.fetch("T", 1).split(",") %> (method .split is not supported; the subset calls .to_i, .to_f, .to_s, .ceil, .floor, .round, .abs, .presence, .present?, .blank?, .nil?, .empty?, .zero?, .positive?, .negative?, .strip, .downcase, .upcase, .max, .min): ${SUPPORTED}`],
    ["<%= 1.round(2) %>", `unsupported ERB <%= 1.round(2) %> (.round takes no arguments here): ${SUPPORTED}`],
    ['<%= ENV.fetch("T", x) %>', `unsupported ERB <%= ENV.fetch("T", x) %> ("x" is not supported): ${SUPPORTED}`],
    ["<%= ENV.fetch(NAME) %>", `unsupported ERB <%= ENV.fetch(NAME) %> (expected a string literal naming the variable, found "NAME"): ${SUPPORTED}`],
    ['<%= ENV.to_h["T"] %>', `unsupported ERB <%= ENV.to_h["T"] %> (only ENV[], ENV.fetch and ENV.key? are supported, found "ENV.to_h"): ${SUPPORTED}`],
    ["<%= Concurrent.monotonic_time %>", `unsupported ERB <%= Concurrent.monotonic_time %> ("Concurrent.monotonic_time" is not supported; the CPU count is read with Concurrent.processor_count, Concurrent.physical_processor_count, Concurrent.available_processor_count, Etc.nprocessors): ${SUPPORTED}`],
    ['<%= "#{1}" %>', `unsupported ERB <%= "#{1}" %> (string interpolation is not supported): ${SUPPORTED}`],
    ["<%= `ls` %>", `unsupported ERB <%= \`ls\` %> (unexpected "\`"): ${SUPPORTED}`],
    ["<%= %>", `unsupported ERB <%= %> (empty expression): ${SUPPORTED}`],
    ["<%= 1 ; 2 %>", `unsupported ERB <%= 1 ; 2 %> (unexpected ";"): ${SUPPORTED}`],
    ["<% threads = 3 %>", `unsupported ERB <% threads = 3 %> (only if / elsif / else / unless / end and require_relative statements are supported, found "threads"): ${SUPPORTED}`],
    ['<% if ENV["A"] %>3<% end %> <% x %>', `unsupported ERB <% x %> (only if / elsif / else / unless / end and require_relative statements are supported, found "x"): ${SUPPORTED}`],
    ["<%= 3", 'unterminated ERB tag: "<%" without a closing "%>"'],
  ];
  for (const [tag, detail] of cases) {
    it(tag, () => {
      const e = errorOf(`workers:\n  - threads: ${tag}\n`);
      const col = 14 + (tag.startsWith("<% if") ? tag.lastIndexOf("<%") : 0);
      expect(e.message).toBe(`queue.yml:2:${col}: ${detail}`);
      expect(e.pos).toEqual({ file: "queue.yml", line: 2, col });
    });
  }

  it("unsupported code in a branch not taken is refused all the same", () => {
    expect(errorOf('<% if ENV["NEVER"] %>\nx: <%= Rails.root %>\n<% end %>\n').message).toMatch(/^queue\.yml:2:4: unsupported ERB <%= Rails\.root %>/);
  });

  it("ERB inside a YAML comment is still rendered first (as Rails does), so it is refused too", () => {
    expect(errorOf("# host: <%= Socket.gethostname %>\nworkers: []\n").message).toMatch(/^queue\.yml:1:9: unsupported ERB/);
  });
});

describe("positions after rendering", () => {
  it("columns after a tag point into the original line", () => {
    const line = '  - { processes: <%= ENV.fetch("JOB_CONCURRENCY", 2) %>, threads: -1 }';
    const e = errorOf(`workers:\n${line}\n`);
    expect(e.pos).toEqual({ file: "queue.yml", line: 2, col: line.indexOf("-1") + 1 });
  });

  it("a value produced by a tag is reported at the tag", () => {
    const line = '  - threads: <%= ENV.fetch("T", 0) %>';
    expect(errorOf(`workers:\n${line}\n`).message).toBe(
      `queue.yml:2:${line.indexOf("<%") + 1}: workers[0].threads must be a positive integer, got 0`,
    );
  });

  it("lines stay right when a value spans several lines", () => {
    const text = 'workers:\n  - queues: <%= ENV.fetch("Q", 1) %>\n    threads: x\n';
    const e = errorOf(text, { Q: "\n      - a\n      - b" });
    expect(e.message).toBe('queue.yml:3:14: workers[0].threads must be a positive integer, got "x" (a string)');
  });

  it("YAML syntax errors after a tag are placed in the original text", () => {
    const line = '  - processes: <%= ENV.fetch("P", 1) %>, threads: 3';
    const e = errorOf(`workers:\n${line}\n`);
    expect(e.message).toBe(`queue.yml:2:${line.indexOf("<%") + 1}: YAML syntax error: Nested mappings are not allowed in compact mappings`);
  });
});
