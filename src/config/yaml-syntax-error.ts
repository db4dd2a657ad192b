// Turns the yaml library's first syntax error into a ConfigError at file:line:col.
import { ConfigError } from "./config-error.js";
import type { SourceLocator } from "./source-locator.js";

function cleanMessage(message: string): string {
  return message.replace(/\s+/g, " ").trim();
}

/**
 * The library places some errors at the end of the text or at a line's indentation; point
 * at the last character written, or at the line's first token, instead.
 */
function errorOffset(text: string, offset: number): number {
  if (offset >= text.trimEnd().length) return text.trimEnd().length;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  if (/^ *$/.test(text.slice(lineStart, offset + 1))) {
    const token = text.slice(lineStart).search(/[^ ]/);
    if (token >= 0 && text[lineStart + token] !== "\n") return lineStart + token;
  }
  return offset;
}

export function yamlSyntaxError(text: string, locate: SourceLocator, error: { message: string; pos: [number, number] }): ConfigError {
  return ConfigError.at(locate.at(errorOffset(text, error.pos[0])), `YAML syntax error: ${cleanMessage(error.message)}`);
}
