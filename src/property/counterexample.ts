import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { Document, isScalar, isSeq, visit } from "yaml";
import type { RunFailure } from "./campaign.js";
import { slugOf, titleOf, type PropertyDefinition } from "./property.js";
import type { QueueConfigCase } from "./world-case.js";

// A shrunk failure as a scenario file: the world (job modules, schema, fixtures, services, the
// failing run's queue config and seed) in the scenario format's own keys, and the property with
// the exact case under `replay:`, which the scenario runner hands back to the property to run
// once. `jobsim run <file>` then fails the same way.

export interface CounterexampleOptions {
  dir: string;
  campaignSeed: number;
  /** The scenario or module the campaign came from. */
  source?: string;
}

export function counterexampleFile(dir: string, property: string, seed: number): string {
  return join(dir, `counterexample-${property}-${seed}.yml`);
}

export function writeCounterexample<C>(def: PropertyDefinition<C>, f: RunFailure, opts: CounterexampleOptions): string {
  const file = counterexampleFile(opts.dir, slugOf(def), f.seed);
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, counterexampleYaml(def, f, file, opts));
  return file;
}

export function counterexampleYaml<C>(def: PropertyDefinition<C>, f: RunFailure, file: string, opts: CounterexampleOptions): string {
  const world = def.world(f.counterexample as C);
  const here = dirname(resolve(file));
  const doc: Record<string, unknown> = {
    name: `counterexample ${titleOf(def)} ${f.seed}`,
    description: `Shrunk by jobsim's ${def.name} property (campaign seed ${opts.campaignSeed}, run ${f.run}: fast-check seed ${f.seed}, path "${f.path}"). Replaying it must fail the same way.`,
  };
  if (world.seed !== undefined) doc.seed = world.seed;
  if (world.start !== undefined) doc.start = new Date(world.start).toISOString();
  if (world.timeZone !== undefined) doc.time_zone = world.timeZone;
  if (world.modules.length > 0) doc.jobs = world.modules.map((m) => portable(relative(here, isAbsolute(m) ? m : resolve(m))));
  if (world.config !== undefined) doc.config = { queue: queueYaml(world.config) };
  if (world.setupSql !== undefined || world.rows !== undefined) {
    const setup: Record<string, unknown> = {};
    if (world.setupSql !== undefined) setup.sql = world.setupSql.trim() + "\n";
    if (world.rows !== undefined) setup.rows = world.rows;
    doc.setup = setup;
  }
  if (world.settings !== undefined && Object.keys(world.settings).length > 0) doc.settings = world.settings;
  if (world.supervisors !== undefined && world.supervisors !== 1) doc.supervisors = world.supervisors;
  if (world.services !== undefined) doc.services = world.services;
  // The scenario's own timeline does nothing: the property's replay is the run that fails.
  doc.steps = [{ run_until_idle: true }];
  doc.properties = [{ [def.name]: { ...def.spec(), replay: plain(f.replay ?? f.counterexample) } }];
  const header = [
    `# Counterexample for property ${def.name}${opts.source !== undefined ? ` (from ${opts.source})` : ""}`,
    `# campaign seed ${opts.campaignSeed}, run ${f.run}; fast-check seed ${f.seed}, path "${f.path}", ${f.shrinks} shrinks`,
    ...f.message.split("\n").map((l) => `# ${l}`),
    ...(world.missing !== undefined ? [`# Not in this file (given in code): ${world.missing.join("; ")}`] : []),
    `# Replay: jobsim run ${portable(basename(file))}   (or: jobsim fuzz <this file>)`,
  ];
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  // Short lists and small flat mappings on one line, as a person would write them.
  visit(yaml, {
    Seq(_k, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_k, node) {
      const short = (v: unknown) => isScalar(v) && !String(v.value).includes("\n");
      if (node.items.length <= 6 && node.items.every((p) => short(p.value) || (isSeq(p.value) && p.value.items.every(short)))) node.flow = true;
    },
  });
  return `${header.join("\n")}\n${yaml.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

/** Solid Queue's queue.yml shape for a config case. */
export function queueYaml(c: QueueConfigCase): Record<string, unknown> {
  return {
    workers: c.workers.map((w) => ({ queues: w.queues, threads: w.threads, processes: w.processes, polling_interval: w.pollingInterval })),
    dispatchers: c.dispatchers.map((d) => ({ polling_interval: d.pollingInterval, batch_size: d.batchSize })),
  };
}

function portable(p: string): string {
  const s = p.split("\\").join("/");
  return s.startsWith(".") || s.startsWith("/") ? s : `./${s}`;
}

/** Drops undefined fields (YAML has no undefined) so the file reads back to the same case. */
function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null)) as unknown;
}
