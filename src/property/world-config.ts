// A world's Solid Queue config files (queue.yml, recurring.yml), named by path or written inline
// in a scenario, loaded as Solid Queue loads them. Every problem is positioned: at the config
// file's own line, and, for a file named by path, also at the line that names it. `jobsim run`
// and `jobsim fuzz` read configs through here, so both report a bad one the same way.
import { existsSync, statSync } from "node:fs";
import { relative } from "node:path";
import { ConfigError, formatPos, loadQueueConfig, loadRecurringConfig, type LoadOptions, type QueueConfig, type RecurringConfig, type SourcePos } from "../config/index.js";
import { InputError, issueAt, type Issue } from "../config/issues.js";

export type ConfigRef =
  | { kind: "path"; path: string; written: string; pos: SourcePos }
  | { kind: "inline"; text: string; lineOffset: number; colOffset: number; pos: SourcePos };

/** Where config refs are read: the scenario file (inline configs' positions), its env, vars and CPU count. */
export interface ConfigContext {
  file: string;
  env: string;
  vars: Record<string, string>;
  /** The config files' virtual CPU count (config.cpu_count, --cpus); undefined means the loader's default. */
  cpuCount?: number;
}

export function readQueueConfig(ref: ConfigRef, ctx: ConfigContext): QueueConfig {
  return read(ref, ctx, "queue", loadQueueConfig);
}

export function readRecurringConfig(ref: ConfigRef, ctx: ConfigContext): RecurringConfig {
  return read(ref, ctx, "recurring", loadRecurringConfig);
}

type Loader<T> = (o: LoadOptions) => T;

function read<T>(ref: ConfigRef, ctx: ConfigContext, key: string, load: Loader<T>): T {
  const common = { env: ctx.env, vars: ctx.vars, ...(ctx.cpuCount !== undefined ? { cpuCount: ctx.cpuCount } : {}) };
  try {
    if (ref.kind === "path") {
      checkPath(ref, key);
      return load({ ...common, path: ref.path });
    }
    return load({ ...common, text: ref.text, path: ctx.file, lineOffset: ref.lineOffset, colOffset: ref.colOffset });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const issues = configIssues(e);
    if (ref.kind === "path") issues.push(issueAt(ref.pos, `(config.${key} loads ${ref.written} from here)`));
    throw new InputError(issues);
  }
}

function checkPath(ref: ConfigRef & { kind: "path" }, key: string): void {
  const shown = relative(process.cwd(), ref.path) || ref.path;
  if (!existsSync(ref.path)) throw new InputError(issueAt(ref.pos, `config.${key}: file not found: ${shown} (paths are relative to the scenario file)`));
  if (statSync(ref.path).isDirectory()) throw new InputError(issueAt(ref.pos, `config.${key}: ${shown} is a folder, not a YAML file`));
}

/** A config loader's issues; a heading line ("Invalid recurring tasks:") gets its position too. */
export function configIssues(e: ConfigError): Issue[] {
  return e.issues.map((i) => {
    if (i.pos === undefined) return { message: i.message };
    const prefix = `${formatPos(i.pos)}: `;
    return { message: i.message.startsWith(prefix) ? i.message : prefix + i.message, pos: i.pos };
  });
}
