// `jobsim whatif <scenario> --config a.yml --config b.yml` (or the scenario's `compare:`)
// replays the scenario under each queue config and prints per queue, side by side: wait p50 /
// p95 / p99 / max, peak depth, throughput, failed and retried; `--find "critical p95 < 5s"`
// searches the smallest worker that meets a bound (whatif/find.ts). It writes an HTML page
// with every run on one axis. Exit codes: 0 done (and every compare.expect held), 1 a
// compare.expect failed or --find found no answer, 2 bad input.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { slugify } from "../report/slug.js";
import { ScenarioError } from "../scenario/errors.js";
import { loadScenario } from "../scenario/load.js";
import type { ConfigRef } from "../scenario/spec.js";
import { checkCompare } from "../whatif/expect.js";
import { describeFind, findCapacity, parseGoal, type FindGoal } from "../whatif/find.js";
import { whatIfPage } from "../whatif/html.js";
import { readQueueConfig } from "../whatif/queue-config-text.js";
import { runVariants, scenarioVariant, type Variant, type VariantRun } from "../whatif/run.js";
import { queueNames, whatIfTable } from "../whatif/table.js";
import { commandFlags, shownPath, UsageError, type CliIO } from "./io.js";

export const WHATIF_USAGE = `usage: jobsim whatif <scenario> [--config queue.yml]... [--find "<queue> <stat> <bound>"] [--out DIR]

  --config FILE        a queue.yml to compare (repeat it); the scenario's own config runs first
                       (without --config: the scenario's compare: section)
  --find GOAL          the smallest threads × processes of the worker serving the queue that
                       meets GOAL, e.g. "critical p95 < 5s" (bounded search; see docs/rails.md)
  --max-threads N      search bound (default 16)
  --max-processes N    search bound (default 4)
  --seed N             replace the scenario's seed
  --out DIR            where the HTML page goes (default reports/)

exit status: 0 done, 1 a compare: expectation failed or --find found no answer, 2 bad input
`;

interface Flags {
  scenario?: string;
  configs: string[];
  find?: FindGoal;
  maxThreads: number;
  maxProcesses: number;
  seed?: number;
  out: string;
}

function whole(name: string, v: string, min: number): number {
  if (!/^-?\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UsageError(`${name} wants a whole number of at least ${min}, got ${JSON.stringify(v)}`);
  return Number(v);
}

function readFlags(argv: readonly string[]): Flags | "help" {
  const f: Flags = { configs: [], maxThreads: 16, maxProcesses: 4, out: "reports" };
  const known = ["--config", "--find", "--max-threads", "--max-processes", "--seed", "--out"];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (!arg.startsWith("--")) {
      if (f.scenario !== undefined) throw new UsageError(`one scenario at a time (got ${f.scenario} and ${arg})`);
      f.scenario = arg;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!known.includes(name)) throw new UsageError(`unknown option ${name}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
    if (name === "--config") f.configs.push(value);
    else if (name === "--find") {
      try {
        f.find = parseGoal(value);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    else if (name === "--max-threads") f.maxThreads = whole(name, value, 1);
    else if (name === "--max-processes") f.maxProcesses = whole(name, value, 1);
    else if (name === "--seed") f.seed = whole(name, value, Number.MIN_SAFE_INTEGER);
    else f.out = value;
  }
  if (f.scenario === undefined) throw new UsageError("name the scenario file");
  return f;
}

export async function whatifCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = commandFlags("whatif", argv, readFlags, WHATIF_USAGE, io);
  if (typeof flags === "number") return flags;
  try {
    return await whatif(flags, io);
  } catch (e) {
    if (e instanceof ScenarioError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function whatif(flags: Flags, io: CliIO): Promise<number> {
  const loaded = await loadScenario(flags.scenario!);
  const { spec } = loaded;
  const pos = { file: spec.file, line: 1, col: 1 };
  let variants: Variant[];
  if (flags.configs.length > 0) {
    const own = scenarioVariant(loaded);
    const given = flags.configs.map((c): Variant => ({ name: c, queue: { kind: "path", path: resolve(c), written: c, pos } satisfies ConfigRef }));
    variants = [...(own !== undefined && !given.some((g) => g.queue.kind === "path" && own.queue.kind === "path" && g.queue.path === own.queue.path) ? [own] : []), ...given];
  } else if (spec.compare !== undefined) variants = spec.compare.runs.map((r) => ({ name: r.name, queue: r.queue }));
  else {
    const own = scenarioVariant(loaded);
    if (flags.find === undefined || own === undefined) throw ScenarioError.at(pos, `whatif needs configs to compare: --config FILE (repeat it), a compare: section in the scenario, or --find GOAL with the scenario's own config`);
    variants = [own];
  }
  const seed = flags.seed !== undefined ? { seed: flags.seed } : {};
  const progress = (name: string, i: number, n: number) => io.stderr(`running ${i + 1}/${n}: ${name}\n`);
  const runs: VariantRun[] = await runVariants(loaded, variants, { ...seed, onRun: progress });
  // Each run loads the same model: a warning it gives is printed once.
  for (const w of new Set(runs.flatMap((r) => r.warnings))) io.stderr(`warning: ${w}\n`);
  let status = 0;
  const notes: string[] = [];
  if (flags.find !== undefined) {
    const base = runs[0]!;
    const config = readQueueConfig(spec, base.variant.queue);
    let n = 0;
    const found = await findCapacity(loaded, { config, pos }, flags.find, queueNames(runs), { maxThreads: flags.maxThreads, maxProcesses: flags.maxProcesses }, {
      ...seed,
      onRun: (name) => io.stderr(`searching ${++n}: ${name}\n`),
    });
    const text = describeFind(found);
    io.stdout(text);
    notes.push(...text.trimEnd().split("\n"));
    if (found.best !== undefined) runs.push({ ...found.best.run, variant: { ...found.best.run.variant, name: `found: ${found.best.run.variant.name}` } });
    else status = 1;
  }
  io.stdout(`\n${whatIfTable(runs)}`);
  if (flags.configs.length === 0 && spec.compare !== undefined) {
    for (const e of spec.compare.expect) {
      const o = checkCompare(e, runs);
      io.stdout(`${o.passed ? "✓" : "✗"} ${o.name}: ${o.message}\n`);
      notes.push(`${o.passed ? "passed" : "FAILED"}: ${o.name}: ${o.message}`);
      if (!o.passed) status = 1;
    }
  }
  mkdirSync(flags.out, { recursive: true });
  const page = join(flags.out, `whatif-${slugify(spec.name)}.html`);
  writeFileSync(page, whatIfPage({ title: `What if: ${spec.name}`, runs, notes, timeZone: spec.timeZone }));
  io.stdout(`page: ${shownPath(page)}\n`);
  return status;
}


