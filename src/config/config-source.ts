// Reads a Rails config file the way Solid Queue does: ERB, then YAML, then the Rails
// environment's section when it has a truthy one, otherwise the whole file (spec §6.1).
import { statSync } from "node:fs";
import { ConfigError, formatPos } from "./config-error.js";
import { renderErb } from "./erb-render.js";
import { describe } from "./node-checks.js";
import { SourceLocator } from "./source-locator.js";
import type { LoadOptions } from "./types.js";
import { readYamlFile } from "./yaml-file.js";
import { YAML_LIMITS, YamlInputError, formatBytes } from "./yaml-input-error.js";
import { parseYamlTree } from "./yaml-tree.js";
import type { YNode } from "./yaml-tree.js";

export interface ConfigSource {
  /** Name used in messages: the path, or "<inline>" for text without one. */
  file?: string;
  /** The config after environment selection; undefined when there is none (no file, empty file). */
  selected?: YNode;
  /** The environment section used, or undefined when the whole file is the config. */
  section?: string;
  env: string;
  /** True when a path was given and nothing is there (the spec's warning is in `warnings`). */
  missing: boolean;
  warnings: string[];
}

export const DEFAULT_ENV = "development";

function missingWarning(path: string): string {
  return `Warning: provided configuration file '${path}' does not exist. Falling back to default configuration.`;
}

/** The file's text, or undefined when it does not exist. */
function readText(path: string): string | undefined {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw ConfigError.at(undefined, `${path}: cannot read the file (${code ?? (e as Error).message})`);
  }
  if (isDirectory) throw ConfigError.at(undefined, `${path}: is a directory, not a YAML file`);
  try {
    return readYamlFile(path);
  } catch (e) {
    if (e instanceof YamlInputError) throw ConfigError.at(new SourceLocator(path, e.text).atOriginal(e.offset), e.detail);
    const code = (e as NodeJS.ErrnoException).code;
    throw ConfigError.at(undefined, `${path}: cannot read the file (${code ?? (e as Error).message})`);
  }
}

function isTruthy(node: YNode): boolean {
  return !(node.kind === "scalar" && (node.value === null || node.value === false));
}

export function readConfigSource(opts: LoadOptions): ConfigSource {
  const env = opts.env ?? DEFAULT_ENV;
  const file = opts.path ?? (opts.text !== undefined ? "<inline>" : undefined);
  const base: ConfigSource = { file, env, missing: false, warnings: [] };
  if (file === undefined) return base;
  const text = opts.text ?? readText(file);
  if (text === undefined) return { ...base, missing: true, warnings: [missingWarning(file)] };

  if (text.length > YAML_LIMITS.bytes) {
    const over = new YamlInputError(`the text is ${formatBytes(text.length)}, more than the ${formatBytes(YAML_LIMITS.bytes)} jobsim reads as one YAML file`, YAML_LIMITS.bytes, text);
    throw ConfigError.at(new SourceLocator(file, text, undefined, opts.lineOffset, opts.colOffset).atOriginal(over.offset), over.detail);
  }
  const vars = opts.vars ?? {};
  if (opts.cpuCount !== undefined && !(Number.isSafeInteger(opts.cpuCount) && opts.cpuCount >= 1)) {
    throw ConfigError.at(undefined, `cpuCount must be a whole number of 1 or more, got ${String(opts.cpuCount)}`);
  }
  const original = new SourceLocator(file, text, undefined, opts.lineOffset, opts.colOffset);
  const warnings: string[] = [];
  const nbsp = text.indexOf("\u00A0");
  if (nbsp >= 0) {
    warnings.push(`${formatPos(original.atOriginal(nbsp))}: invisible non-breaking space (U+00A0); YAML reads it as text, not as indentation`);
  }
  const rendered = renderErb(text, { vars, env, ...(opts.cpuCount !== undefined ? { cpuCount: opts.cpuCount } : {}) }, original);
  warnings.push(...rendered.warnings);
  const locate = new SourceLocator(file, text, rendered.map, opts.lineOffset, opts.colOffset);
  const parsed = parseYamlTree(rendered.text, locate);
  warnings.push(...parsed.warnings);

  const root = parsed.root;
  // Rails reads an empty document, null or false as {}.
  if (!root || !isTruthy(root)) return { ...base, warnings };
  if (root.kind !== "map") {
    throw ConfigError.at(root.pos, `the file must be a mapping at the top level, found ${describe(root)}`);
  }
  const section = root.entries.get(env);
  if (section && isTruthy(section.value)) return { ...base, warnings, selected: section.value, section: env };
  return { ...base, warnings, selected: root };
}
