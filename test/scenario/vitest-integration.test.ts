import { describe, expect, it } from "vitest";
import { scenarioTests } from "../../src/scenario/vitest.js";
import type { ScenarioRun } from "../../src/scenario/run.js";

// scenarioTests turns each scenario file into a describe block with a test per expectation;
// test/scenario/fixtures holds one passing scenario (basic.yml).

const runs: ScenarioRun[] = [];
scenarioTests("test/scenario/fixtures", { onRun: (r) => runs.push(r) });
scenarioTests(["test/scenario/fixtures/basic.yml"], { seed: 8, onRun: (r) => runs.push(r) });

describe("scenarioTests", () => {
  it("ran each file once per call, with the seed given", () => {
    expect(runs.map((r) => [r.result.name, r.result.seed, r.result.passed])).toEqual([
      ["basic fixture", 7, true],
      ["basic fixture", 8, true],
    ]);
  });
});
