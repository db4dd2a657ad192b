// Renders the ERB of a Rails config file before YAML parsing, as Rails does, but only the
// safe subset of erb-expression.ts. Tag syntax follows ERB without a trim mode: `<%= %>`
// outputs, `<%# %>` is a comment, `<%%` is a literal "<%", any other `<% %>` is Ruby code
// and refused.
import { ConfigError, formatPos } from "./config-error.js";
import { ErbEvaluationError, UnsupportedErb, evaluateErbExpression } from "./erb-expression.js";
import { OffsetMap, SourceLocator } from "./source-locator.js";

export interface RenderedSource {
  text: string;
  map: OffsetMap;
  warnings: string[];
}

const SUPPORTED =
  'only ENV.fetch("NAME", default), ENV.fetch("NAME") { default } and ENV["NAME"] ' +
  "(defaults: integer, string or nil literals; optionally followed by .to_i, .to_f or .to_s) " +
  "and integer literals are supported; nothing is evaluated as Ruby";

function shown(tag: string): string {
  const oneLine = tag.replace(/\s+/g, " ");
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

/** `locate` names positions of the original text (it ignores the map being built). */
export function renderErb(
  source: string,
  vars: Record<string, string | undefined>,
  locate: SourceLocator,
): RenderedSource {
  const map = new OffsetMap();
  const warnings: string[] = [];
  let out = "";
  let i = 0;
  for (;;) {
    const open = source.indexOf("<%", i);
    if (open < 0) break;
    out += source.slice(i, open);
    if (source[open + 2] === "%") {
      // "<%%" is ERB's escape for a literal "<%"
      map.add({ renderedStart: out.length, renderedEnd: out.length + 2, originalStart: open, originalEnd: open + 3 });
      out += "<%";
      i = open + 3;
      continue;
    }
    const close = source.indexOf("%>", open + 2);
    const pos = locate.atOriginal(open);
    if (close < 0) throw ConfigError.at(pos, 'unterminated ERB tag: "<%" without a closing "%>"');
    const tag = source.slice(open, close + 2);
    const body = source.slice(open + 2, close);
    let output: string;
    if (body.startsWith("#")) output = "";
    else if (body.startsWith("=")) {
      try {
        const result = evaluateErbExpression(body.slice(1), vars);
        output = result.output;
        if (result.warning) warnings.push(`${formatPos(pos)}: ${result.warning}`);
      } catch (e) {
        if (e instanceof UnsupportedErb) throw ConfigError.at(pos, `unsupported ERB ${shown(tag)} (${e.reason}): ${SUPPORTED}`);
        if (e instanceof ErbEvaluationError) throw ConfigError.at(pos, `ERB ${shown(tag)}: ${e.message}`);
        throw e;
      }
    } else {
      throw ConfigError.at(pos, `unsupported ERB statement tag ${shown(tag)}: only <%= %> output tags are allowed; inside them ${SUPPORTED}`);
    }
    map.add({ renderedStart: out.length, renderedEnd: out.length + output.length, originalStart: open, originalEnd: close + 2 });
    out += output;
    i = close + 2;
  }
  out += source.slice(i);
  return { text: out, map, warnings };
}
