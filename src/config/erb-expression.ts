// The safe subset of Ruby allowed inside `<%= %>`: ENV.fetch / ENV[] with literal
// arguments and defaults, literals, and .to_i / .to_f / .to_s. It is parsed here and
// evaluated against explicit vars; anything else is refused, never run.
import { rubyFloatToS, rubyStringToF, rubyStringToI } from "./ruby-conversions.js";

type RubyValue =
  | { kind: "str"; value: string }
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "nil" };

type Token =
  | { t: "name"; text: string }
  | { t: "punct"; text: string }
  | { t: "literal"; value: RubyValue; text: string };

/** Thrown for code outside the subset; `reason` says what was wrong, for the message. */
export class UnsupportedErb extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A supported expression that Ruby itself would fail on (e.g. ENV.fetch of an unset variable). */
export class ErbEvaluationError extends Error {}

export interface ErbResult {
  output: string;
  warning?: string;
}

const NUMBER = /^-?\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*[?!]?/;
const PUNCT = ".(),{}[]";

function readString(code: string, start: number): { value: string; end: number } {
  const quote = code[start]!;
  let out = "";
  let i = start + 1;
  while (i < code.length) {
    const ch = code[i]!;
    if (ch === quote) return { value: out, end: i + 1 };
    if (quote === '"' && ch === "#" && "{@$".includes(code[i + 1] ?? "")) {
      throw new UnsupportedErb("string interpolation is not supported");
    }
    if (ch === "\\") {
      const next = code[i + 1];
      if (next === undefined) break;
      if (quote === "'") out += next === "'" || next === "\\" ? next : `\\${next}`;
      else {
        const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", s: " ", "0": "\0", '"': '"', "\\": "\\", "#": "#" };
        const mapped = escapes[next];
        if (mapped === undefined) throw new UnsupportedErb(`unsupported string escape \\${next}`);
        out += mapped;
      }
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  throw new UnsupportedErb("unterminated string literal");
}

function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < code.length) {
    const rest = code.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const ch = code[i]!;
    const num = NUMBER.exec(rest);
    if (num) {
      const text = num[0];
      const clean = text.replace(/_/g, "");
      const isFloat = /[.eE]/.test(clean);
      tokens.push({ t: "literal", text, value: { kind: isFloat ? "float" : "int", value: Number(clean) } });
      i += text.length;
    } else if (ch === '"' || ch === "'") {
      const { value, end } = readString(code, i);
      tokens.push({ t: "literal", text: code.slice(i, end), value: { kind: "str", value } });
      i = end;
    } else if (NAME.test(rest)) {
      const text = NAME.exec(rest)![0];
      if (text === "nil") tokens.push({ t: "literal", text, value: { kind: "nil" } });
      else tokens.push({ t: "name", text });
      i += text.length;
    } else if (PUNCT.includes(ch)) {
      tokens.push({ t: "punct", text: ch });
      i++;
    } else {
      throw new UnsupportedErb(`unexpected "${ch}"`);
    }
  }
  return tokens;
}

class Parser {
  private i = 0;
  warning?: string;
  constructor(
    private readonly tokens: Token[],
    private readonly vars: Record<string, string | undefined>,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isPunct(text: string): boolean {
    const tok = this.peek();
    return tok?.t === "punct" && tok.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) throw new UnsupportedErb(`expected "${text}"${this.found()}`);
    this.i++;
  }

  private found(): string {
    const tok = this.peek();
    return tok ? `, found "${tok.text}"` : " at the end";
  }

  private literal(what: string): RubyValue {
    const tok = this.peek();
    if (tok?.t !== "literal") throw new UnsupportedErb(`expected ${what}${this.found()}`);
    this.i++;
    return tok.value;
  }

  private variableName(): string {
    const value = this.literal("a string literal naming the variable");
    if (value.kind !== "str") throw new UnsupportedErb("the variable name must be a string literal");
    return value.value;
  }

  expression(): RubyValue {
    let value = this.primary();
    while (this.isPunct(".")) {
      this.i++;
      const tok = this.peek();
      const method = tok?.t === "name" ? tok.text : undefined;
      if (method !== "to_i" && method !== "to_f" && method !== "to_s") {
        throw new UnsupportedErb(`only .to_i, .to_f and .to_s may follow a value${tok ? `, found ".${tok.text}"` : ""}`);
      }
      this.i++;
      if (this.isPunct("(")) {
        this.i++;
        this.expectPunct(")");
      }
      value = convert(value, method);
    }
    if (this.peek()) throw new UnsupportedErb(`unexpected "${this.peek()!.text}"`);
    return value;
  }

  private primary(): RubyValue {
    const tok = this.peek();
    if (tok?.t === "literal") {
      this.i++;
      return tok.value;
    }
    if (tok?.t !== "name" || tok.text !== "ENV") {
      throw new UnsupportedErb(tok ? `"${tok.text}" is not supported` : "empty expression");
    }
    this.i++;
    if (this.isPunct("[")) {
      this.i++;
      const name = this.variableName();
      this.expectPunct("]");
      const value = this.vars[name];
      return value === undefined ? { kind: "nil" } : { kind: "str", value };
    }
    this.expectPunct(".");
    const method = this.peek();
    if (method?.t !== "name" || method.text !== "fetch") {
      throw new UnsupportedErb(`only ENV.fetch and ENV[] are supported${method ? `, found "ENV.${method.text}"` : ""}`);
    }
    this.i++;
    return this.fetch();
  }

  private fetch(): RubyValue {
    this.expectPunct("(");
    const name = this.variableName();
    let fallback: RubyValue | undefined;
    if (this.isPunct(",")) {
      this.i++;
      fallback = this.literal("a literal default (integer, string or nil)");
    }
    this.expectPunct(")");
    if (this.isPunct("{")) {
      this.i++;
      if (fallback) this.warning = `ENV.fetch("${name}"): the block's default supersedes the argument (Ruby warns the same)`;
      fallback = this.literal("a literal inside the block (integer, string or nil)");
      this.expectPunct("}");
    }
    const value = this.vars[name];
    if (value !== undefined) return { kind: "str", value };
    if (fallback) return fallback;
    throw new ErbEvaluationError(
      `ENV.fetch("${name}") has no default and ${name} is not set (Ruby raises KeyError)`,
    );
  }
}

function convert(value: RubyValue, method: "to_i" | "to_f" | "to_s"): RubyValue {
  if (method === "to_s") return { kind: "str", value: toS(value) };
  const number =
    value.kind === "nil" ? 0 : value.kind === "str" ? (method === "to_i" ? rubyStringToI(value.value) : rubyStringToF(value.value)) : value.value;
  if (method === "to_f") return { kind: "float", value: number };
  if (!Number.isFinite(number)) throw new ErbEvaluationError(`${toS(value)}.to_i is not a number (Ruby raises FloatDomainError)`);
  return { kind: "int", value: Math.trunc(number) };
}

function toS(value: RubyValue): string {
  switch (value.kind) {
    case "nil":
      return "";
    case "str":
      return value.value;
    case "int":
      return String(value.value);
    case "float":
      return rubyFloatToS(value.value);
  }
}

/** Evaluates the code of one `<%= %>` tag; throws UnsupportedErb or ErbEvaluationError. */
export function evaluateErbExpression(code: string, vars: Record<string, string | undefined>): ErbResult {
  const parser = new Parser(tokenize(code), vars);
  const output = toS(parser.expression());
  return parser.warning ? { output, warning: parser.warning } : { output };
}
