// Parses the Ruby inside ERB tags into a small tree, for the subset real Rails config files use
// (docs/config.md, "ERB: the safe subset"): literals, ENV[] / ENV.fetch / ENV.key?, the CPU count
// (Concurrent.processor_count and friends), Rails.env, Integer() / Float(), [a, b].max, a
// whitelist of methods, arithmetic, comparisons, ! && || and ?:. Anything else is refused here,
// before evaluation, so nothing outside the subset can ever run.

import { UnsupportedErb, tokenize, type RubyValue, type Token } from "./erb-tokens.js";

export { UnsupportedErb, type RubyValue };

/** What the CPU expressions are called in Ruby; all read jobsim's virtual CPU count. */
export const CPU_COUNTS = {
  "Concurrent.processor_count": "int",
  "Concurrent.physical_processor_count": "int",
  "Concurrent.available_processor_count": "float",
  "Etc.nprocessors": "int",
} as const;
export type CpuExpression = keyof typeof CPU_COUNTS;

/** Methods the subset calls on a value (each with Ruby's semantics in erb-evaluate.ts). */
export const METHODS = [
  "to_i", "to_f", "to_s", "ceil", "floor", "round", "abs", "presence", "present?", "blank?", "nil?",
  "empty?", "zero?", "positive?", "negative?", "strip", "downcase", "upcase", "max", "min",
] as const;
export type MethodName = (typeof METHODS)[number];

export type Expr =
  | { k: "lit"; value: RubyValue }
  | { k: "env"; name: string }
  | { k: "envKey"; name: string }
  | { k: "fetch"; name: string; fallback?: Expr; block?: Expr }
  | { k: "cpu"; what: CpuExpression }
  | { k: "railsEnv" }
  | { k: "railsEnvIs"; name: string }
  | { k: "kernel"; fn: "Integer" | "Float"; arg: Expr }
  | { k: "array"; items: Expr[] }
  | { k: "call"; recv: Expr; method: MethodName; safe: boolean }
  | { k: "not"; arg: Expr }
  | { k: "neg"; arg: Expr }
  | { k: "bin"; op: "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">="; left: Expr; right: Expr }
  | { k: "and" | "or"; left: Expr; right: Expr }
  | { k: "cond"; test: Expr; then: Expr; else: Expr };

export type Statement =
  | { k: "if" | "elsif" | "unless"; cond: Expr }
  | { k: "else" | "end" }
  | { k: "require"; relative: boolean; path: string };

const COMPARISONS = ["<", "<=", ">", ">="] as const;

/** Bounds the recursion of parsing and evaluating (hostile input, issue 13 item 8). */
export const MAX_TAG_LENGTH = 1000;
const MAX_NESTING = 50;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_NESTING) throw new UnsupportedErb(`expressions nested more than ${MAX_NESTING} levels deep`);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private isPunct(text: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok?.t === "punct" && tok.text === text;
  }

  eat(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.i++;
    return true;
  }

  expect(text: string): void {
    if (!this.eat(text)) throw new UnsupportedErb(`expected "${text}"${this.found()}`);
  }

  private found(): string {
    const tok = this.peek();
    return tok ? `, found "${tok.text}"` : " at the end";
  }

  end(): void {
    if (this.peek()) throw new UnsupportedErb(`unexpected "${this.peek()!.text}"`);
  }

  private name(): string | undefined {
    const tok = this.peek();
    return tok?.t === "name" ? tok.text : undefined;
  }

  stringLiteral(what: string): string {
    const tok = this.peek();
    if (tok?.t !== "literal" || tok.value.kind !== "str") throw new UnsupportedErb(`expected ${what}${this.found()}`);
    this.i++;
    return tok.value.value;
  }

  expression(): Expr {
    return this.nested(() => {
      const test = this.or();
      if (!this.eat("?")) return test;
      const then = this.expression();
      this.expect(":");
      return { k: "cond", test, then, else: this.expression() };
    });
  }

  private or(): Expr {
    let left = this.and();
    while (this.eat("||")) left = { k: "or", left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.equality();
    while (this.eat("&&")) left = { k: "and", left, right: this.equality() };
    return left;
  }

  private equality(): Expr {
    const left = this.comparison();
    for (const op of ["==", "!="] as const) if (this.eat(op)) return { k: "bin", op, left, right: this.comparison() };
    return left;
  }

  private comparison(): Expr {
    let left = this.additive();
    for (;;) {
      const op = COMPARISONS.find((c) => this.isPunct(c));
      if (!op) return left;
      this.i++;
      left = { k: "bin", op, left, right: this.additive() };
    }
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (;;) {
      const op = this.isPunct("+") ? "+" : this.isPunct("-") ? "-" : undefined;
      if (!op) return left;
      this.i++;
      left = { k: "bin", op, left, right: this.multiplicative() };
    }
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (;;) {
      const op = (["*", "/", "%"] as const).find((c) => this.isPunct(c));
      if (!op) return left;
      this.i++;
      left = { k: "bin", op, left, right: this.unary() };
    }
  }

  private unary(): Expr {
    if (this.eat("!")) return this.nested(() => ({ k: "not", arg: this.unary() }));
    if (this.isPunct("-")) {
      const next = this.peek(1);
      this.i++;
      // Ruby reads "-2.abs" as (-2).abs: a minus sign on a number literal belongs to it.
      if (next?.t === "literal" && (next.value.kind === "int" || next.value.kind === "float")) {
        this.i++;
        return this.postfix({ k: "lit", value: { kind: next.value.kind, value: -next.value.value } });
      }
      return this.nested(() => ({ k: "neg", arg: this.unary() }));
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let value = start;
    for (;;) {
      const safe = this.isPunct("&.");
      if (!safe && !this.isPunct(".")) return value;
      this.i++;
      const method = this.name();
      if (!method || !(METHODS as readonly string[]).includes(method)) {
        throw new UnsupportedErb(`method ${method ? `.${method}` : this.found().slice(2)} is not supported; the subset calls ${METHODS.map((m) => `.${m}`).join(", ")}`);
      }
      this.i++;
      if (this.eat("(")) {
        if (!this.eat(")")) throw new UnsupportedErb(`.${method} takes no arguments here`);
      }
      value = { k: "call", recv: value, method: method as MethodName, safe };
    }
  }

  private primary(): Expr {
    const tok = this.peek();
    if (!tok) throw new UnsupportedErb("empty expression");
    if (tok.t === "literal") {
      this.i++;
      return { k: "lit", value: tok.value };
    }
    if (this.eat("(")) {
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (this.eat("[")) {
      const items: Expr[] = [];
      if (!this.eat("]")) {
        do items.push(this.expression());
        while (this.eat(","));
        this.expect("]");
      }
      return { k: "array", items };
    }
    if (tok.t !== "name") throw new UnsupportedErb(`unexpected "${tok.text}"`);
    this.i++;
    switch (tok.text) {
      case "ENV":
        return this.env();
      case "Integer":
      case "Float": {
        this.expect("(");
        const arg = this.expression();
        if (this.isPunct(",")) throw new UnsupportedErb(`${tok.text}() takes one argument here`);
        this.expect(")");
        return { k: "kernel", fn: tok.text, arg };
      }
      case "Concurrent":
      case "Etc":
        return this.cpu(tok.text);
      case "Rails":
        return this.rails();
      default:
        throw new UnsupportedErb(`"${tok.text}" is not supported`);
    }
  }

  private env(): Expr {
    if (this.eat("[")) {
      const name = this.stringLiteral("a string literal naming the variable");
      this.expect("]");
      return { k: "env", name };
    }
    this.expect(".");
    const method = this.name();
    this.i++;
    if (method === "key?" || method === "include?" || method === "has_key?") {
      this.expect("(");
      const name = this.stringLiteral("a string literal naming the variable");
      this.expect(")");
      return { k: "envKey", name };
    }
    if (method !== "fetch") {
      throw new UnsupportedErb(`only ENV[], ENV.fetch and ENV.key? are supported${method ? `, found "ENV.${method}"` : ""}`);
    }
    this.expect("(");
    const name = this.stringLiteral("a string literal naming the variable");
    const fallback = this.eat(",") ? this.expression() : undefined;
    this.expect(")");
    let block: Expr | undefined;
    if (this.eat("{")) {
      block = this.expression();
      this.expect("}");
    }
    return { k: "fetch", name, ...(fallback ? { fallback } : {}), ...(block ? { block } : {}) };
  }

  private cpu(receiver: string): Expr {
    this.expect(".");
    const what = `${receiver}.${this.name() ?? ""}`;
    if (!(what in CPU_COUNTS)) throw new UnsupportedErb(`"${what}" is not supported; the CPU count is read with ${Object.keys(CPU_COUNTS).join(", ")}`);
    this.i++;
    if (this.eat("(")) this.expect(")");
    return { k: "cpu", what: what as CpuExpression };
  }

  private rails(): Expr {
    this.expect(".");
    if (this.name() !== "env") throw new UnsupportedErb(`only Rails.env is supported${this.name() ? `, found "Rails.${this.name()}"` : ""}`);
    this.i++;
    // Rails.env is a StringInquirer: Rails.env.production? asks whether it is "production".
    const inquiry = this.isPunct(".") ? this.peek(1) : undefined;
    if (inquiry?.t === "name" && inquiry.text.endsWith("?") && !(METHODS as readonly string[]).includes(inquiry.text)) {
      this.i += 2;
      return { k: "railsEnvIs", name: inquiry.text.slice(0, -1) };
    }
    return { k: "railsEnv" };
  }
}

function checkLength(code: string): void {
  if (code.length > MAX_TAG_LENGTH) throw new UnsupportedErb(`the tag holds ${code.length} characters; jobsim reads tags of up to ${MAX_TAG_LENGTH}`);
}

/** The code of one `<%= %>` tag. */
export function parseErbExpression(code: string): Expr {
  checkLength(code);
  const parser = new Parser(tokenize(code));
  const expr = parser.expression();
  parser.end();
  return expr;
}

/** The code of one `<% %>` tag: if / elsif / unless / else / end, or require(_relative). */
const STATEMENTS = ["if", "elsif", "unless", "else", "end", "require", "require_relative"];

export function parseErbStatement(code: string): Statement {
  checkLength(code);
  const keyword = /^\s*([A-Za-z_]\w*|\S)/.exec(code)?.[1];
  if (keyword === undefined || !STATEMENTS.includes(keyword)) {
    throw new UnsupportedErb(`only if / elsif / else / unless / end and require_relative statements are supported${keyword ? `, found "${keyword}"` : ""}`);
  }
  const parser = new Parser(tokenize(code).slice(1));
  switch (keyword) {
    case "if":
    case "elsif":
    case "unless": {
      const cond = parser.expression();
      parser.end();
      return { k: keyword, cond };
    }
    case "else":
    case "end":
      parser.end();
      return { k: keyword };
    case "require":
    case "require_relative": {
      const parens = parser.eat("(");
      const path = parser.stringLiteral("a string literal path");
      if (parens) parser.expect(")");
      parser.end();
      return { k: "require", relative: keyword === "require_relative", path };
    }
    default:
      throw new Error(`unreachable: ${keyword}`);
  }
}
