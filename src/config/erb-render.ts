// Renders the ERB of a Rails config file before YAML parsing, as Rails does
// (ActiveSupport::ConfigurationFile: ERB without a trim mode), but only the safe subset of
// erb-parse.ts. `<%= %>` outputs, `<%# %>` is a comment, `<%%` is a literal "<%", and `<% %>` may
// hold if / elsif / else / unless / end (conditions on ENV, Rails.env, the CPU count) or a
// require(_relative), which is skipped with a warning. Every tag is parsed, taken branch or not,
// so a file is refused for the same code whatever ENV holds; only taken branches are evaluated.
import { ConfigError, formatPos } from "./config-error.js";
import { ErbEvaluationError, evaluate, toS, truthy, type ErbContext } from "./erb-evaluate.js";
import { UnsupportedErb, parseErbExpression, parseErbStatement, type Statement } from "./erb-parse.js";
import type { SourcePos } from "./types.js";
import { OffsetMap, SourceLocator } from "./source-locator.js";

export interface RenderedSource {
  text: string;
  map: OffsetMap;
  warnings: string[];
}

/** What the ERB may read: ENV, Rails.env and the virtual CPU count. */
export interface ErbInputs {
  vars: Record<string, string | undefined>;
  env: string;
  cpuCount?: number;
}

const SUPPORTED =
  "jobsim evaluates only a safe subset of Ruby: literals, ENV[...], ENV.fetch, ENV.key?, Concurrent.processor_count and the like " +
  "(a virtual CPU count), Rails.env, Integer(), Float(), a few methods (.to_i, .to_f, .to_s, .presence, .ceil, ...), arithmetic, " +
  "comparisons, !, &&, || and ?:, and in <% %> tags if / elsif / else / unless / end and require_relative (skipped); see docs/config.md";

function shown(tag: string): string {
  const oneLine = tag.replace(/\s+/g, " ");
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

interface Branch {
  kind: "if" | "unless";
  tag: string;
  pos: SourcePos;
  /** Whether the text around the whole if/unless is rendered. */
  outer: boolean;
  /** Whether a branch was already chosen. */
  taken: boolean;
  active: boolean;
  sawElse: boolean;
}

class Renderer {
  private readonly branches: Branch[] = [];
  private readonly seen = new Set<string>();
  readonly warnings: string[] = [];

  constructor(private readonly inputs: ErbInputs) {}

  get emitting(): boolean {
    return this.branches.length === 0 || this.branches[this.branches.length - 1]!.active;
  }

  private context(): ErbContext {
    return { vars: this.inputs.vars, env: this.inputs.env, ...(this.inputs.cpuCount !== undefined ? { cpuCount: this.inputs.cpuCount } : {}), warnings: [] };
  }

  private warn(pos: SourcePos, text: string): void {
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.warnings.push(`${formatPos(pos)}: ${text}`);
  }

  /** Evaluates with the tag's position on warnings and on Ruby's errors. */
  private run<T>(pos: SourcePos, tag: string, f: (ctx: ErbContext) => T): T {
    const ctx = this.context();
    try {
      return f(ctx);
    } catch (e) {
      if (e instanceof ErbEvaluationError) throw ConfigError.at(pos, `ERB ${shown(tag)}: ${e.message}`);
      throw e;
    } finally {
      for (const w of ctx.warnings) this.warn(pos, w);
    }
  }

  output(code: string, pos: SourcePos, tag: string): string {
    const expr = parseErbExpression(code);
    if (!this.emitting) return "";
    return this.run(pos, tag, (ctx) => toS(evaluate(expr, ctx)));
  }

  statement(code: string, pos: SourcePos, tag: string): void {
    const s: Statement = parseErbStatement(code);
    const top = this.branches[this.branches.length - 1];
    const misplaced = (what: string) => ConfigError.at(pos, `${shown(tag)}: ${what}`);
    switch (s.k) {
      case "if":
      case "unless": {
        const outer = this.emitting;
        const holds = outer && this.run(pos, tag, (ctx) => truthy(evaluate(s.cond, ctx)) === (s.k === "if"));
        this.branches.push({ kind: s.k, tag, pos, outer, taken: holds, active: holds, sawElse: false });
        return;
      }
      case "elsif": {
        if (!top) throw misplaced("elsif without an if before it");
        if (top.kind === "unless") throw misplaced("unless takes no elsif (a Ruby syntax error)");
        if (top.sawElse) throw misplaced("elsif after else");
        const holds = top.outer && !top.taken && this.run(pos, tag, (ctx) => truthy(evaluate(s.cond, ctx)));
        top.active = holds;
        top.taken ||= holds;
        return;
      }
      case "else":
        if (!top) throw misplaced("else without an if before it");
        if (top.sawElse) throw misplaced("a second else");
        top.sawElse = true;
        top.active = top.outer && !top.taken;
        top.taken = true;
        return;
      case "end":
        if (!top) throw misplaced("end without an if or unless before it");
        this.branches.pop();
        return;
      case "require":
        if (this.emitting) {
          this.warn(pos, `${s.relative ? "require_relative" : "require"} ${JSON.stringify(s.path)} is skipped: jobsim never runs your app's Ruby, so what it defines is not available here`);
        }
        return;
    }
  }

  finish(): void {
    const open = this.branches[0];
    if (open) throw ConfigError.at(open.pos, `${shown(open.tag)} has no matching <% end %>`);
  }
}

/** `locate` names positions of the original text (it ignores the map being built). */
export function renderErb(source: string, inputs: ErbInputs, locate: SourceLocator): RenderedSource {
  const map = new OffsetMap();
  const renderer = new Renderer(inputs);
  let out = "";
  let i = 0;
  const text = (end: number) => {
    if (renderer.emitting) out += source.slice(i, end);
    else if (end > i) map.add({ renderedStart: out.length, renderedEnd: out.length, originalStart: i, originalEnd: end, skip: true });
  };
  for (;;) {
    const open = source.indexOf("<%", i);
    if (open < 0) break;
    text(open);
    if (source[open + 2] === "%") {
      // "<%%" is ERB's escape for a literal "<%"
      if (renderer.emitting) {
        map.add({ renderedStart: out.length, renderedEnd: out.length + 2, originalStart: open, originalEnd: open + 3 });
        out += "<%";
      } else map.add({ renderedStart: out.length, renderedEnd: out.length, originalStart: open, originalEnd: open + 3, skip: true });
      i = open + 3;
      continue;
    }
    const close = source.indexOf("%>", open + 2);
    const pos = locate.atOriginal(open);
    if (close < 0) throw ConfigError.at(pos, 'unterminated ERB tag: "<%" without a closing "%>"');
    const tag = source.slice(open, close + 2);
    const body = source.slice(open + 2, close);
    let output: string | undefined;
    try {
      if (body.startsWith("-") || body.endsWith("-")) {
        throw ConfigError.at(pos, `${shown(tag)}: "<%-" and "-%>" are a Ruby syntax error in Rails config files, which ERB reads without a trim mode; remove the "-"`);
      }
      if (body.startsWith("#")) output = "";
      else if (body.startsWith("=")) output = renderer.output(body.slice(1), pos, tag);
      else renderer.statement(body, pos, tag);
    } catch (e) {
      if (e instanceof UnsupportedErb) throw ConfigError.at(pos, `unsupported ERB ${shown(tag)} (${e.reason}): ${SUPPORTED}`);
      throw e;
    }
    const emitted = output !== undefined && renderer.emitting;
    map.add({ renderedStart: out.length, renderedEnd: out.length + (emitted ? output!.length : 0), originalStart: open, originalEnd: close + 2, ...(emitted ? {} : { skip: true }) });
    if (emitted) out += output;
    i = close + 2;
  }
  text(source.length);
  renderer.finish();
  return { text: out, map, warnings: renderer.warnings };
}
