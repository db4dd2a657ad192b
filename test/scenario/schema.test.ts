import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scenarioFiles } from "../../src/scenario/files.js";
import { CONFIG_KEYS, OUTCOME_KEYS, SETTINGS_KEYS, SETUP_KEYS, TOP_KEYS } from "../../src/scenario/parse.js";
import { ARRIVALS_KEYS, CRASH_AT_AWAIT_KEYS, EACH_SLICE_KEYS, ENQUEUE_KEYS, FAIL_SQL_KEYS, RUN_UNTIL_IDLE_KEYS, STEP_ACTIONS } from "../../src/scenario/parse-steps.js";
import {
  CALLS_KEYS,
  DELIVERIES_KEYS,
  EXPECT_SUBJECTS,
  FINAL_STATUSES,
  JOB_KEYS,
  LATENCY_KEYS,
  LOGS_KEYS,
  SQL_KEYS,
  TABLE_KEYS,
} from "../../src/scenario/parse-expect.js";
import { ERRORS_KEYS, TRACE_KEYS } from "../../src/scenario/parse-expect-events.js";
import { INSTRUMENTATION_NAMES } from "../../src/engine/instrumentation.js";
import { TRACE_TYPES } from "../../src/sim/trace.js";
import { schemaValidator, type Schema } from "../helpers/json-schema.js";

// schema/scenario.schema.json (for editors) says what the loader accepts: the same keys
// everywhere, and every example scenario validates against it.

const schema: Schema = JSON.parse(readFileSync("schema/scenario.schema.json", "utf8"));
const { validate, resolve } = schemaValidator(schema);

const keys = (s: Schema) => Object.keys(resolve(s).properties).sort();
const sorted = (a: readonly string[]) => [...a].sort();
const props = schema.properties;
const step = props.steps.items;
const expectations: Schema[] = props.expect.items.anyOf;
const bySubject = (subject: string) => expectations.find((e) => e.required[0] === subject)!;

describe("the JSON Schema names the loader's keys", () => {
  it("at the top level, in config, settings, setup and services", () => {
    expect(keys(schema)).toEqual(sorted(TOP_KEYS));
    expect(keys(props.config)).toEqual(sorted(CONFIG_KEYS));
    expect(keys(props.settings)).toEqual(sorted(Object.keys(SETTINGS_KEYS)));
    expect(keys(props.setup)).toEqual(sorted(SETUP_KEYS));
    expect(keys(schema.definitions.outcome)).toEqual(sorted(OUTCOME_KEYS));
  });

  it("in steps", () => {
    expect(keys(step)).toEqual(sorted([...STEP_ACTIONS, "at"]));
    expect(keys(step.properties.enqueue.oneOf[1])).toEqual(sorted(ENQUEUE_KEYS));
    expect(keys(step.properties.enqueue.oneOf[1].properties.each_slice)).toEqual(sorted(EACH_SLICE_KEYS));
    expect(keys(step.properties.arrivals)).toEqual(sorted(ARRIVALS_KEYS));
    expect(keys(step.properties.fail_sql)).toEqual(sorted(FAIL_SQL_KEYS));
    expect(keys(step.properties.crash_at_await)).toEqual(sorted(CRASH_AT_AWAIT_KEYS));
    expect(keys(step.properties.run_until_idle.oneOf[2])).toEqual(sorted(RUN_UNTIL_IDLE_KEYS));
  });

  it("in expectations", () => {
    expect(sorted(expectations.map((e) => e.required[0]))).toEqual(sorted(EXPECT_SUBJECTS));
    const jobKeys = JOB_KEYS.filter((k) => k !== "id");
    expect(keys(bySubject("job"))).toEqual(sorted(jobKeys));
    expect(keys(bySubject("id"))).toEqual(sorted(JOB_KEYS.filter((k) => k !== "job")));
    expect(keys(bySubject("table"))).toEqual(sorted(TABLE_KEYS));
    expect(keys(bySubject("sql"))).toEqual(sorted(SQL_KEYS));
    expect(keys(bySubject("latency").properties.latency)).toEqual(sorted(LATENCY_KEYS));
    expect(keys(bySubject("deliveries").properties.deliveries)).toEqual(sorted(DELIVERIES_KEYS));
    expect(keys(bySubject("trace").properties.trace)).toEqual(sorted(TRACE_KEYS));
    expect(keys(bySubject("logs").properties.logs)).toEqual(sorted(LOGS_KEYS));
    expect(keys(bySubject("calls").properties.calls)).toEqual(sorted(CALLS_KEYS));
    expect(keys(bySubject("errors").properties.errors)).toEqual(sorted(ERRORS_KEYS));
    expect(bySubject("trace").properties.trace.properties.type.oneOf.map((o: Schema) => o.enum)).toEqual([[...TRACE_TYPES], [...INSTRUMENTATION_NAMES]]);
    expect(bySubject("job").properties.final.enum).toEqual([...FINAL_STATUSES]);
  });
});

describe("scenario files and the schema", () => {
  const examples = [...scenarioFiles(["scenarios"]), "test/scenario/fixtures/basic.yml", "test/scenario/fixtures/large/100k-jobs.yml"];
  for (const file of examples) {
    it(`${file} validates and names the schema for editors`, () => {
      const text = readFileSync(file, "utf8");
      expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\/scenario\.schema\.json$/);
      expect(validate(schema, parse(text))).toEqual([]);
    });
  }

  it("flags what the loader refuses", () => {
    const check = (file: string) => validate(schema, parse(readFileSync(`test/scenario/broken/${file}`, "utf8")));
    expect(check("unknown-key.yml")).toEqual(["$: unknown key seeed", expect.stringContaining("$.steps[0].enqueue: matches 0 of oneOf")]);
    expect(check("wrong-type.yml")).toContain("$.seed: expected integer, got string");
    expect(check("unknown-trace-type.yml")[0]).toContain("$.expect[0]: matches none of anyOf");
  });
});
