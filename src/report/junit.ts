import type { ExpectationResult, ScenarioResult } from "./types.js";
import { escapeXmlAttr, escapeXmlText } from "./xml-escape.js";

// JUnit XML for CI: one <testsuite> per scenario, one <testcase> per expectation. A run that
// crashed or had bad input gets an <error> testcase named "run"; a failed scenario without any
// failing expectation gets a "scenario" failure, so CI never shows a red run as green.

interface Case {
  name: string;
  /** What the expectation measured, pass or fail: <system-out>, so CI shows a value creeping up. */
  measured?: string;
  skipped?: string;
  failure?: { message: string; type: string };
  error?: { message: string };
}

function casesOf(r: ScenarioResult): Case[] {
  const cases: Case[] = r.expectations.map((e: ExpectationResult) => ({
    name: e.name,
    ...(e.measured !== undefined ? { measured: e.measured } : {}),
    ...(e.skipped === true ? { skipped: e.message ?? "not run" } : {}),
    ...(e.passed ? {} : { failure: { message: e.message ?? "expectation failed", type: "expectation" } }),
  }));
  if (r.error !== undefined) cases.push({ name: "run", error: { message: r.error } });
  else if (!r.passed && cases.every((c) => c.failure === undefined)) cases.push({ name: "scenario", failure: { message: "scenario failed", type: "scenario" } });
  else if (cases.length === 0) cases.push({ name: "run" });
  return cases;
}

function seconds(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : "0.000";
}

function caseXml(c: Case, classname: string): string {
  const open = `    <testcase name="${escapeXmlAttr(c.name)}" classname="${escapeXmlAttr(classname)}" time="0.000"`;
  const inner: string[] = [];
  if (c.failure !== undefined) inner.push(`      <failure message="${escapeXmlAttr(c.failure.message)}" type="${c.failure.type}">${escapeXmlText(c.failure.message)}</failure>`);
  if (c.error !== undefined) inner.push(`      <error message="${escapeXmlAttr(c.error.message)}" type="run">${escapeXmlText(c.error.message)}</error>`);
  if (c.skipped !== undefined) inner.push(`      <skipped message="${escapeXmlAttr(c.skipped)}"/>`);
  if (c.measured !== undefined) inner.push(`      <system-out>measured: ${escapeXmlText(c.measured)}</system-out>`);
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join("\n")}\n    </testcase>`;
}

function suiteXml(r: ScenarioResult): { xml: string; tests: number; failures: number; errors: number } {
  const cases = casesOf(r);
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const errors = cases.filter((c) => c.error !== undefined).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const props = [
    ["file", r.file],
    ["seed", String(r.seed)],
    ["start", Number.isFinite(r.start) ? new Date(r.start).toISOString() : String(r.start)],
    ["timeZone", r.timeZone],
  ];
  const lines = [
    `  <testsuite name="${escapeXmlAttr(r.name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(r.wallMs)}" file="${escapeXmlAttr(r.file)}">`,
    "    <properties>",
    ...props.map(([k, v]) => `      <property name="${k}" value="${escapeXmlAttr(v!)}"/>`),
    "    </properties>",
    ...cases.map((c) => caseXml(c, r.name)),
    "  </testsuite>",
  ];
  return { xml: lines.join("\n"), tests: cases.length, failures, errors };
}

export function renderJunit(results: readonly ScenarioResult[]): string {
  const suites = results.map(suiteXml);
  const sum = (k: "tests" | "failures" | "errors") => suites.reduce((n, s) => n + s[k], 0);
  const wall = results.reduce((n, r) => n + (Number.isFinite(r.wallMs) ? r.wallMs : 0), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="jobsim" tests="${sum("tests")}" failures="${sum("failures")}" errors="${sum("errors")}" time="${seconds(wall)}">`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}
