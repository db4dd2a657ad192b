// How Ruby's YAML (Psych) reads an untagged plain scalar, which is what Rails sees: YAML 1.1
// flavoured, so `yes`/`on`/`off` are booleans, `:name` is a Symbol, `1,000` is 1000, `010` is
// octal, `1:30` is sexagesimal (5400), and `1e3` (no dot, no signed exponent) stays a string.

export type RubyScalar =
  | { rtype: "nil"; value: null }
  | { rtype: "bool"; value: boolean }
  | { rtype: "int"; value: number }
  | { rtype: "float"; value: number }
  | { rtype: "str"; value: string }
  | { rtype: "sym"; value: string }
  /** Psych builds a Date/Time here, which Rails' safe YAML loading refuses. */
  | { rtype: "date" | "time"; value: string };

const STRING_LIKE = /^[^\d.:-]?[A-Za-z_\s!@#$%^&*(){}<>|\/\\~;=]+/;
const TIME = /^-?(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
const DATE = /^(\d{4})-(1[012]|0\d|\d)-([12]\d|3[01]|0\d|\d)$/;
const SEXAGESIMAL_INT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+$/;
const SEXAGESIMAL_FLOAT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$/;
const FLOAT = /^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const INTEGER = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Ruby's Integer() on a string that already matched INTEGER (underscores removed). */
function parseRubyInteger(text: string): number {
  const negative = text.startsWith("-");
  const body = text.replace(/^[-+]/, "");
  let n: number;
  if (/^0b/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^0x/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0\d/.test(body)) n = parseInt(body.slice(1), 8);
  else n = Number(body);
  return negative ? -n : n;
}

// Psych's base-60 sum: each part times 60**|index - 2|, so "1:30" is 1*3600 + 30*60.
function sexagesimal(text: string, part: (s: string) => number): number {
  return text.split(":").reduce((sum, piece, i) => sum + part(piece) * 60 ** Math.abs(i - 2), 0);
}

function leadingInt(s: string): number {
  const m = /^[-+]?\d[\d_]*/.exec(s);
  return m ? Number(m[0].replace(/_/g, "")) : 0;
}

export function resolvePlainScalar(text: string): RubyScalar {
  if (text === "") return { rtype: "nil", value: null };
  if (STRING_LIKE.test(text) || text.includes("\n")) {
    if (text.length > 5 || /^[^ytonf~]/i.test(text)) return { rtype: "str", value: text };
    if (text === "~" || /^null$/i.test(text)) return { rtype: "nil", value: null };
    if (/^(yes|true|on)$/i.test(text)) return { rtype: "bool", value: true };
    if (/^(no|false|off)$/i.test(text)) return { rtype: "bool", value: false };
    return { rtype: "str", value: text };
  }
  const time = TIME.exec(text);
  if (time) {
    const [y, mo, d, h, mi, s] = time.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const ok = mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 24 && mi <= 59 && s <= 60 && y >= 0;
    return ok ? { rtype: "time", value: text } : { rtype: "str", value: text };
  }
  const date = DATE.exec(text);
  if (date) {
    const ok = validDate(Number(date[1]), Number(date[2]), Number(date[3]));
    return ok ? { rtype: "date", value: text } : { rtype: "str", value: text };
  }
  if (/^\.inf$/i.test(text)) return { rtype: "float", value: Infinity };
  if (/^-\.inf$/i.test(text)) return { rtype: "float", value: -Infinity };
  if (/^\.nan$/i.test(text)) return { rtype: "float", value: NaN };
  if (/^:./.test(text)) {
    const quoted = /^:(["'])(.*)\1/.exec(text);
    return { rtype: "sym", value: quoted ? quoted[2]!.replace(/^:/, "") : text.slice(1) };
  }
  if (SEXAGESIMAL_INT.test(text)) return { rtype: "int", value: sexagesimal(text, leadingInt) };
  if (SEXAGESIMAL_FLOAT.test(text)) return { rtype: "float", value: sexagesimal(text, (p) => Number(p.replace(/_/g, "")) || 0) };
  if (FLOAT.test(text)) {
    if (/^[-+]?\.$/.test(text)) return { rtype: "str", value: text };
    const n = Number(text.replace(/[,_]|\.$/g, ""));
    return Number.isNaN(n) ? { rtype: "str", value: text } : { rtype: "float", value: n };
  }
  const cleaned = text.replace(/[,_]/g, "");
  if (INTEGER.test(cleaned)) return { rtype: "int", value: parseRubyInteger(cleaned) };
  return { rtype: "str", value: text };
}
