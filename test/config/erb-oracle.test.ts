// Differential test of the ERB subset against Ruby's own ERB (one Ruby process for all cases),
// with the inputs stubbed as erb-oracle.rb says: the fixtures of real-app shapes under several
// ENVs and CPU counts, statement templates, and 400 generated expressions (fixed seed). Where
// jobsim renders, Ruby renders the same text; where Ruby raises, jobsim raises the same class
// (messages differ between Ruby versions, so only the class is compared); code jobsim refuses
// as outside the subset is counted, never rendered.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/index.js";
import { renderErb } from "../../src/config/erb-render.js";
import { SourceLocator } from "../../src/config/source-locator.js";
import { fixture } from "./fixture-path.js";

const ORACLE = fileURLToPath(new URL("./erb-oracle.rb", import.meta.url));

function rubyAvailable(): string | null {
  const probe = spawnSync("ruby", ["-e", 'require "active_support"; require "active_support/string_inquirer"; print 1'], { encoding: "utf8" });
  if (probe.error) return "`ruby` is not installed";
  if (probe.status !== 0) return "activesupport is not installed (apt-get install ruby-activejob)";
  return null;
}

const missing = rubyAvailable();
if (missing) console.warn(`[config] differential test against Ruby's ERB skipped: ${missing}`);

interface Case {
  template: string;
  vars: Record<string, string>;
  env: string;
  cpus: number;
}

type Outcome = { output: string } | { error: string } | { unsupported: string };

function jobsim(c: Case): Outcome {
  try {
    const rendered = renderErb(c.template, { vars: c.vars, env: c.env, cpuCount: c.cpus }, new SourceLocator("t.yml", c.template));
    return { output: rendered.text };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const raised = /\(Ruby raises (\w+)\)/.exec(e.message)?.[1];
    return raised ? { error: raised } : { unsupported: e.message };
  }
}

// A seeded linear congruential generator: the same 400 expressions on every run.
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const atoms = ["0", "1", "2", "7", "-3", "0.5", "2.5", "1.5", "-2.5", '"2"', '" 3 "', '""', '"abc"', '"0x1A"', '"1_0"', '"010"', "nil", "true", "false"];
  const env = ['ENV["A"]', 'ENV["B"]', 'ENV["N"]', 'ENV["F"]', 'ENV["S"]'];
  const methods = ["to_i", "to_f", "to_s", "ceil", "floor", "round", "abs", "presence", "present?", "blank?", "nil?", "empty?", "zero?", "strip"];
  const ops = ["+", "-", "*", "/", "%", "==", "!=", "<", ">", "&&", "||"];
  const expr = (depth: number): string => {
    const r = next();
    if (depth <= 0 || r < 0.25) return next() < 0.5 ? pick(atoms) : pick(env);
    if (r < 0.4) return `${expr(depth - 1)}.${pick(methods)}`;
    if (r < 0.5) return `ENV.fetch(${pick(['"A"', '"B"', '"N"'])}, ${expr(depth - 1)})`;
    if (r < 0.55) return `ENV.fetch(${pick(['"A"', '"B"'])}) { ${expr(depth - 1)} }`;
    if (r < 0.62) return `${pick(["Integer", "Float"])}(${expr(depth - 1)})`;
    if (r < 0.67) return `(${pick(["Concurrent.processor_count", "Concurrent.physical_processor_count", "Etc.nprocessors"])} * ${pick(["0.5", "2", "0.25"])}).${pick(["ceil", "floor", "round"])}`;
    if (r < 0.72) return `[${expr(depth - 1)}, ${expr(depth - 1)}].${pick(["max", "min"])}`;
    if (r < 0.77) return `!${expr(depth - 1)}`;
    if (r < 0.82) return `${expr(depth - 1)} ? ${expr(depth - 1)} : ${expr(depth - 1)}`;
    return `(${expr(depth - 1)} ${pick(ops)} ${expr(depth - 1)})`;
  };
  return { expr, pick };
}

function cases(): Case[] {
  const out: Case[] = [];
  const base = { env: "production", cpus: 4 };
  const fixtures = ["erb-env-or-queue.yml", "erb-integer-queue.yml", "erb-cpu-count-queue.yml", "erb-conditional-queue.yml", "erb-require-relative-recurring.yml", "rails-queue.yml"];
  const varSets: Record<string, string>[] = [
    {},
    { SOLID_QUEUE_THREADS: "8", JOB_CONCURRENCY: "3", WORKER_PROFILE: "heavy", NIGHTLY_DIGEST: "on" },
    { RAILS_MAX_THREADS: "5", SOLID_QUEUE_IN_PUMA: "", DISABLE_RECURRING: " ", WORKER_THREADS: " 0x10 ", DISPATCHER_POLLING_INTERVAL: "0.25" },
    { WORKER_THREADS: "12abc", DISABLE_RECURRING: "yes" },
  ];
  for (const f of fixtures) {
    const template = readFileSync(fixture(f), "utf8");
    for (const vars of varSets) for (const cpus of [1, 3, 16]) out.push({ ...base, template, vars, cpus });
  }
  const statements = [
    '<% if Rails.env.production? %>a<% elsif Rails.env.test? %>b<% else %>c<% end %>',
    '<% unless ENV["A"] %>x<% else %>y<% end %>\n',
    '<% if ENV["A"] %>1<% if ENV["B"] %>2<% else %>3<% end %><% end %>4',
    '<% require_relative "../lib/x" %>ok <%%= literal %>',
    '<% if ENV.fetch("N", "0").to_i > 2 %>big<% end %><%# note %>',
  ];
  for (const template of statements) {
    for (const env of ["production", "test", "development"]) {
      out.push({ template, vars: {}, env, cpus: 2 });
      out.push({ template, vars: { A: "1", B: "", N: "5" }, env, cpus: 2 });
    }
  }
  const g = generator(20261204);
  const envs: Record<string, string>[] = [
    { A: "3", N: "", F: "2.5", S: " 7 " },
    { A: "abc", F: "0x10", S: "" },
    { A: "-4", N: "1_000", F: "1e3" },
  ];
  for (let i = 0; i < 400; i++) out.push({ template: `<%= ${g.expr(3)} %>`, vars: g.pick(envs), env: "production", cpus: g.pick([1, 2, 8]) });
  return out;
}

describe("the ERB subset against Ruby's ERB", () => {
  it.skipIf(missing !== null)("renders what Ruby renders, and raises where Ruby raises", () => {
    const all = cases();
    const run = spawnSync("ruby", [ORACLE], { input: JSON.stringify(all), encoding: "utf8", maxBuffer: 64 << 20 });
    expect(run.status, run.stderr).toBe(0);
    const ruby = JSON.parse(run.stdout) as ({ output: string } | { error: string; message: string })[];
    const mismatches: string[] = [];
    let unsupported = 0;
    let compared = 0;
    all.forEach((c, i) => {
      const ours = jobsim(c);
      const theirs = ruby[i]!;
      if ("unsupported" in ours) {
        unsupported++;
        return;
      }
      compared++;
      const same = "output" in ours ? "output" in theirs && theirs.output === ours.output : "error" in theirs && theirs.error === ours.error;
      if (!same) mismatches.push(`${JSON.stringify(c.template.slice(0, 120))} vars=${JSON.stringify(c.vars)} cpus=${c.cpus}: jobsim ${JSON.stringify(ours)}, Ruby ${JSON.stringify(theirs)}`);
    });
    expect(mismatches).toEqual([]);
    // The subset covers the fixtures and statements entirely, and most generated expressions.
    expect(compared).toBeGreaterThan(all.length * 0.9);
    expect(unsupported).toBeLessThan(all.length * 0.1);
  }, 60_000);
});
