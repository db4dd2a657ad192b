// A retry_on `wait:` lambda that is plain arithmetic, kept as a formula in `n` (the
// declaration's failure count, active-job §5.4): "n ** 2 * 60". Ruby's Integer semantics are
// kept: Integer / Integer and % floor, ** of Integers stays an Integer; a Float anywhere makes
// the result a Float. Grammar (Ruby precedence): sum := prod (("+"|"-") prod)*;
// prod := unary (("*"|"/"|"%") unary)*; unary := "-" unary | pow; pow := atom ("**" unary)?;
// atom := number | "n" | "(" sum ")".

interface Num {
  value: number;
  int: boolean;
}

type Ast = { num: Num } | { n: true } | { op: string; left: Ast; right: Ast } | { neg: Ast };

export class FormulaError extends Error {
  override name = "FormulaError";
}

const TOKEN = /\s*(\d+\.\d+|\d+|\*\*|[-+*/%()]|n)/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) throw new FormulaError(`cannot read ${JSON.stringify(text.slice(start).trim())} in the formula ${JSON.stringify(text)}; use numbers, n, + - * / % ** and parentheses`);
    out.push(m[1]!);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: string[],
    private readonly text: string,
  ) {}

  parse(): Ast {
    const ast = this.sum();
    if (this.i < this.tokens.length) throw this.error(`unexpected "${this.tokens[this.i]}"`);
    return ast;
  }

  private error(detail: string): FormulaError {
    return new FormulaError(`formula ${JSON.stringify(this.text)}: ${detail}`);
  }

  private peek(): string | undefined {
    return this.tokens[this.i];
  }

  private sum(): Ast {
    let left = this.prod();
    while (this.peek() === "+" || this.peek() === "-") {
      const op = this.tokens[this.i++]!;
      left = { op, left, right: this.prod() };
    }
    return left;
  }

  private prod(): Ast {
    let left = this.unary();
    while (this.peek() === "*" || this.peek() === "/" || this.peek() === "%") {
      const op = this.tokens[this.i++]!;
      left = { op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Ast {
    if (this.peek() === "-") {
      this.i++;
      return { neg: this.unary() };
    }
    return this.pow();
  }

  private pow(): Ast {
    const base = this.atom();
    if (this.peek() !== "**") return base;
    this.i++;
    return { op: "**", left: base, right: this.unary() };
  }

  private atom(): Ast {
    const t = this.tokens[this.i++];
    if (t === undefined) throw this.error("ends too early");
    if (t === "n") return { n: true };
    if (t === "(") {
      const inner = this.sum();
      if (this.tokens[this.i++] !== ")") throw this.error('a "(" is not closed');
      return inner;
    }
    if (/^\d/.test(t)) return { num: { value: Number(t), int: !t.includes(".") } };
    throw this.error(`unexpected "${t}"`);
  }
}

function apply(op: string, a: Num, b: Num): Num {
  const int = a.int && b.int;
  switch (op) {
    case "+":
      return { value: a.value + b.value, int };
    case "-":
      return { value: a.value - b.value, int };
    case "*":
      return { value: a.value * b.value, int };
    case "/":
      if (int && b.value === 0) throw new FormulaError("divided by 0");
      return { value: int ? Math.floor(a.value / b.value) : a.value / b.value, int };
    case "%":
      if (int && b.value === 0) throw new FormulaError("divided by 0");
      return { value: a.value - b.value * Math.floor(a.value / b.value), int };
    default:
      // Integer ** negative Integer is a Rational in Ruby; as seconds it is its value.
      return { value: a.value ** b.value, int: int && b.value >= 0 };
  }
}

function evaluate(ast: Ast, n: number): Num {
  if ("num" in ast) return ast.num;
  if ("n" in ast) return { value: n, int: true };
  if ("neg" in ast) {
    const v = evaluate(ast.neg, n);
    return { value: -v.value, int: v.int };
  }
  return apply(ast.op, evaluate(ast.left, n), evaluate(ast.right, n));
}

/** Checks a formula; throws FormulaError naming what is wrong. */
export function parseWaitFormula(text: string): (n: number) => number {
  const ast = new Parser(tokenize(text), text).parse();
  return (n) => evaluate(ast, n).value;
}

/** Seconds of delay for the n-th handled failure. */
export function waitFromFormula(text: string, n: number): number {
  return parseWaitFormula(text)(n);
}
