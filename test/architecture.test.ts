import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { folderCycles, readImports, violations, type Import } from "./architecture/imports.js";
import { LAYERS, PACKAGE_FOLDERS, PEER_IMPORTS } from "./architecture/rules.js";

// Import directions in src/ (DESIGN.md, docs/architecture.md): every import, runtime or
// `import type`, points down the layers `cli -> scenario/property/report/whatif/testing -> sim
// -> engine -> store/job/schedule/config/rails/model`, with the few same-layer edges listed in
// test/architecture/rules.ts, and no folders import each other in a cycle.

/**
 * Violations on main that issue 11's refactors remove, each as "file -> imported file". The
 * test fails on any violation not listed here, and on any entry here that is no longer a
 * violation, so the list only shrinks: delete an entry when the branch that fixes it lands.
 */
const KNOWN_VIOLATIONS: readonly string[] = [
];

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []))
    .sort();
}

const imports = (files: Record<string, string>): Import[] => Object.entries(files).flatMap(([file, text]) => readImports(file, text));

describe("src/ imports point down the layers", () => {
  const all = imports(Object.fromEntries(sourceFiles("src").map((f) => [f, readFileSync(join(ROOT, f), "utf8")])));

  it("reads the imports of every file in src/", () => {
    expect(all.length).toBeGreaterThan(500);
    expect(new Set(all.map((i) => i.file.split("/")[1])).size).toBeGreaterThanOrEqual(12);
  });

  it("no file imports a higher layer or a same-layer folder it may not (beyond KNOWN_VIOLATIONS)", () => {
    const found = violations(all);
    const unexpected = found.filter((v) => !KNOWN_VIOLATIONS.includes(v.key)).map((v) => v.message);
    expect(unexpected, "imports against the layers (docs/architecture.md)").toEqual([]);
    const fixed = KNOWN_VIOLATIONS.filter((k) => !found.some((v) => v.key === k));
    expect(fixed, "no longer violations: delete them from KNOWN_VIOLATIONS").toEqual([]);
  });

  it("no folders import each other in a cycle (runtime and type imports alike)", () => {
    const accepted = all.filter((i) => !KNOWN_VIOLATIONS.includes(`${i.file} -> ${i.target}`));
    const cycles = folderCycles(accepted).map((c) => `${c.folders.join(" -> ")} (${c.via.map((i) => `${i.file}:${i.line} "${i.specifier}"`).join(", ")})`);
    expect(cycles).toEqual([]);
  });
});

describe("docs/architecture.md states the rules the test checks", () => {
  const doc = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
  const row = (n: number) => doc.split("\n").find((l) => l.startsWith(`| ${n} |`)) ?? "";

  it("each layer's row names exactly its folders", () => {
    LAYERS.forEach((folders, n) => {
      const named = [...row(n).split("|")[2]!.matchAll(/`(?:src\/)?([a-z]+)(?:\/|\.ts)`/g)].map((m) => m[1]);
      expect(named, `layer ${n}`).toEqual([...folders]);
    });
  });

  it("every allowed peer import and package rule is on the page", () => {
    for (const edge of Object.keys(PEER_IMPORTS)) expect(doc, edge).toContain(`\`${edge}\``);
    for (const [pkg, folders] of Object.entries(PACKAGE_FOLDERS)) {
      const sentence = doc.split(";").find((s) => s.includes(`\`${pkg}\` only`)) ?? "";
      for (const f of folders) expect(sentence, `${pkg} in ${f}/`).toContain(`\`${f}/\``);
    }
  });
});

describe("the checker fails on a new violation", () => {
  it("an engine file importing sim/, as a type, is named with its line and import", () => {
    const found = violations(
      imports({
        "src/engine/fresh.ts": 'import { claim } from "./claim.js";\n\nimport type { Simulation } from "../sim/simulation.js";\n',
      }),
    );
    expect(found.map((v) => v.key)).toEqual(["src/engine/fresh.ts -> src/sim/simulation.ts"]);
    expect(found[0]!.message).toBe(
      'src/engine/fresh.ts:3 import type "../sim/simulation.js": engine/ (layer 4: engine) imports sim/, a higher layer (3: sim); imports point down',
    );
  });

  it("property/ importing scenario/ (same layer, not an allowed peer edge); scenario/ importing property/ is allowed", () => {
    const found = violations(
      imports({
        "src/property/fresh.ts": 'export { loadScenario } from "../scenario/load.js";',
        "src/scenario/fresh.ts": 'import { runCampaign } from "../property/campaign.js";',
      }),
    );
    expect(found.map((v) => v.message)).toEqual([
      'src/property/fresh.ts:1 import "../scenario/load.js": property/ and scenario/ are in the same layer and "property -> scenario" is not an allowed peer import (PEER_IMPORTS)',
    ]);
  });

  it("reads every form of import, and nothing in comments or strings", () => {
    const text = [
      "// import { x } from '../cli/main.js';",
      'const s = "from \'../cli/run.js\'";',
      "import {",
      "  a,",
      "  b,",
      '} from "../report/types.js";',
      'export * from "../testing/matchers.js";',
      'export type { T } from "../scenario/spec.js";',
      'type U = import("../property/spec.js").PropertySpec;',
      'const m = await import("../cli/fuzz.js");',
      'import "../whatif/side-effect.js";',
    ].join("\n");
    const read = readImports("src/sim/fresh.ts", text);
    expect(read.map((i) => [i.line, i.target, i.typeOnly])).toEqual([
      [3, "src/report/types.ts", false],
      [7, "src/testing/matchers.ts", false],
      [8, "src/scenario/spec.ts", true],
      [9, "src/property/spec.ts", true],
      [10, "src/cli/fuzz.ts", false],
      [11, "src/whatif/side-effect.ts", false],
    ]);
    expect(violations(read)).toHaveLength(6);
  });

  it("a package the folder may not use (the engine knows nothing of YAML or vitest)", () => {
    const found = violations(imports({ "src/engine/fresh.ts": 'import { parse } from "yaml";\nimport { expect } from "vitest";\nimport initSqlJs from "sql.js";' }));
    expect(found.map((v) => v.key)).toEqual(["src/engine/fresh.ts -> yaml", "src/engine/fresh.ts -> vitest"]);
  });

  it("an import reaching out of src/ (tests, example scenarios)", () => {
    const found = violations(imports({ "src/sim/fresh.ts": 'import { busyWorld } from "../../test/sim/workload.js";' }));
    expect(found.map((v) => v.key)).toEqual(["src/sim/fresh.ts -> test/sim/workload.ts"]);
  });

  it("a folder in no layer is an error that says where to add it", () => {
    expect(() => violations(imports({ "src/misc/a.ts": 'import { x } from "../job/job.js";' }))).toThrow(/src\/misc\/ is in no layer: add it to LAYERS/);
  });

  it("a cycle between folders is found and named by the imports that make it", () => {
    const cycles = folderCycles(
      imports({
        "src/store/time.ts": 'import { civil } from "../schedule/civil.js";',
        "src/schedule/zone.ts": 'import type { Store } from "../store/store.js";',
        "src/job/job.ts": 'import { dbTime } from "../store/time.js";',
      }),
    );
    expect(cycles.map((c) => c.folders)).toEqual([["schedule", "store", "schedule"]]);
    expect(cycles[0]!.via.map((i) => i.file)).toEqual(["src/schedule/zone.ts", "src/store/time.ts"]);
  });
});
