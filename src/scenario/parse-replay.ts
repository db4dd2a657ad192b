// `replay:` a step that plays an arrivals file (what `jobsim import export` writes: `start:`
// and `steps:` of `at:` + `enqueue:`) inside the scenario's timeline. Its enqueues happen at
// their recorded instants while later steps (an outage at 10:00, a worker killed at noon) play
// too. `from` / `until` keep a window of the day; `only` / `except` keep some classes.
//   - replay: imported/arrivals.yml
//   - replay: { file: imported/arrivals.yml, from: "2026-03-03 09:00", until: "2026-03-03 12:00", except: [GenerateReportJob] }
import { dirname, relative, resolve } from "node:path";
import type { Issues } from "./errors.js";
import { Fields } from "../config/fields.js";
import { readYamlFile } from "../config/yaml-file.js";
import { DATA_YAML_LIMITS, YamlInputError } from "../config/yaml-input-error.js";
import type { ReplayArrival, StepAction, StepSpec } from "./spec.js";
import { readTime, type TimeContext } from "./time.js";
import { describeNode, parseScenarioYaml, type SNode } from "./yaml-source.js";

export const REPLAY_KEYS = ["file", "from", "until", "only", "except"] as const;
export const ARRIVALS_FILE_KEYS = ["start", "steps"] as const;

export type StepContext = TimeContext & { file?: string };
type ParseSteps = (items: SNode[], ctx: StepContext, issues: Issues) => StepSpec[];

export function parseReplay(n: SNode, where: string, ctx: StepContext, issues: Issues, parseSteps: ParseSteps): StepAction | undefined {
  const f = n.kind === "map" ? Fields.of(n, where, issues, REPLAY_KEYS) : undefined;
  const fileNode = f === undefined ? n : f.node("file");
  if (fileNode === undefined) {
    issues.add(n.pos, `${where} needs "file" (an arrivals file, e.g. imported/arrivals.yml)`);
    return undefined;
  }
  if (!(fileNode.kind === "scalar" && typeof fileNode.value === "string" && fileNode.value.trim() !== "")) {
    issues.add(fileNode.pos, `${where} must be the path of an arrivals file (relative to the scenario) or { file, from, until, only, except }, got ${describeNode(fileNode)}`);
    return undefined;
  }
  const path = resolve(ctx.file === undefined ? "." : dirname(ctx.file), fileNode.value.trim());
  const shown = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = readYamlFile(path, DATA_YAML_LIMITS);
  } catch (e) {
    if (e instanceof YamlInputError) {
      issues.add({ file: path, ...e.lineCol() }, e.detail);
      return undefined;
    }
    const code = (e as NodeJS.ErrnoException).code;
    issues.add(fileNode.pos, `${where}: ${code === "ENOENT" ? `no such arrivals file: ${shown} (paths are relative to the scenario file)` : `cannot read ${shown} (${code ?? (e as Error).message})`}`);
    return undefined;
  }
  const { root } = parseScenarioYaml(path, text, DATA_YAML_LIMITS);
  const top = root === undefined ? undefined : Fields.of(root, "", issues, ARRIVALS_FILE_KEYS);
  const items = top?.list("steps");
  if (items === undefined) {
    issues.add(root?.pos ?? { file: path, line: 1, col: 1 }, `${shown}: an arrivals file needs "steps" (at: + enqueue: each), as jobsim import export writes it`);
    return undefined;
  }
  const arrivals: ReplayArrival[] = [];
  for (const s of parseSteps(items, { start: ctx.start, timeZone: ctx.timeZone }, issues)) {
    if (s.action.kind !== "enqueue" || s.at === undefined) {
      issues.add(s.pos, `${shown}: ${s.label}: a replayed file holds only enqueue steps with "at:"; this one is ${s.key}${s.at === undefined ? " without at:" : ""}`);
      continue;
    }
    arrivals.push({ at: s.at, enqueue: s.action.enqueue, pos: s.pos });
  }
  const from = f?.node("from") === undefined ? undefined : readTime(f.node("from")!, `${where}.from`, ctx, issues);
  const until = f?.node("until") === undefined ? undefined : readTime(f.node("until")!, `${where}.until`, ctx, issues);
  const only = f === undefined ? undefined : names(f, "only");
  const except = f === undefined ? undefined : names(f, "except");
  const kept = arrivals
    .filter((a) => (from === undefined || a.at >= from) && (until === undefined || a.at < until))
    .filter((a) => (only === undefined || only.includes(a.enqueue.job.value)) && (except === undefined || !except.includes(a.enqueue.job.value)))
    .sort((a, b) => a.at - b.at);
  return { kind: "replay", file: shown, arrivals: kept };
}

function names(f: Fields, key: string): string[] | undefined {
  const items = f.list(key);
  if (items === undefined) return undefined;
  const out: string[] = [];
  for (const [i, n] of items.entries()) {
    if (n.kind === "scalar" && typeof n.value === "string") out.push(n.value);
    else f.issues.add(n.pos, `${f.label(key)}[${i}] must be a job class name, got ${describeNode(n)}`);
  }
  return out;
}
