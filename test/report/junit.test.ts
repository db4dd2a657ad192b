import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report/junit.js";
import { result } from "./build-trace.js";

const unescape = (s: string) =>
  s
    .replace(/&#10;/g, "\n")
    .replace(/&#13;/g, "\r")
    .replace(/&#9;/g, "\t")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const hostile = `expected <b>"x"</b> & 'y'\nsecond line\u0001`;

const xml = renderJunit([
  result({
    name: 'Burst <of> "jobs" & more',
    passed: false,
    wallMs: 1234,
    expectations: [
      { name: "all charged", passed: true, measured: "p95 4.1s (< 5s) over 120 executions" },
      { name: "mails < 10 & > 2", passed: false, message: hostile },
    ],
  }),
  result({ name: "crashed", passed: false, error: "Error: bad input at a.yml:3:7 <here>" }),
  result({ name: "empty", passed: true }),
  result({ name: "failed without a failing expectation", passed: false, expectations: [{ name: "ok", passed: true }] }),
]);

describe("JUnit XML", () => {
  it("has one testsuite per scenario and one testcase per expectation, with totals", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="jobsim" tests="6" failures="2" errors="1"')).toBe(true);
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="0" time="([\d.]+)"/g)];
    expect(suites.map((m) => [unescape(m[1]!), m[2], m[3], m[4]])).toEqual([
      ['Burst <of> "jobs" & more', "2", "1", "0"],
      ["crashed", "1", "0", "1"],
      ["empty", "1", "0", "0"],
      ["failed without a failing expectation", "2", "1", "0"],
    ]);
    expect(suites[0]![5]).toBe("1.234");
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml.match(/<\/testsuite>/g)).toHaveLength(4);
    expect(xml).toContain('<property name="seed" value="1"/>');
  });

  it("gives a passing expectation's measured value as system-out", () => {
    expect(xml).toContain('<testcase name="all charged" classname="Burst &lt;of&gt; &quot;jobs&quot; &amp; more" time="0.000">\n      <system-out>measured: p95 4.1s (&lt; 5s) over 120 executions</system-out>\n    </testcase>');
  });

  it("escapes names and messages, and a parse-back gives the original text", () => {
    const failure = /<failure message="([^"]*)" type="expectation">([^<]*)<\/failure>/.exec(xml)!;
    expect(failure).not.toBeNull();
    const visible = hostile.replace("\u0001", "\\u0001"); // XML 1.0 cannot carry U+0001 at all
    expect(unescape(failure[1]!)).toBe(visible);
    expect(unescape(failure[2]!)).toBe(visible);
    expect(xml).toContain('<testcase name="mails &lt; 10 &amp; &gt; 2"');
    const error = /<testcase name="run" classname="crashed" time="0.000">\n {6}<error message="([^"]*)" type="run">/.exec(xml)!;
    expect(unescape(error[1]!)).toBe("Error: bad input at a.yml:3:7 <here>");
    expect(xml).toContain('<testcase name="scenario" classname="failed without a failing expectation" time="0.000">');
    // nothing left unescaped: every < starts a known tag
    const tags = new Set([...xml.matchAll(/<([?/]?[a-z-]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(["/error", "/failure", "/properties", "/system-out", "/testcase", "/testsuite", "/testsuites", "?xml", "error", "failure", "properties", "property", "system-out", "testcase", "testsuite", "testsuites"]);
  });
});
