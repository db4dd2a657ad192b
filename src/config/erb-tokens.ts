// Splits the Ruby inside an ERB tag into tokens for erb-parse.ts: names, literals (numbers,
// strings without interpolation, nil, true, false) and the operators the subset knows.

export type RubyValue =
  | { kind: "str"; value: string }
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "nil" }
  | { kind: "array"; items: RubyValue[] };

/** Code outside the subset; `reason` says what was wrong, for the message. */
export class UnsupportedErb extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export type Token = { t: "name" | "punct"; text: string } | { t: "literal"; value: RubyValue; text: string };

const SPACE = /\s+/y;
const NUMBER = /\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*[?!]?/y;
const PUNCTS = ["&&", "||", "==", "!=", "<=", ">=", "&.", ".", "(", ")", "{", "}", "[", "]", ",", "!", "<", ">", "+", "-", "*", "/", "%", "?", ":"];
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", s: " ", "0": "\0", '"': '"', "\\": "\\", "#": "#" };

function sticky(re: RegExp, code: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(code)?.[0];
}

function readString(code: string, start: number): { value: string; end: number } {
  const quote = code[start]!;
  let out = "";
  let i = start + 1;
  while (i < code.length) {
    const ch = code[i]!;
    if (ch === quote) return { value: out, end: i + 1 };
    if (quote === '"' && ch === "#" && "{@$".includes(code[i + 1] ?? "")) throw new UnsupportedErb("string interpolation is not supported");
    if (ch === "\\") {
      const next = code[i + 1];
      if (next === undefined) break;
      if (quote === "'") out += next === "'" || next === "\\" ? next : `\\${next}`;
      else {
        const mapped = ESCAPES[next];
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

/** Linear in the code's length (sticky regular expressions, no slicing). */
export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < code.length) {
    const space = sticky(SPACE, code, i);
    if (space) {
      i += space.length;
      continue;
    }
    const ch = code[i]!;
    const num = sticky(NUMBER, code, i);
    const name = num ? undefined : sticky(NAME, code, i);
    if (num) {
      const clean = num.replace(/_/g, "");
      if (!/[.eE]/.test(clean) && !Number.isSafeInteger(Number(clean))) throw new UnsupportedErb(`the integer ${num} is beyond 2**53, which jobsim's ERB subset does not handle`);
      tokens.push({ t: "literal", text: num, value: { kind: /[.eE]/.test(clean) ? "float" : "int", value: Number(clean) } });
      i += num.length;
    } else if (ch === '"' || ch === "'") {
      const { value, end } = readString(code, i);
      tokens.push({ t: "literal", text: code.slice(i, end), value: { kind: "str", value } });
      i = end;
    } else if (name) {
      const literal: Record<string, RubyValue> = { nil: { kind: "nil" }, true: { kind: "bool", value: true }, false: { kind: "bool", value: false } };
      tokens.push(literal[name] ? { t: "literal", text: name, value: literal[name]! } : { t: "name", text: name });
      i += name.length;
    } else {
      const punct = PUNCTS.find((p) => code.startsWith(p, i));
      if (!punct) throw new UnsupportedErb(`unexpected "${ch}"`);
      tokens.push({ t: "punct", text: punct });
      i += punct.length;
    }
  }
  return tokens;
}

