import { readFileSync } from "node:fs";
import { loadScenario } from "./src/scenario/load.js";
import { runScenario } from "./src/scenario/run.js";
let text = readFileSync("test/scenario/fixtures/basic.yml", "utf8");
text = text.replace("count: 1", "count: 2").replace('"+6s"]', '"+9s"]').replace("[GreetJob, FlakyJob, SlowJob]", "[SlowJob, GreetJob]").replace('max: "< 2s"', 'p95: "< 1ms"').replace("count: 3 }", "count: 4 }").replace("greeted ada", "greeted bob");
const r = await runScenario(await loadScenario("test/scenario/fixtures/basic.yml", text));
for (const e of r.result.expectations) console.log(e.passed ? "PASS" : "FAIL", e.name, "\n   ", e.message ?? "");
const ev = r.result.trace.filter(e => e.jobClass === "SlowJob").map(e => [e.type, new Date(e.t).toISOString()]);
console.log(ev);
