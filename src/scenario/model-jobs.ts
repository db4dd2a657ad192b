// Job models named by a scenario's `jobs:` (a *.yml / *.yaml path beside the *.ts modules):
// their classes become Job classes (src/model), a TypeScript class of the same name keeps its
// code and takes the model's run time, and a later model file adds behaviours to the classes
// an earlier one declared (an import's job-model.yml, then a hand-written behaviour file).
import { relative } from "node:path";
import type { AnyJobClass } from "../job/registry.js";
import type { AnyModel } from "../job/model.js";
import { ErrorClasses } from "../model/error-classes.js";
import { buildJobClasses } from "../model/job-classes.js";
import { ModelError } from "../model/errors.js";
import { loadJobModel } from "../model/load.js";
import { withModelledRunTime } from "../model/modelled-run-time.js";
import { standInModel } from "../model/record-stand-in.js";
import type { Behaviour, JobClassModel } from "../model/types.js";
import { ScenarioError } from "./errors.js";
import type { At } from "./spec.js";

export function isModelPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export interface ModelJobs {
  /** The job list with modelled classes added and timed TypeScript classes in place of theirs. */
  jobs: AnyJobClass[];
  errors: Record<string, new (message?: string) => Error>;
  warnings: string[];
  /** Whether any class's perform is a modelled behaviour (records may then be stand-ins). */
  modelled: boolean;
}

export function loadModelJobs(paths: readonly At<string>[], tsJobs: readonly AnyJobClass[]): ModelJobs {
  const classes = new Map<string, { model: JobClassModel; file: string }>();
  for (const { value: path, pos } of paths) {
    const shown = relative(process.cwd(), path) || path;
    let model;
    try {
      model = loadJobModel(path);
    } catch (e) {
      // A model's problems are the scenario's bad input; an unreadable file is named where jobs: names it.
      if (!(e instanceof ModelError)) throw e;
      throw e.issues.every((i) => i.pos === undefined) ? ScenarioError.at(pos, e.message) : new ScenarioError(e.issues);
    }
    for (const [name, m] of Object.entries(model.jobs)) {
      const seen = classes.get(name);
      if (seen === undefined) classes.set(name, { model: m, file: shown });
      else seen.model = { ...seen.model, behaviour: mergeBehaviour(seen.model.behaviour, m.behaviour) };
    }
  }
  const warnings: string[] = [];
  const byName = new Map(tsJobs.map((c) => [c.jobClassName, c]));
  const modelled: Record<string, JobClassModel> = {};
  for (const [name, { model, file }] of classes) {
    const ts = byName.get(name);
    if (ts === undefined) {
      modelled[name] = model;
      continue;
    }
    // The TypeScript code is the behaviour; only the run time comes from the model.
    if (model.behaviour.run_time !== undefined) byName.set(name, withModelledRunTime(ts, model.behaviour.run_time));
    const ignored = (["failures", "enqueues", "calls"] as const).filter((k) => model.behaviour[k] !== undefined);
    if (ignored.length > 0) warnings.push(`${file}: jobs.${name}.behaviour: ${ignored.join(", ")} not used: ${name} is a TypeScript class, its code runs (only run_time applies)`);
  }
  const errors = new ErrorClasses();
  const jobs: AnyJobClass[] = [...byName.values()];
  const built = buildJobClasses({ jobs: modelled }, { file: paths.map((p) => relative(process.cwd(), p.value)).join(", "), others: () => jobs, errors });
  jobs.push(...built.jobs);
  warnings.push(...built.warnings);
  return { jobs, errors: errors.byName(), warnings, modelled: built.jobs.length > 0 };
}

function mergeBehaviour(a: Behaviour, b: Behaviour): Behaviour {
  return { ...a, ...b };
}

/** Stand-ins for record models that steps name and no TypeScript module exports. */
export function standInModels(names: readonly string[], known: readonly AnyModel[]): AnyModel[] {
  const have = new Set(known.map((m) => m.modelName));
  return [...new Set(names)].filter((n) => !have.has(n)).sort().map(standInModel);
}
