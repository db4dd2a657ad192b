import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { traceFileName, uniqueSlugs, slugify } from "../../src/report/slug.js";
import { writeTraceFile } from "../../src/report/trace-file.js";
import { writeReports } from "../../src/report/write-reports.js";
import { serializeTrace } from "../../src/sim/trace.js";
import { job, result, TraceBuilder } from "./build-trace.js";
import { syntheticResult } from "./synthetic.js";
import { tempDir } from "../helpers/temp.js";

const tmp = () => tempDir("report");

describe("trace JSON", () => {
  it("is byte-identical for the same input, whatever the wall time or directory", () => {
    const a = syntheticResult({ jobs: 40 });
    const b = { ...syntheticResult({ jobs: 40 }), wallMs: 98765 };
    const [pa] = writeReports([a], { dir: tmp(), formats: ["json"] });
    const [pb] = writeReports([b], { dir: tmp(), formats: ["json"] });
    const bytes = readFileSync(pa!);
    expect(bytes.equals(readFileSync(pb!))).toBe(true);
    expect(bytes.toString("utf8")).toBe(serializeTrace(a.trace));
    expect(bytes.toString("utf8")).not.toMatch(/98765|\/tmp\//);
  });

  it("writes to a file what serializeTrace gives, on odd values: key order, bigints, unicode, missing fields", () => {
    const events = new TraceBuilder()
      .add(0, "log", { data: { message: "é \u2028 </script> \"q\"", n: 12n } })
      .add(1, "started", { thread: 2, process: "w", ...job(3, "a", "K", "q") })
      .add(86_399_999, "fault", { data: { kind: "sql", nested: [1, { deep: true }], skip: undefined } })
      .add(Date.UTC(2031, 5, 30, 23, 59, 59, 7), "cleared", { data: { count: 0 } }).events;
    const file = join(tmp(), "odd.trace.json");
    writeTraceFile(file, events);
    expect(readFileSync(file, "utf8")).toBe(serializeTrace(events));
    expect(serializeTrace(events).split("\n")[1]).toBe('{"t":0,"seq":0,"type":"log","data":{"message":"é \u2028 </script> \\"q\\"","n":"12"},"time":"1970-01-01T00:00:00.000Z"},');
    expect(serializeTrace(events)).not.toContain("skip");
    writeTraceFile(file, []);
    expect(readFileSync(file, "utf8")).toBe(serializeTrace([]));
  });

  it("names files by slug: lowercase [a-z0-9-], unique in a run", () => {
    expect(slugify("Checkout: Burst (EU) — Été!")).toBe("checkout-burst-eu-ete");
    expect(slugify("<script>")).toBe("script");
    expect(slugify("!!!")).toBe("scenario");
    expect(uniqueSlugs(["A b", "a-b", "A  B", "x"])).toEqual(["a-b", "a-b-2", "a-b-3", "x"]);
    expect(traceFileName("a-b")).toBe("a-b.trace.json");
    const dir = tmp();
    const paths = writeReports([result({ name: "Same" }), result({ name: "same" })], { dir, formats: ["json", "junit", "html"] });
    expect(paths).toEqual([join(dir, "same.trace.json"), join(dir, "same-2.trace.json"), join(dir, "junit.xml"), join(dir, "index.html")]);
  });

  it("rejects an unknown format with a clear message", () => {
    expect(() => writeReports([], { dir: tmp(), formats: ["pdf" as never] })).toThrow('unknown report format "pdf" (expected one of: json, junit, html)');
  });
});
