// Loading a job model file (what `jobsim import rails` writes, or a hand-written one): YAML with
// positions, every key checked (with "did you mean"), every problem reported at file:line:col
// in one ModelError. The positioned fields and issues are config/'s toolkit.
import { readFileSync } from "node:fs";
import { Fields } from "../config/fields.js";
import type { Issues } from "../config/issues.js";
import { toPlain } from "../config/input-node.js";
import { ModelError, ModelIssues } from "./errors.js";
import { parseModelYaml } from "./yaml-input.js";
import { readJobClass } from "./load-job.js";
import { assignDefined, at, num, text } from "./read-fields.js";
import { MODEL_FORMAT } from "./types.js";
import type { AppSettings, JobModel, Unmapped } from "./types.js";

export const MODEL_KEYS = ["format", "env", "settings", "config", "jobs", "unmapped"] as const;
export const SETTINGS_KEYS = ["time_zone", "load_defaults", "queue_name_prefix", "queue_name_delimiter", "retry_jitter", "enqueue_after_transaction_commit", "solid_queue"] as const;
export const MODEL_CONFIG_KEYS = ["queue", "recurring"] as const;
export const UNMAPPED_KEYS = ["at", "class", "what", "why"] as const;

export const DEFAULT_SETTINGS: AppSettings = {
  time_zone: "UTC",
  queue_name_prefix: null,
  queue_name_delimiter: "_",
  retry_jitter: 0,
  enqueue_after_transaction_commit: false,
  solid_queue: {},
};

export function parseJobModel(file: string, text: string): JobModel {
  const root = parseModelYaml(file, text);
  const issues = new ModelIssues();
  if (root === undefined) throw ModelError.at({ file, line: 1, col: 1 }, `the job model is empty; it needs at least "jobs"`);
  const f = Fields.of(root, "", issues, MODEL_KEYS);
  if (f === undefined) issues.throwIfAny();
  const top = f!;
  const format = top.str("format");
  if (format !== undefined && format !== MODEL_FORMAT) issues.add(top.at("format"), `format must be "${MODEL_FORMAT}", got ${JSON.stringify(format)}`);
  const settings = top.has("settings") ? readSettings(top, issues) : { ...DEFAULT_SETTINGS, solid_queue: {} };
  const model: JobModel = { format: MODEL_FORMAT, env: top.str("env") ?? "production", settings, config: {}, jobs: {}, unmapped: [] };
  const config = top.has("config") ? Fields.of(top.node("config")!, "config", issues, MODEL_CONFIG_KEYS) : undefined;
  if (config !== undefined) model.config = assignDefined({}, { queue: config.str("queue"), recurring: config.str("recurring") });
  const jobs = top.require("jobs", "a mapping of job class name to its declarations and behaviour");
  if (jobs !== undefined) {
    if (jobs.kind !== "map") top.bad("jobs", "a mapping of job class name to its declarations");
    else {
      for (const e of jobs.entries) {
        if (!/^[A-Z]\w*(::[A-Z]\w*)*$/.test(e.key)) issues.add(e.keyPos, `jobs: ${JSON.stringify(e.key)} is not a Ruby class name (e.g. ReportJob, Billing::ChargeJob)`);
        const job = readJobClass(e.value, e.key, settings, issues);
        if (job !== undefined) model.jobs[e.key] = job;
      }
    }
  }
  model.unmapped = readUnmapped(top, issues);
  issues.throwIfAny();
  return model;
}

export function loadJobModel(file: string): JobModel {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw ModelError.at(undefined, code === "ENOENT" ? `${file}: no such job model file` : `${file}: cannot read it (${code ?? (e as Error).message})`);
  }
  return parseJobModel(file, text);
}

function readSettings(top: Fields, issues: Issues): AppSettings {
  const s = Fields.of(top.node("settings")!, "settings", issues, SETTINGS_KEYS);
  const out: AppSettings = { ...DEFAULT_SETTINGS, solid_queue: {} };
  if (s === undefined) return out;
  const prefix = s.node("queue_name_prefix");
  if (prefix !== undefined && !(prefix.kind === "scalar" && prefix.value === null)) out.queue_name_prefix = text(s, "queue_name_prefix") ?? null;
  assignDefined(out, {
    time_zone: s.str("time_zone"),
    load_defaults: num(s, "load_defaults", { min: 0 }),
    queue_name_delimiter: text(s, "queue_name_delimiter"),
    retry_jitter: num(s, "retry_jitter"),
    enqueue_after_transaction_commit: s.bool("enqueue_after_transaction_commit"),
  });
  const sq = s.node("solid_queue");
  if (sq !== undefined) {
    const plain = toPlain(sq);
    if (sq.kind !== "map" || Object.values(plain as object).some((v) => v !== null && typeof v === "object")) s.bad("solid_queue", "a mapping of setting name to a plain value");
    else out.solid_queue = plain as AppSettings["solid_queue"];
  }
  return out;
}

function readUnmapped(top: Fields, issues: Issues): Unmapped[] {
  const out: Unmapped[] = [];
  (top.list("unmapped") ?? []).forEach((n, i) => {
    const u = Fields.of(n, `unmapped[${i}]`, issues, UNMAPPED_KEYS);
    if (u === undefined) return;
    const place = at(u) ?? "";
    const what = u.str("what", { required: "what was read" }) ?? "";
    const why = u.str("why", { required: "why it was not mapped" }) ?? "";
    out.push(assignDefined<Unmapped>({ at: place, what, why }, { class: u.str("class") }));
  });
  return out;
}
