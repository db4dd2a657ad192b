// The ERB subset: ENV.fetch / ENV[] / literals with .to_i/.to_f/.to_s, rendered from
// explicit vars; anything else is refused with the tag's position.
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
  'only ENV.fetch("NAME", default), ENV.fetch("NAME") { default } and ENV["NAME"] ' +
  "(defaults: integer, string or nil literals; optionally followed by .to_i, .to_f or .to_s) " +
  "and integer literals are supported; nothing is evaluated as Ruby";

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

describe("refused ERB", () => {
  const cases: [string, string][] = [
    ["<%= Rails.env %>", `unsupported ERB <%= Rails.env %> ("Rails" is not supported): ${SUPPORTED}`],
    ['<%= ENV.fetch("T", 1) + 1 %>', `unsupported ERB <%= ENV.fetch("T", 1) + 1 %> (unexpected "+"): ${SUPPORTED}`],
    ['<%= ENV.fetch("T", 1).upcase %>', `unsupported ERB <%= ENV.fetch("T", 1).upcase %> (only .to_i, .to_f and .to_s may follow a value, found ".upcase"): ${SUPPORTED}`],
    ['<%= ENV.fetch("T", x) %>', `unsupported ERB <%= ENV.fetch("T", x) %> (expected a literal default (integer, string or nil), found "x"): ${SUPPORTED}`],
    ["<%= ENV.fetch(NAME) %>", `unsupported ERB <%= ENV.fetch(NAME) %> (expected a string literal naming the variable, found "NAME"): ${SUPPORTED}`],
    ['<%= ENV.key?("T") %>', `unsupported ERB <%= ENV.key?("T") %> (only ENV.fetch and ENV[] are supported, found "ENV.key?"): ${SUPPORTED}`],
    ['<%= "#{1}" %>', `unsupported ERB <%= "#{1}" %> (string interpolation is not supported): ${SUPPORTED}`],
    ["<%= `ls` %>", `unsupported ERB <%= \`ls\` %> (unexpected "\`"): ${SUPPORTED}`],
    ["<%= %>", `unsupported ERB <%= %> (empty expression): ${SUPPORTED}`],
    ["<% if true %>3<% end %>", `unsupported ERB statement tag <% if true %>: only <%= %> output tags are allowed; inside them ${SUPPORTED}`],
    ['<%= ENV.fetch("T") %>', 'ERB <%= ENV.fetch("T") %>: ENV.fetch("T") has no default and T is not set (Ruby raises KeyError)'],
    ["<%= 3", 'unterminated ERB tag: "<%" without a closing "%>"'],
  ];
  for (const [tag, detail] of cases) {
    it(tag, () => {
      const e = errorOf(`workers:\n  - threads: ${tag}\n`);
      expect(e.message).toBe(`queue.yml:2:14: ${detail}`);
      expect(e.pos).toEqual({ file: "queue.yml", line: 2, col: 14 });
    });
  }

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
