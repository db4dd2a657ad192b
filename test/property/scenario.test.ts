import { describe, expect, it } from "vitest";
import { parseScenarioProperties, PropertySpecError, runScenarioProperties, type ScenarioPropertyContext } from "../../src/property/index.js";
import { scenarioPropertyContext } from "../../src/scenario/property-context.js";
import { loadScenario } from "../../src/scenario/load.js";
import { COUNTER_SCHEMA, CountViewJob, LedgerCountViewJob } from "../../scenarios/properties/jobs/counter.js";

// The scenario runner's entry point: a `properties:` list in, one result per entry out.

const ctx: ScenarioPropertyContext = { file: "inline.yml", jobs: [CountViewJob, LedgerCountViewJob], modules: [], setupSql: COUNTER_SCHEMA, reportsDir: null };

describe("runScenarioProperties", () => {
  it("reads names and options, and says what is wrong with a bad entry", () => {
    expect(parseScenarioProperties(["no_job_lost", { idempotence: { job: "CountViewJob", args: [1] } }], ctx).map((e) => e.def.name)).toEqual(["no_job_lost", "idempotence"]);
    const bad = (entry: unknown) => () => parseScenarioProperties([entry], ctx);
    expect(bad("idempotency")).toThrow(new PropertySpecError('properties[0]: unknown property "idempotency"; did you mean "idempotence"?'));
    expect(bad({ idempotence: { job: "CountViewJob", arg: [1] } })).toThrow('properties[0].idempotence: unknown option "arg"; did you mean "args"?');
    expect(bad({ idempotence: { job: "CountJob" } })).toThrow('properties[0].idempotence.job: unknown job class "CountJob"');
    expect(bad({ idempotence: {} })).toThrow("properties[0].idempotence: job: is required");
    expect(bad({ no_job_lost: { runs: 0 } })).toThrow("properties[0].no_job_lost.runs must be an integer >= 1, got number 0");
    expect(bad({ serializable: { work: [{ job: "CountViewJob" }] } })).toThrow("work must list at least two jobs");
  });

  it("passes, fails, or passes by finding the counterexample a broken job is expected to have", async () => {
    const results = await runScenarioProperties(
      [
        { idempotence: { job: "LedgerCountViewJob", args: [1], runs: 5 } },
        { idempotence: { job: "CountViewJob", args: [1], runs: 5 } },
        { idempotence: { job: "CountViewJob", args: [2], runs: 5, expect: "counterexample" } },
      ],
      ctx,
    );
    expect(results.map((r) => [r.name, r.passed, r.runs])).toEqual([
      ["property idempotence LedgerCountViewJob", true, 5],
      ["property idempotence CountViewJob [1]", false, 1],
      ["property idempotence CountViewJob [2]", true, 1],
    ]);
    expect(results[0]!.message).toBe("5 runs passed");
    expect(results[2]!.message).toMatch(/^found the expected counterexample:\nproperty idempotence failed on run 0/);
  });

  it("replays exactly one case", async () => {
    const [fails] = await runScenarioProperties([{ idempotence: { job: "CountViewJob", replay: { args: [3], seed: 0, only: "twice" } } }], ctx);
    expect([fails!.passed, fails!.runs]).toEqual([false, 1]);
    expect(fails!.message).toContain('only after performing it twice: {"id":3,"n":2}');
    const [holds] = await runScenarioProperties([{ idempotence: { job: "CountViewJob", replay: { args: [3], seed: 0, only: { crashAt: 1 } } } }], ctx);
    expect([holds!.passed, holds!.message]).toEqual([true, "replayed case passes"]);
  });

  it("runs only the replay entries when asked (jobsim run)", async () => {
    const specs = [{ idempotence: { job: "CountViewJob", args: [1] } }, { idempotence: { job: "CountViewJob", replay: { args: [3], seed: 0, only: "twice" } } }];
    const results = await runScenarioProperties(specs, { ...ctx, replayOnly: true });
    expect(results.map((r) => [r.name, r.passed])).toEqual([["property idempotence CountViewJob [1]", false]]);
  });

  it("builds its world from a loaded scenario file", async () => {
    const loaded = await loadScenario("scenarios/properties/payment-broken.yml");
    const [r] = await runScenarioProperties(loaded.spec.properties, scenarioPropertyContext(loaded, { reportsDir: null, runs: 3 }));
    expect([r!.passed, r!.message]).toEqual([true, expect.stringContaining("happened 2 times after a kill at await 2 and a retry")]);
  });
});
