// `jobsim import rails`: a Rails app folder -> a job model. Reads config/application.rb and
// config/environments/<env>.rb first (the queue prefix applies at declaration), then every
// app/**/*.rb, keeps the classes whose chain reaches ActiveJob::Base, and checks
// config/queue.yml and config/recurring.yml with the loaders `jobsim run` uses.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ConfigError, loadQueueConfig, loadRecurringConfig, formatPos } from "../config/index.js";
import { MODEL_FORMAT, type JobModel, type Unmapped } from "../model/types.js";
import { applyLoadDefaults, newSettings, readSettingsFile } from "./app-settings.js";
import { readClassDeclarations } from "./class-declarations.js";
import { resolveJobs, type FoundClass } from "./job-resolve.js";
import { parseRuby } from "./prism.js";
import { ReadContext } from "./read-context.js";
import { classesOf } from "./ruby-classes.js";

export interface ImportOptions {
  /** Rails environment; default "production" (the traffic a what-if is about). */
  env?: string;
  /** Folder the model file will be written to: config paths are made relative to it. */
  outDir?: string;
}

export interface ImportResult {
  model: JobModel;
  /** Warnings of the config loaders (missing files and the like). */
  warnings: string[];
  files: number;
}

const slash = (p: string) => p.split(sep).join("/");

function rubyFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".rb")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export async function importRailsApp(appDir: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const env = opts.env ?? "production";
  if (!existsSync(appDir) || !statSync(appDir).isDirectory()) throw ConfigError.at(undefined, `${appDir}: no such folder`);
  const appFolder = join(appDir, "app");
  if (!existsSync(appFolder)) throw ConfigError.at(undefined, `${appDir}: not a Rails app (no app/ folder)`);
  const rel = (p: string) => slash(relative(appDir, p));
  const unmapped: Unmapped[] = [];

  const read = newSettings();
  for (const file of [join(appDir, "config", "application.rb"), join(appDir, "config", "environments", `${env}.rb`)]) {
    if (!existsSync(file)) continue;
    const parsed = await parseRuby(rel(file), readFileSync(file, "utf8"));
    readSettingsFile(parsed, env, new ReadContext(parsed.source, undefined, read.settings, unmapped), read);
  }
  applyLoadDefaults(read);
  const settings = read.settings;

  const found: FoundClass[] = [];
  const files = rubyFiles(appFolder);
  for (const file of files) {
    const parsed = await parseRuby(rel(file), readFileSync(file, "utf8"));
    const inJobsFolder = rel(file).startsWith("app/jobs/");
    for (const cls of classesOf(parsed)) found.push({ cls, inJobsFolder });
  }
  const jobs = resolveJobs(found, (c) => readClassDeclarations(c.cls, new ReadContext(c.cls.source, c.cls.name, settings, unmapped)), settings, unmapped);

  const warnings: string[] = [];
  const outDir = opts.outDir ?? ".";
  const config: JobModel["config"] = {};
  const queuePath = join(appDir, "config", "queue.yml");
  if (existsSync(queuePath)) {
    warnings.push(...loadQueueConfig({ path: queuePath, env }).warnings);
    config.queue = slash(relative(outDir, queuePath));
  }
  const recurringPath = join(appDir, "config", "recurring.yml");
  if (existsSync(recurringPath)) {
    const recurring = loadRecurringConfig({ path: recurringPath, env });
    warnings.push(...recurring.warnings);
    config.recurring = slash(relative(outDir, recurringPath));
    for (const task of recurring.tasks) {
      if (task.className !== undefined && jobs[task.className] === undefined) {
        unmapped.push({ at: formatPos({ ...task.pos, file: rel(task.pos.file) }), what: `recurring task ${task.key}`, why: `class ${task.className} is not a job class of the app` });
      }
    }
  }
  unmapped.sort(byPlace);
  return { model: { format: MODEL_FORMAT, env, settings, config, jobs, unmapped }, warnings, files: files.length };
}

function byPlace(a: Unmapped, b: Unmapped): number {
  const parse = (at: string) => {
    const m = /^(.*):(\d+):(\d+)$/.exec(at);
    return m === null ? ([at, 0, 0] as const) : ([m[1]!, Number(m[2]), Number(m[3])] as const);
  };
  const [fa, la, ca] = parse(a.at);
  const [fb, lb, cb] = parse(b.at);
  return fa === fb ? la - lb || ca - cb : fa < fb ? -1 : 1;
}
