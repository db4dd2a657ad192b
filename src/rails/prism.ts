// Ruby's own parser (prism, compiled to WebAssembly) loaded on first use, so only
// `jobsim import rails` pays for it. A file with syntax errors becomes a ConfigError at the
// first error's file:line:col (the CLI exits 2).
import { ConfigError } from "../config/index.js";
import type { ProgramNode } from "@ruby/prism";
import { RubySource } from "./ruby-source.js";

type Parse = (source: string, options?: { filepath?: string; version?: string }) => {
  value: ProgramNode;
  errors: { message: string; location: { startOffset: number; length: number } }[];
};

let loading: Promise<Parse> | undefined;

async function load(): Promise<Parse> {
  // Node 20 flags WASI as experimental on first use; that notice is noise for a user of the CLI.
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/WASI/.test(text)) return;
    (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    const prism = await import("@ruby/prism");
    return (await prism.loadPrism()) as unknown as Parse;
  } finally {
    process.emitWarning = emit;
  }
}

export interface ParsedRuby {
  source: RubySource;
  program: ProgramNode;
}

/** Parses one Ruby file; `file` is how messages name it. */
export async function parseRuby(file: string, text: string): Promise<ParsedRuby> {
  loading ??= load();
  const parse = await loading;
  const source = new RubySource(file, text);
  const result = parse(text, { filepath: file });
  const first = result.errors[0];
  if (first !== undefined) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : "";
    throw ConfigError.at(source.pos(first.location.startOffset), `Ruby syntax error: ${first.message}${more}`);
  }
  return { source, program: result.value };
}
