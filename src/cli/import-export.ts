// `jobsim import export <jobs.csv|jobs.jsonl> [--out DIR] [--failed FILE] [--durations FILE]
// [--model FILE] [--exclude A,B]`: writes <out>/arrivals.yml (enqueue steps at the recorded
// instants, scenario keys start + steps) and <out>/behaviour.yml (a job model holding only
// each class's run-time samples and final failures). With --model, the behaviours are also
// written into a copy of that model (<out>/job-model.yml), its comments kept.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ConfigError } from "../config/index.js";
import { InputError } from "../config/issues.js";
import { mergeBehaviours } from "../model/merge.js";
import { MODEL_FORMAT, type Behaviour } from "../model/types.js";
import { MODEL_FILE, stringifyJobModel } from "../model/write.js";
import { readExportTable } from "../rails/export-table.js";
import { replayExport, sampleSet, type Replay } from "../rails/export-replay.js";
import { IMPORT_USAGE, readFlags, UsageError } from "./import.js";
import type { CliIO } from "./io.js";

function readTable(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw ConfigError.at(undefined, `${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return readExportTable(file, text);
}

const iso = (ms: number) => new Date(ms).toISOString();

export function arrivalsYaml(replay: Replay, source: string): string {
  const { arrivals } = replay;
  const retries = [...replay.classes.values()].reduce((n, s) => n + s.retries, 0);
  const lines = [
    `# Arrivals replayed from ${source} by \`jobsim import export\`: ${arrivals.length} jobs`,
    `# (${retries} retry rows left to the jobs' retry_on${replay.excluded > 0 ? `, ${replay.excluded} rows of excluded classes` : ""}).`,
    "# Queue names are as recorded (prefix included). These are scenario keys: start + steps.",
  ];
  if (arrivals.length === 0) return `${lines.join("\n")}\nsteps: []\n`;
  const first = arrivals[0]!.at;
  lines.push(`start: "${iso(first - (first % 3_600_000))}"`, "steps:");
  for (const a of arrivals) {
    const enqueue: Record<string, unknown> = { job: a.job, args: a.args, queue: a.queue, priority: a.priority };
    if (a.waitUntil !== undefined) enqueue["wait_until"] = iso(a.waitUntil);
    lines.push(`  - { at: "${iso(a.at)}", enqueue: ${JSON.stringify(enqueue)} }`);
  }
  return `${lines.join("\n")}\n`;
}

export function behaviours(replay: Replay): Record<string, Behaviour> {
  const out: Record<string, Behaviour> = {};
  for (const name of [...replay.classes.keys()].sort()) {
    const s = replay.classes.get(name)!;
    const b: Behaviour = {};
    if (s.samples.length > 0) b.run_time = { empirical: sampleSet(s.samples) };
    if (s.failures.size > 0) {
      b.failures = [...s.failures.entries()].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)).map(([error, count]) => ({ error, probability: Math.round((count / s.executions) * 1e6) / 1e6 }));
    }
    // Exported numbers stand in for the real perform: they are estimates until a person reviews them.
    b.estimated = true;
    out[name] = b;
  }
  return out;
}

export async function importExportCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = readFlags(argv, ["out", "failed", "durations", "model", "exclude"]);
  if (flags === "help") {
    io.stdout(IMPORT_USAGE);
    return 0;
  }
  if (flags.positional.length !== 1) throw new UsageError("import export takes one solid_queue_jobs export file");
  const file = flags.positional[0]!;
  const out = flags.values.get("out") ?? ".";
  let replay: Replay;
  let merged: string | undefined;
  try {
    const failed = flags.values.get("failed");
    const durations = flags.values.get("durations");
    replay = replayExport(readTable(file), {
      ...(failed !== undefined ? { failed: readTable(failed) } : {}),
      ...(durations !== undefined ? { durations: readTable(durations) } : {}),
      exclude: new Set((flags.values.get("exclude") ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
    });
    const modelFile = flags.values.get("model");
    if (modelFile !== undefined) merged = mergeInto(modelFile, behaviours(replay), io);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`jobsim import export: ${e.message}\n`);
    return 2;
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "arrivals.yml"), arrivalsYaml(replay, basename(file)));
  const partial = { format: MODEL_FORMAT, jobs: Object.fromEntries(Object.entries(behaviours(replay)).map(([k, b]) => [k, { behaviour: b }])) };
  writeFileSync(join(out, "behaviour.yml"), stringifyJobModel(partial, undefined, [`Behaviours measured from ${basename(file)} by \`jobsim import export\`; merge them into a job model (--model).`]));
  if (merged !== undefined) writeFileSync(join(out, MODEL_FILE), merged);
  const estimated = [...replay.classes.values()].some((s) => s.estimated);
  io.stdout(`${join(out, "arrivals.yml")}: ${replay.arrivals.length} arrivals of ${replay.classes.size} job classes\n`);
  io.stdout(`${join(out, "behaviour.yml")}: run-time samples${estimated ? " (estimated from finished_at: no durations in the export)" : ""} and failures per class\n`);
  if (merged !== undefined) io.stdout(`${join(out, MODEL_FILE)}: ${flags.values.get("model")} with these behaviours\n`);
  return 0;
}

/** The model's text with each class's behaviour replaced; classes the model lacks are named. */
function mergeInto(modelFile: string, found: Record<string, Behaviour>, io: CliIO): string {
  let text: string;
  try {
    text = readFileSync(modelFile, "utf8");
  } catch (e) {
    throw ConfigError.at(undefined, `${modelFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const merged = mergeBehaviours(modelFile, text, found);
  for (const name of merged.missing) io.stderr(`${modelFile}: no job class ${name}; its behaviour is only in behaviour.yml\n`);
  return merged.text;
}
