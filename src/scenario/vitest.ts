// Scenarios as vitest tests: `scenarioTests("scenarios")` in a test file gives one describe per
// scenario file and one test per expectation (plus "invariants", and "runs its timeline", which
// fails when a step cannot finish or the file is bad input).
import { basename } from "node:path";
import { beforeAll, describe, it } from "vitest";
import type { ExpectationResult } from "../report/types.js";
import { scenarioFiles } from "./files.js";
import { loadScenario, readScenarioText, type LoadedScenario } from "./load.js";
import { parseScenario } from "./parse.js";
import { INVARIANTS, runScenario, TIMELINE, type RunOptions, type ScenarioRun } from "./run.js";

export interface ScenarioTestOptions {
  /** Replaces every scenario's seed. */
  seed?: number;
  /** Called with each finished run (to compare traces, write reports...). */
  onRun?: (run: ScenarioRun) => void;
}

/** A describe block per scenario file in `dir` (or per file, when `dir` names files). */
export function scenarioTests(dir: string | string[], opts: ScenarioTestOptions = {}): void {
  const files = scenarioFiles(Array.isArray(dir) ? dir : [dir]);
  for (const file of files) describe(title(file), () => scenarioSuite(file, opts));
}

function title(file: string): string {
  try {
    return `${parseScenario(file, readScenarioText(file)).spec.name} (${basename(file)})`;
  } catch {
    return basename(file);
  }
}

async function scenarioSuite(file: string, opts: ScenarioTestOptions): Promise<void> {
  let loaded: LoadedScenario;
  try {
    loaded = await loadScenario(file);
  } catch (e) {
    it("loads", () => {
      throw e;
    });
    return;
  }
  let run: ScenarioRun | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      const runOpts: RunOptions = opts.seed !== undefined ? { seed: opts.seed } : {};
      run = await runScenario(loaded, runOpts);
      opts.onRun?.(run);
    } catch (e) {
      failure = e;
    }
  });
  const results = (): ExpectationResult[] => {
    if (failure !== undefined) throw failure;
    return run!.result.expectations.filter((x) => x.name !== TIMELINE);
  };
  const assertPassed = (r: ExpectationResult | undefined, name: string) => {
    if (r === undefined) throw new Error(`no result for ${name}`);
    if (!r.passed) throw new Error(r.message ?? `${name} failed`);
  };
  it("runs its timeline", () => {
    results();
    const t = run!.result.expectations.find((x) => x.name === TIMELINE);
    if (t !== undefined) throw new Error(t.message);
  });
  loaded.spec.expectations.forEach((e, i) => {
    it(e.name, () => assertPassed(results()[i], e.name));
  });
  if (!loaded.spec.expectations.some((e) => e.check.kind === "invariants")) {
    it(INVARIANTS, () => assertPassed(results().find((x) => x.name === INVARIANTS), INVARIANTS));
  }
  // Replayed property cases (counterexamples) come after the spec's own expectations.
  if (loaded.spec.properties.length > 0) {
    it("properties (replayed cases)", () => {
      for (const r of results().slice(loaded.spec.expectations.length)) if (r.name !== INVARIANTS) assertPassed(r, r.name);
    });
  }
}
