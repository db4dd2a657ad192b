import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadQueueConfig } from "../src/config/index.js";
import { YAML_LIMITS } from "../src/config/yaml-input-error.js";
import { loadScenario } from "../src/scenario/load.js";
import { CASES } from "../test/helpers/hostile-yaml.js";
import { measure, report, type Measurement } from "./harness.js";

// Issue 13 item 8: how long jobsim takes to refuse each file of the hostile corpus (in-process,
// as `jobsim check` loads a scenario, without the CLI's start-up), and to read the largest
// well-formed files the bounds let through: 128 KiB of dense scenario YAML and of queue.yml.
// The target is well under a second each.

const dir = mkdtempSync(join(tmpdir(), "jobsim-bench-hostile-"));
try {
  const rows: Measurement[] = [];
  for (const c of CASES) {
    const file = join(dir, `${c.name}.yml`);
    writeFileSync(file, c.content());
    await loadScenario(file).catch(() => undefined); // warm up
    rows.push(await measure(c.name, 1, "refusals", () => loadScenario(file).then(() => Promise.reject(new Error(`${c.name} was accepted`)), () => undefined)));
  }
  const limit = YAML_LIMITS.bytes - 100;
  let dense = "name: dense\nsteps: []\nservices:\n";
  for (let i = 0; dense.length < limit - 80; i++) dense += `  s${i}: { m: { returns: [1, 2, { a: b }] } }\n`;
  const denseFile = join(dir, "dense.yml");
  writeFileSync(denseFile, dense);
  rows.push(await measure("dense scenario, 128 KiB", 1, "files", () => loadScenario(denseFile).then(() => undefined, () => undefined)));
  let queue = "production:\n  workers:\n";
  while (queue.length < limit - 120) queue += `    - { queues: [a, b, c], threads: <%= ENV.fetch("T", 3) %>, processes: 1, polling_interval: 0.1 }\n`;
  rows.push(await measure("queue.yml with ERB, 128 KiB", 1, "files", () => void loadQueueConfig({ text: queue, env: "production" })));
  report("hostile YAML: time to refuse (or read) one file", rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
