// The app-wide settings jobs depend on, from config/application.rb and then
// config/environments/<env>.rb (which wins): config.time_zone, config.load_defaults,
// config.active_job.{queue_name_prefix, queue_name_delimiter, retry_jitter,
// enqueue_after_transaction_commit, queue_adapter} and config.solid_queue.*. `Rails.env` inside
// a string is the environment being imported.
import { DEFAULT_SETTINGS } from "../model/load.js";
import type { AppSettings } from "../model/types.js";
import type { ParsedRuby } from "./prism.js";
import type { ReadContext } from "./read-context.js";
import { constName, kind, literal, seconds, type AnyNode } from "./ruby-values.js";

const ACTIVE_JOB_SETTINGS = ["queue_name_prefix", "queue_name_delimiter", "retry_jitter", "enqueue_after_transaction_commit", "queue_adapter"];
/** solid_queue settings that are durations (read as seconds). */
const SOLID_QUEUE_DURATIONS = new Set(["process_heartbeat_interval", "process_alive_threshold", "shutdown_timeout", "clear_finished_jobs_after", "default_concurrency_control_period"]);

export interface SettingsRead {
  settings: AppSettings;
  /** Which keys were written (so load_defaults only fills the others). */
  written: Set<string>;
}

export function newSettings(): SettingsRead {
  return { settings: { ...DEFAULT_SETTINGS, solid_queue: {} }, written: new Set() };
}

/** Every call in the file, depth first, in source order (configure blocks, class bodies, ifs). */
function* calls(node: unknown): Generator<AnyNode> {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) yield* calls(n);
    return;
  }
  const n = node as AnyNode;
  if (kind(n) === "CallNode") yield n;
  for (const [key, v] of Object.entries(n)) if (key !== "location" && v !== null && typeof v === "object") yield* calls(v);
}

/** "config.active_job" / "Rails.env" for a chain of plain calls on a name, else undefined. */
function receiverPath(node: AnyNode | null): string | undefined {
  if (node === null) return undefined;
  const constant = constName(node);
  if (constant !== undefined) return constant;
  if (kind(node) !== "CallNode" || (node.arguments_ !== null && node.arguments_.arguments_.length > 0) || node.block !== null) return undefined;
  if (node.receiver === null) return node.name;
  const parent = receiverPath(node.receiver);
  return parent === undefined ? undefined : `${parent}.${node.name}`;
}

/** A string with `#{Rails.env}` interpolated, or a literal; undefined when not static. */
function staticString(node: AnyNode, env: string): string | null | undefined {
  const lit = literal(node);
  if (lit?.type === "str" || lit?.type === "sym") return lit.value;
  if (lit?.type === "nil") return null;
  if (kind(node) === "InterpolatedStringNode") {
    let out = "";
    for (const part of node.parts as AnyNode[]) {
      if (kind(part) === "StringNode") out += part.unescaped.value;
      else if (kind(part) === "EmbeddedStatementsNode" && part.statements?.body.length === 1 && receiverPath(part.statements.body[0]) === "Rails.env") out += env;
      else return undefined;
    }
    return out;
  }
  if (receiverPath(node) === "Rails.env") return env;
  return undefined;
}

export function readSettingsFile(parsed: ParsedRuby, env: string, ctx: ReadContext, into: SettingsRead): void {
  const { settings, written } = into;
  for (const call of calls(parsed.program)) {
    const path = receiverPath(call.receiver);
    const value = call.arguments_?.arguments_?.[0] as AnyNode | undefined;
    if (path === "config" && call.name === "load_defaults" && value !== undefined) {
      const lit = literal(value);
      if (lit?.type === "float" || lit?.type === "int") settings.load_defaults = lit.value;
      else if (lit?.type === "str") settings.load_defaults = Number(lit.value);
      else ctx.report(call.location, "config.load_defaults", `${ctx.text(value.location)} is not a version number`);
      continue;
    }
    if (!call.name.endsWith("=") || call.name === "==" || value === undefined || path === undefined) continue;
    const name = call.name.slice(0, -1);
    const what = `${path}.${name} =`;
    if (path === "config" && name === "time_zone") {
      const s = staticString(value, env);
      if (typeof s === "string") {
        settings.time_zone = s;
        written.add("time_zone");
      } else ctx.report(value.location, what, "not a static string");
    } else if (path === "config.active_job" && ACTIVE_JOB_SETTINGS.includes(name)) {
      readActiveJob(name, value, what, env, ctx, into);
    } else if (path === "config.solid_queue") {
      const lit = literal(value);
      const secs = SOLID_QUEUE_DURATIONS.has(name) ? seconds(value) : undefined;
      if (secs !== undefined) settings.solid_queue[name] = secs;
      else if (lit !== undefined) settings.solid_queue[name] = lit.value;
      else ctx.report(value.location, what, `${ctx.text(value.location).split("\n")[0]} is not a literal the model can hold`);
    } else if (path === "config.active_job") {
      ctx.report(call.location, what, "an Active Job setting the model does not hold");
    }
  }
}

function readActiveJob(name: string, value: AnyNode, what: string, env: string, ctx: ReadContext, into: SettingsRead): void {
  const { settings, written } = into;
  const lit = literal(value);
  switch (name) {
    case "queue_name_prefix": {
      const s = staticString(value, env);
      if (s === undefined) return ctx.report(value.location, what, "not a static string (only #{Rails.env} is interpolated)");
      settings.queue_name_prefix = s;
      return;
    }
    case "queue_name_delimiter": {
      const s = staticString(value, env);
      if (typeof s !== "string") return ctx.report(value.location, what, "not a static string");
      settings.queue_name_delimiter = s;
      return;
    }
    case "retry_jitter":
      if (lit?.type !== "int" && lit?.type !== "float") return ctx.report(value.location, what, "not a number");
      settings.retry_jitter = lit.value;
      written.add("retry_jitter");
      return;
    case "enqueue_after_transaction_commit":
      if (lit?.type !== "bool") return ctx.report(value.location, what, "not true or false");
      settings.enqueue_after_transaction_commit = lit.value;
      written.add("enqueue_after_transaction_commit");
      return;
    default: {
      const adapter = lit?.type === "sym" || lit?.type === "str" ? lit.value : undefined;
      if (adapter !== "solid_queue") ctx.report(value.location, what, `the app's adapter is ${ctx.text(value.location)}; jobsim simulates Solid Queue`);
    }
  }
}

/**
 * Defaults that depend on config.load_defaults, for keys the files did not set:
 * retry_jitter 0.15 from 6.1 (active-job §5.7); enqueue_after_transaction_commit true from 8.2 (§3.6).
 */
export function applyLoadDefaults(into: SettingsRead): void {
  const { settings, written } = into;
  const v = settings.load_defaults;
  if (v !== undefined && !written.has("retry_jitter")) settings.retry_jitter = v >= 6.1 ? 0.15 : 0;
  if (v !== undefined && !written.has("enqueue_after_transaction_commit")) settings.enqueue_after_transaction_commit = v >= 8.2;
  // The model's key order (types.ts), whatever order the files set them in.
  const { time_zone, load_defaults, queue_name_prefix, queue_name_delimiter, retry_jitter, enqueue_after_transaction_commit, solid_queue } = settings;
  into.settings = { time_zone, ...(load_defaults !== undefined ? { load_defaults } : {}), queue_name_prefix, queue_name_delimiter, retry_jitter, enqueue_after_transaction_commit, solid_queue };
}
