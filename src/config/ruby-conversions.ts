// The Ruby conversions the ERB subset needs, with Ruby's results (not JavaScript's):
// "12abc".to_i == 12, "1_000".to_i == 1000, 1.0.to_s == "1.0", 1e16.to_s == "1.0e+16".

const LEADING_SPACE = /^[\t\n\v\f\r ]*/;

export function rubyStringToI(s: string): number {
  const m = /^([+-]?)(\d+(?:_\d+)*)/.exec(s.replace(LEADING_SPACE, ""));
  if (!m) return 0;
  const n = Number(m[2]!.replace(/_/g, ""));
  return m[1] === "-" ? -n : n;
}

export function rubyStringToF(s: string): number {
  const rest = s.replace(LEADING_SPACE, "");
  const m = /^([+-]?)(\d+(?:_\d+)*)?(\.\d+(?:_\d+)*)?/.exec(rest);
  if (!m || (m[2] === undefined && m[3] === undefined)) return 0;
  let text = (m[2] ?? "0") + (m[3] ?? "");
  const exp = /^[eE][+-]?\d+/.exec(rest.slice(m[0].length));
  if (exp) text += exp[0];
  const n = Number(text.replace(/_/g, ""));
  return m[1] === "-" ? -n : n;
}

/** Float#to_s: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
export function rubyFloatToS(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const decpt = Number(exponent) + 1; // digits before the decimal point
  if (decpt > 0 && decpt <= 16) {
    const whole = digits.slice(0, decpt).padEnd(decpt, "0");
    const frac = digits.slice(decpt) || "0";
    return `${sign}${whole}.${frac}`;
  }
  if (decpt <= 0 && decpt > -4) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  const e = decpt - 1;
  const eText = `${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}e${eText}`;
}

const SPACE = "[\\t\\n\\v\\f\\r ]*";
const KERNEL_INTEGER = new RegExp(
  `^${SPACE}([+-]?)(?:0[xX]([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)|0[bB]([01]+(?:_[01]+)*)|0[dD](\\d+(?:_\\d+)*)|0[oO_]?([0-7]+(?:_[0-7]+)*)|([1-9]\\d*(?:_\\d+)*|0))${SPACE}$`,
);

/** Kernel#Integer(string): strict, with Ruby's prefixes (0x, 0b, 0o, 0d, a leading 0 is octal); undefined when Ruby raises. */
export function rubyKernelInteger(s: string): number | undefined {
  const m = KERNEL_INTEGER.exec(s);
  if (!m) return undefined;
  const [, sign, hex, bin, dec, oct, plain] = m;
  const clean = (t: string) => t.replace(/_/g, "");
  const n =
    hex !== undefined ? parseInt(clean(hex), 16)
    : bin !== undefined ? parseInt(clean(bin), 2)
    : dec !== undefined ? Number(clean(dec))
    : oct !== undefined ? parseInt(clean(oct), 8)
    : Number(clean(plain!));
  return sign === "-" ? -n : n;
}

const KERNEL_FLOAT = new RegExp(`^${SPACE}([+-]?)(?:(\\d+(?:_\\d+)*)?(\\.\\d+(?:_\\d+)*)?([eE][+-]?\\d+(?:_\\d+)*)?)${SPACE}$`);
const KERNEL_HEX_FLOAT = new RegExp(`^${SPACE}([+-]?)0[xX]([0-9a-fA-F]+)(?:\\.([0-9a-fA-F]+))?(?:[pP]([+-]?\\d+))?${SPACE}$`);

/** Kernel#Float(string): strict ("1." and "abc" raise, ".5" and "1_0.5" do not); undefined when Ruby raises. */
export function rubyKernelFloat(s: string): number | undefined {
  const hex = KERNEL_HEX_FLOAT.exec(s);
  if (hex) {
    const [, sign, whole, frac = "", exp = "0"] = hex;
    const n = (parseInt(whole!, 16) + (frac === "" ? 0 : parseInt(frac, 16) / 16 ** frac.length)) * 2 ** Number(exp);
    return sign === "-" ? -n : n;
  }
  const m = KERNEL_FLOAT.exec(s);
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  const n = Number(`${m[2] ?? "0"}${m[3] ?? ""}${m[4] ?? ""}`.replace(/_/g, ""));
  return m[1] === "-" ? -n : n;
}
