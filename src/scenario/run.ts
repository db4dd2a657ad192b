// Running a loaded scenario: build the world, play the timeline, check the invariants, evaluate
// every expectation, and hand back the ScenarioResult the reports read. Bad input is a thrown
// ScenarioError; everything else (a step that never settles, a broken invariant, a failed
// expectation) is a failed result.
import { runScenarioProperties } from "../property/scenario.js";
import { scenarioPropertyContext } from "./property-context.js";
import type { ExpectationResult, JobSummary, ProcessInfo, ScenarioResult } from "../report/types.js";
import { checkInvariants, InvariantError } from "../sim/invariants.js";
import { NotSettledError, type Simulation } from "../sim/simulation.js";
import type { TraceEvent, TraceEvents } from "../sim/trace.js";
import { buildSimulation } from "./build.js";
import { evaluate, type EvalContext } from "./expect.js";
import { JobTable } from "./job-table.js";
import { loadScenario, type LoadedScenario } from "./load.js";
import { Timeline } from "./steps.js";

export interface RunProgress {
  name: string;
  start: number;
  /** Virtual now, epoch ms. */
  now: number;
  events: number;
}

export interface RunOptions {
  /** Overrides the scenario's seed (`jobsim run --seed N`). */
  seed?: number;
  /** Real milliseconds, read only to fill wallMs (src/ never reads the real clock itself). */
  wallClock?: () => number;
  /** Called every `progressEvery` trace events while the world runs. */
  onProgress?: (p: RunProgress) => void;
  progressEvery?: number;
  /** Check invariants every few thousand events while running (default true; the final check always runs). */
  invariantsWhileRunning?: boolean;
}

export interface RunStats {
  jobs: number;
  executions: number;
  virtualMs: number;
}

export interface ScenarioRun {
  result: ScenarioResult;
  warnings: string[];
  stats: RunStats;
}

/** The testcase that fails when a step cannot finish (it never settles, an invariant breaks). */
export const TIMELINE = "timeline";
export const INVARIANTS = "invariants";
/** The testcase of a file with only `properties:` (campaigns), which `jobsim run` does not run. */
export const PROPERTIES_ONLY = "properties (not run)";

export async function runScenarioFile(file: string, opts: RunOptions = {}): Promise<ScenarioRun> {
  return runScenario(await loadScenario(file), opts);
}

export async function runScenario(loaded: LoadedScenario, opts: RunOptions = {}): Promise<ScenarioRun> {
  const wall = opts.wallClock ?? (() => 0);
  const t0 = wall();
  const { spec } = loaded;
  const seed = opts.seed ?? spec.seed;
  const { sim, warnings } = await buildSimulation(loaded, { seed, invariants: opts.invariantsWhileRunning ?? true });
  const processes = trackProcesses(sim);
  const stopProgress = progress(sim, spec.name, spec.start, opts);
  try {
    const timeline = new Timeline(sim, spec.timeZone, loaded.modules.models);
    let stepFailure: string | undefined;
    let invariantError: string | undefined;
    for (const [i, step] of spec.steps.entries()) {
      try {
        await timeline.play(step, i);
      } catch (e) {
        if (e instanceof InvariantError) invariantError = e.message;
        else if (e instanceof NotSettledError) stepFailure = `${step.label} (${step.key}, line ${step.pos.line}): ${e.message}`;
        else throw e;
        break;
      }
    }
    if (invariantError === undefined) {
      try {
        checkInvariants(sim);
      } catch (e) {
        if (!(e instanceof InvariantError)) throw e;
        invariantError = e.message;
      }
    }
    const events = sim.trace.all;
    const table = new JobTable(sim);
    const ctx: EvalContext = { sim, jobs: table, events, timeZone: spec.timeZone, ...(invariantError !== undefined ? { invariantError } : {}) };
    const expectations: ExpectationResult[] = [];
    if (stepFailure !== undefined) expectations.push({ name: TIMELINE, passed: false, message: stepFailure });
    for (const e of spec.expectations) expectations.push(evaluate(e, ctx));
    if (!spec.expectations.some((e) => e.check.kind === "invariants")) {
      expectations.push(evaluate({ name: INVARIANTS, pos: { file: spec.file, line: 1, col: 1 }, check: { kind: "invariants" } }, ctx));
    }
    // Properties with a `replay:` case (counterexamples) run here, one case each; campaigns
    // belong to `jobsim fuzz`.
    if (spec.properties.length > 0) {
      const replayed = await runScenarioProperties(spec.properties, scenarioPropertyContext(loaded, { seed, replayOnly: true, reportsDir: null }));
      for (const p of replayed) expectations.push({ name: p.name, passed: p.passed, message: p.message });
      // A file of campaigns only checks nothing here: say so (JUnit <skipped>), never a pass.
      if (replayed.length === 0 && spec.expectations.length === 0) {
        expectations.push(propertiesOnly(spec.properties.length, spec.file));
      }
    }
    const jobs = jobSummaries(table, events);
    const result: ScenarioResult = {
      name: spec.name,
      file: spec.file,
      ...(spec.description !== undefined ? { description: spec.description } : {}),
      seed,
      start: spec.start,
      timeZone: spec.timeZone,
      passed: expectations.every((x) => x.passed),
      expectations,
      // The world is disposed below and writes no more: its trace is handed over, not copied.
      trace: events,
      processes: [...processes.values()],
      jobs,
      wallMs: 0,
      ...(sim.trace.dropped > 0 ? { droppedEvents: sim.trace.dropped } : {}),
    };
    const stats = { jobs: jobs.length, executions: sim.trace.count("started"), virtualMs: sim.now() - spec.start };
    result.wallMs = Math.round(wall() - t0);
    return { result, warnings, stats };
  } finally {
    stopProgress();
    sim.dispose();
  }
}

/** The note for a file whose only content is property campaigns (`jobsim fuzz` runs them). */
export function propertiesOnly(count: number, file: string): ExpectationResult {
  const what = count === 1 ? "1 property campaign" : `${count} property campaigns`;
  return { name: PROPERTIES_ONLY, passed: true, skipped: true, message: `properties only: ${what}, not run by jobsim run; run them with: jobsim fuzz ${file}` };
}

/** Every process that ever ran, with its supervisor (replacements after a crash too). */
function trackProcesses(sim: Simulation): Map<string, ProcessInfo> {
  const seen = new Map<string, ProcessInfo>();
  const note = (name: string) => {
    if (seen.has(name)) return;
    const p = sim.processes().find((x) => x.name === name);
    if (p === undefined) return;
    const sup = p.supervisorId === null ? undefined : sim.supervisors.find((s) => s.id === p.supervisorId);
    // The selector that picks it when it starts (worker:1): the name a scenario knows it by.
    const label = sim.selectorOf(name);
    seen.set(name, { name, kind: p.kind, ...(sup !== undefined ? { supervisor: sup.name } : {}), ...(label !== undefined ? { label } : {}) });
  };
  for (const p of sim.processes()) note(p.name);
  sim.trace.onEvent((e) => {
    if (e.type !== "process_started" || e.process === undefined) return;
    note(e.process);
    const info = seen.get(e.process);
    const label = sim.selectorOf(e.process);
    if (info !== undefined && info.label === undefined && label !== undefined) info.label = label;
  });
  return seen;
}

function progress(sim: Simulation, name: string, start: number, opts: RunOptions): () => void {
  const report = opts.onProgress;
  if (report === undefined) return () => {};
  const every = opts.progressEvery ?? 5000;
  let n = 0;
  return sim.trace.onEvent((e) => {
    if (++n % every === 0) report({ name, start, now: e.t, events: n });
  });
}

function jobSummaries(table: JobTable, events: TraceEvents): JobSummary[] {
  const discarded = new Set<number>();
  for (const e of events) if (e.type === "discarded" && e.jobId !== undefined) discarded.add(e.jobId);
  return table.all.map((j) => ({
    id: j.id,
    className: j.className,
    queue: j.queueName,
    priority: j.priority,
    activeJobId: j.activeJobId,
    status: j.status === "finished" && discarded.has(j.id) ? "discarded" : j.status,
    args: j.args,
  }));
}
