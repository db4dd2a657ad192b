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
  TRACE_KEYS,
} from "../../src/scenario/parse-expect.js";
import { TRACE_TYPES } from "../../src/sim/trace.js";

// schema/scenario.schema.json (for editors) says what the loader accepts: the same keys
// everywhere, and every example scenario validates against it.

type Schema = Record<string, any>;
const schema: Schema = JSON.parse(readFileSync("schema/scenario.schema.json", "utf8"));

function resolve(s: Schema): Schema {
  return s.$ref !== undefined ? schema.definitions[s.$ref.slice("#/definitions/".length)] : s;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** A small JSON Schema (draft-07 subset) validator: the keywords the schema uses. */
function validate(s0: Schema, v: unknown, path = "$"): string[] {
  const s = resolve(s0);
  const errors: string[] = [];
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(v);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) return [`${path}: expected ${types.join("|")}, got ${t}`];
  }
  if (s.enum !== undefined && !s.enum.includes(v)) errors.push(`${path}: not one of ${s.enum.join(", ")}`);
  if (s.const !== undefined && v !== s.const) errors.push(`${path}: must be ${JSON.stringify(s.const)}`);
  if (s.pattern !== undefined && typeof v === "string" && !new RegExp(s.pattern).test(v)) errors.push(`${path}: does not match ${s.pattern}`);
  if (s.minimum !== undefined && typeof v === "number" && v < s.minimum) errors.push(`${path}: below ${s.minimum}`);
  if (s.minLength !== undefined && typeof v === "string" && v.length < s.minLength) errors.push(`${path}: too short`);
  if (s.oneOf !== undefined) {
    const ok = s.oneOf.filter((x: Schema) => validate(x, v, path).length === 0).length;
    if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf`);
  }
  if (s.anyOf !== undefined && !s.anyOf.some((x: Schema) => validate(x, v, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf (${s.anyOf.map((x: Schema) => validate(x, v, path)[0]).join(" / ")})`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (s.items !== undefined) v.forEach((x, i) => errors.push(...validate(s.items, x, `${path}[${i}]`)));
  } else if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) errors.push(`${path}: missing ${r}`);
    if (s.minProperties !== undefined && Object.keys(o).length < s.minProperties) errors.push(`${path}: empty`);
    for (const [k, x] of Object.entries(o)) {
      const p = s.properties?.[k];
      if (p !== undefined) errors.push(...validate(p, x, `${path}.${k}`));
      else if (s.additionalProperties === false) errors.push(`${path}: unknown key ${k}`);
      else if (typeof s.additionalProperties === "object") errors.push(...validate(s.additionalProperties, x, `${path}.${k}`));
    }
  }
  return errors;
}

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
    expect(bySubject("trace").properties.trace.properties.type.enum).toEqual([...TRACE_TYPES]);
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
