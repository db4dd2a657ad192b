import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BEHAVIOUR_KEYS, ENQUEUE_KEYS, FAILURE_KEYS, RUN_TIME_KINDS } from "../../src/model/load-behaviour.js";
import { CALLBACK_KEYS, CONCURRENCY_KEYS, HANDLER_KEYS, JOB_KEYS, PERFORM_KEYS, PRIORITY_KEYS, QUEUE_KEYS } from "../../src/model/load-job.js";
import { MODEL_KEYS, parseJobModel, SETTINGS_KEYS, UNMAPPED_KEYS } from "../../src/model/load.js";
import { CALLBACK_KINDS } from "../../src/model/types.js";
import { schemaValidator, type Schema } from "../helpers/json-schema.js";

// A hand-written job model: defaults filled in, every mistake reported at file:line:col.

const load = (text: string) => parseJobModel("model.yml", text);

describe("job model loader", () => {
  it("fills Active Job's defaults into a minimal hand-written class", () => {
    const m = load("settings: { queue_name_prefix: app, retry_jitter: 0.15 }\njobs:\n  ReportJob:\n    handlers:\n      - { kind: retry_on, errors: [Timeout::Error] }\n    behaviour:\n      run_time: { lognormal: { p50: 2, p95: 9 } }\n");
    const job = m.jobs["ReportJob"]!;
    expect(job.queue).toEqual({ name: "app_default" });
    expect(job.priority).toEqual({ value: null });
    expect(job.handlers).toEqual([{ kind: "retry_on", errors: ["Timeout::Error"], wait: 3, attempts: 5, jitter: 0.15, jitter_declared: false, report: false }]);
    expect(job.behaviour).toEqual({ run_time: { lognormal: { p50: 2, p95: 9 } } });
    expect(m.env).toBe("production");
  });

  it("reads behaviours: run-time kinds, scripted and probabilistic failures, fan-out", () => {
    const m = load(
      [
        "jobs:",
        "  A:",
        "    behaviour:",
        "      run_time: { empirical: [0.5, 1, 1.5] }",
        "      failures:",
        "        - { error: Net::OpenTimeout, probability: 0.05 }",
        "        - { error: Stripe::APIError, message: down, script: [true, true, false] }",
        "      enqueues:",
        '        - { job: B, args: ["{arg.0}"], wait: 5m, count: 2, probability: 0.5 }',
        "  B:",
        "    queue: mailers",
        "    behaviour: { run_time: { uniform: { min: 1, max: 2 } } }",
      ].join("\n"),
    );
    expect(m.jobs["A"]!.behaviour).toEqual({
      run_time: { empirical: [0.5, 1, 1.5] },
      failures: [
        { error: "Net::OpenTimeout", probability: 0.05 },
        { error: "Stripe::APIError", message: "down", script: [true, true, false] },
      ],
      enqueues: [{ job: "B", args: ["{arg.0}"], wait: 300, count: 2, probability: 0.5 }],
    });
    expect(m.jobs["B"]!.queue).toEqual({ name: "mailers" });
  });

  it("reports every mistake at its place, with the key that was meant", () => {
    const text = [
      "jobs:", // 1
      "  ReportJob:", // 2
      "    queu: low", // 3
      "    behaviour:", // 4
      "      run_time: { fixed: 1, uniform: { min: 1, max: 2 } }", // 5
      "      failures:", // 6
      "        - { error: X, probability: 1.5 }", // 7
      "        - { error: Y }", // 8
      "    handlers:", // 9
      "      - { kind: retry_on, errors: [E], wait: { proc: '->(n) { n }', formula: 'n ^ 2' } }", // 10
      "      - { kind: retry_onn, errors: [E] }", // 11
      "  bad name: {}", // 12
    ].join("\n");
    let message = "";
    try {
      load(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'model.yml:3:5: unknown key "queu" in jobs.ReportJob; did you mean "queue"?',
      "model.yml:5:17: jobs.ReportJob.behaviour.run_time takes exactly one of fixed, uniform, lognormal, empirical; it has fixed and uniform",
      "model.yml:7:36: jobs.ReportJob.behaviour.failures[0].probability must be a number from 0 to 1, got the number 1.5",
      'model.yml:8:11: jobs.ReportJob.behaviour.failures[1] takes either "probability" (0..1 per execution) or "script" (a list of true/false per attempt)',
      `model.yml:10:78: jobs.ReportJob.handlers[0].wait.formula: cannot read "^ 2" in the formula "n ^ 2"; use numbers, n, + - * / % ** and parentheses`,
      "model.yml:11:17: jobs.ReportJob.handlers[1].kind must be one of retry_on, discard_on, rescue_from, got the text \"retry_onn\"",
      'model.yml:12:3: jobs: "bad name" is not a Ruby class name (e.g. ReportJob, Billing::ChargeJob)',
    ]);
  });

  it("refuses an empty file and another format", () => {
    expect(() => load("")).toThrow("model.yml:1:1: the job model is empty");
    expect(() => load("format: other/2\njobs: {}\n")).toThrow('model.yml:1:9: format must be "jobsim-job-model/1"');
  });
});

describe("schema/job-model.schema.json", () => {
  const schema: Schema = JSON.parse(readFileSync("schema/job-model.schema.json", "utf8"));
  const { resolve } = schemaValidator(schema);
  const keysOf = (s: Schema) => Object.keys(resolve(s).properties).sort();
  const sorted = (a: readonly string[]) => [...a].sort();
  const d = schema.definitions;

  it("names exactly the keys the loader accepts", () => {
    expect(sorted(Object.keys(schema.properties))).toEqual(sorted(MODEL_KEYS));
    expect(keysOf(schema.properties.settings)).toEqual(sorted(SETTINGS_KEYS));
    expect(keysOf(schema.properties.unmapped.items)).toEqual(sorted(UNMAPPED_KEYS));
    expect(keysOf(d.job)).toEqual(sorted(JOB_KEYS));
    expect(sorted(d.queue.oneOf.slice(1).flatMap((s: Schema) => Object.keys(s.properties)))).toEqual(sorted([...new Set([...QUEUE_KEYS, "at", "inherited_from"])].flatMap((k) => (k === "at" || k === "inherited_from" ? [k, k] : [k]))));
    expect(sorted([...new Set(d.priority.oneOf.slice(1).flatMap((s: Schema) => Object.keys(s.properties)))] as string[])).toEqual(sorted(PRIORITY_KEYS));
    for (const [i, kind] of ["retry_on", "discard_on", "rescue_from"].entries()) expect(keysOf(d.handler.anyOf[i])).toEqual(sorted(HANDLER_KEYS[kind as keyof typeof HANDLER_KEYS]));
    expect(keysOf(d.concurrency)).toEqual(sorted(CONCURRENCY_KEYS));
    expect(keysOf(d.callbacks)).toEqual(sorted(CALLBACK_KINDS));
    expect(Object.keys(d.callbacks.properties.before_perform.items.oneOf[1].properties).sort()).toEqual(sorted(CALLBACK_KEYS));
    expect(keysOf(d.perform)).toEqual(sorted(PERFORM_KEYS));
    expect(keysOf(d.behaviour)).toEqual(sorted(BEHAVIOUR_KEYS));
    expect(d.run_time.oneOf.map((s: Schema) => Object.keys(s.properties)[0])).toEqual([...RUN_TIME_KINDS]);
    expect(sorted([...new Set(d.failure.oneOf.flatMap((s: Schema) => Object.keys(s.properties)))] as string[])).toEqual(sorted(FAILURE_KEYS));
    expect(keysOf(d.enqueue)).toEqual(sorted(ENQUEUE_KEYS));
  });
});
