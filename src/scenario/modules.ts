// Job modules named by a scenario: TypeScript files loaded with import() (the CLI runs under
// tsx, vitest compiles .ts). Every exported Job subclass is registered; exported Error
// subclasses are the names services and SQL faults may throw; exported models locate records.
// A *.yml path is a job model (model-jobs.ts): its classes join the TypeScript ones.
import { existsSync, statSync } from "node:fs";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { Job } from "../job/job.js";
import { ModelRecord, type AnyModel } from "../job/model.js";
import type { AnyJobClass } from "../job/registry.js";
import { ScenarioError } from "./errors.js";
import { commonJsReason } from "./module-format.js";
import { isModelPath, loadModelJobs } from "./model-jobs.js";
import type { At } from "./spec.js";

export interface LoadedModules {
  jobs: AnyJobClass[];
  errors: Record<string, new (message?: string) => Error>;
  models: AnyModel[];
  /** What a job model asks for that the simulation approximates (model-jobs.ts). */
  warnings: string[];
  /** Whether some class's perform is a modelled behaviour. */
  modelled: boolean;
}

function isSubclass(value: unknown, base: abstract new (...a: never[]) => unknown): boolean {
  return typeof value === "function" && value !== base && (value as { prototype?: unknown }).prototype instanceof base;
}

export async function loadModules(paths: readonly At<string>[]): Promise<LoadedModules> {
  const out: LoadedModules = { jobs: [], errors: {}, models: [], warnings: [], modelled: false };
  for (const { value: path, pos } of paths.filter((p) => !isModelPath(p.value))) {
    const shown = relative(process.cwd(), path) || path;
    if (!existsSync(path)) throw ScenarioError.at(pos, `job module not found: ${shown} (paths are relative to the scenario file)`);
    if (statSync(path).isDirectory()) throw ScenarioError.at(pos, `job module ${shown} is a folder; name its index file, e.g. ${shown}/index.ts`);
    let exports: Record<string, unknown>;
    try {
      exports = await importModule(pathToFileURL(path).href);
    } catch (e) {
      const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
      throw ScenarioError.at(pos, `job module ${shown} failed to load: ${message}`);
    }
    let found = 0;
    for (const [name, value] of Object.entries(exports)) {
      if (isSubclass(value, Job)) {
        if (!out.jobs.includes(value as AnyJobClass)) out.jobs.push(value as AnyJobClass);
        found++;
      } else if (isSubclass(value, Error)) {
        const cls = value as new (message?: string) => Error;
        out.errors[name] = cls;
        out.errors[cls.name] = cls;
        const own = instanceName(cls);
        if (own !== undefined) out.errors[own] = cls;
      } else if (isSubclass(value, ModelRecord) && typeof (value as { modelName?: unknown }).modelName === "string") {
        if (!out.models.includes(value as AnyModel)) out.models.push(value as AnyModel);
      }
    }
    if (found === 0) {
      const cjs = commonJsReason(path);
      if (cjs !== undefined) throw ScenarioError.at(pos, `job module ${shown} loaded as CommonJS (${cjs.because}), so its exported classes are not visible to an ES module import: ${cjs.fix}`);
      throw ScenarioError.at(pos, `job module ${shown} exports no Job subclass (export your job classes: export class MyJob extends Job { ... })`);
    }
  }
  const modelPaths = paths.filter((p) => isModelPath(p.value));
  if (modelPaths.length === 0) return out;
  const m = loadModelJobs(modelPaths, out.jobs);
  // Error classes the TypeScript modules export win over the model's by-name ones.
  return { ...out, jobs: m.jobs, errors: { ...m.errors, ...out.errors }, warnings: m.warnings, modelled: m.modelled };
}

/** The `name` an instance carries (classes often set it as a field: `override name = "Net::OpenTimeout"`). */
function instanceName(cls: new (message?: string) => Error): string | undefined {
  try {
    const name = new cls("probe").name;
    return typeof name === "string" && name !== "Error" ? name : undefined;
  } catch {
    return undefined;
  }
}

let tsxRegistered = false;

// Under the jobsim command (tsx) or vitest, a TypeScript job module imports as it is. Plain Node
// (a script calling runScenarioFile, vitest importing the installed package from node_modules)
// does not know .ts: then tsx, a dependency of jobsim, is registered once and the import retried
// (under a fresh URL: the failed one may be cached).
async function importModule(url: string): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    if ((e as { code?: unknown }).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw e;
    if (!tsxRegistered) {
      const { register } = await import("tsx/esm/api");
      register();
      tsxRegistered = true;
    }
    // The same fresh URL every time: a module loaded twice is one instance, as under tsx.
    return (await import(`${url}?tsx`)) as Record<string, unknown>;
  }
}
