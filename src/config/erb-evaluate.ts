// Evaluates a parsed ERB expression with Ruby's semantics (Ruby 3.4 messages), against explicit
// inputs only: ENV is `vars`, Rails.env is the loader's environment, and the CPU count is a
// virtual one (default 1). Where Ruby would raise, ErbEvaluationError says what Ruby raises.
import { CPU_COUNTS, UnsupportedErb, type Expr, type MethodName, type RubyValue } from "./erb-parse.js";
import { rubyFloatToS, rubyKernelFloat, rubyKernelInteger, rubyStringToF, rubyStringToI } from "./ruby-conversions.js";
import { YAML_LIMITS } from "./yaml-input-error.js";

/** A supported expression that Ruby itself would fail on (e.g. ENV.fetch of an unset variable). */
export class ErbEvaluationError extends Error {}

export interface ErbContext {
  vars: Record<string, string | undefined>;
  /** Rails.env. */
  env: string;
  /** The virtual CPU count; undefined means the default, DEFAULT_CPU_COUNT, with a warning. */
  cpuCount?: number;
  /** Warnings of this tag, without position (the renderer adds it). */
  warnings: string[];
}

export const DEFAULT_CPU_COUNT = 1;

const NIL: RubyValue = { kind: "nil" };
const int = (value: number): RubyValue => {
  if (!Number.isSafeInteger(value)) throw new ErbEvaluationError(`the integer ${value} is too large for jobsim's ERB subset`);
  return { kind: "int", value };
};
const float = (value: number): RubyValue => ({ kind: "float", value });
const bool = (value: boolean): RubyValue => ({ kind: "bool", value });
const str = (value: string): RubyValue => {
  if (value.length > YAML_LIMITS.bytes) throw new ErbEvaluationError(`the text is longer than ${YAML_LIMITS.bytes} characters`);
  return { kind: "str", value };
};

export function truthy(v: RubyValue): boolean {
  return v.kind !== "nil" && !(v.kind === "bool" && !v.value);
}

export function inspect(v: RubyValue): string {
  switch (v.kind) {
    case "str":
      return JSON.stringify(v.value);
    case "array":
      return `[${v.items.map(inspect).join(", ")}]`;
    case "nil":
      return "nil";
    default:
      return toS(v);
  }
}

/** What `<%= %>` inserts: Ruby's to_s. */
export function toS(v: RubyValue): string {
  switch (v.kind) {
    case "nil":
      return "";
    case "str":
      return v.value;
    case "int":
    case "bool":
      return String(v.value);
    case "float":
      return rubyFloatToS(v.value);
    case "array":
      return inspect(v);
  }
}

/** The receiver as Ruby 3.4 names it in a NoMethodError. */
function receiver(v: RubyValue): string {
  if (v.kind === "nil" || v.kind === "bool") return inspect(v);
  return `an instance of ${className(v)}`;
}

function className(v: RubyValue): string {
  const names = { str: "String", int: "Integer", float: "Float", array: "Array", nil: "NilClass", bool: v.kind === "bool" && v.value ? "TrueClass" : "FalseClass" };
  return names[v.kind];
}

const noMethod = (method: string, v: RubyValue) => new ErbEvaluationError(`undefined method '${method}' for ${receiver(v)} (Ruby raises NoMethodError)`);
const isNumber = (v: RubyValue): v is { kind: "int" | "float"; value: number } => v.kind === "int" || v.kind === "float";

function toInteger(x: number, what: string): RubyValue {
  if (!Number.isFinite(x)) throw new ErbEvaluationError(`${rubyFloatToS(x)}${what} is not a number (Ruby raises FloatDomainError)`);
  return int(x);
}

/** Float#round: halves away from zero, unlike Math.round. */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

function isBlank(v: RubyValue): boolean {
  if (v.kind === "str") return /^\s*$/u.test(v.value);
  if (v.kind === "array") return v.items.length === 0;
  return !truthy(v);
}

/** Ruby names an operand by its value when it is an immediate (nil, true, false, a number), else by its class. */
const operand = (v: RubyValue) => (v.kind === "str" || v.kind === "array" ? className(v) : inspect(v));

const comparisonFailed = (a: RubyValue, b: RubyValue) =>
  new ErbEvaluationError(`comparison of ${className(a)} with ${operand(b)} failed (Ruby raises ArgumentError)`);

/** `a < b` and friends: numbers with numbers, strings with strings; nil and booleans have no `<`. */
function compare(op: string, a: RubyValue, b: RubyValue): number {
  if (isNumber(a) && isNumber(b)) return a.value - b.value;
  if (a.kind === "str" && b.kind === "str") return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (!isNumber(a) && a.kind !== "str") throw noMethod(op, a);
  throw comparisonFailed(a, b);
}

/** `a <=> b` as Array#max and #min use it: equal values compare as 0 whatever their type. */
function spaceship(a: RubyValue, b: RubyValue): number {
  if (equal(a, b)) return 0;
  if ((isNumber(a) && isNumber(b)) || (a.kind === "str" && b.kind === "str")) return compare("<=>", a, b);
  throw comparisonFailed(a, b);
}

function equal(a: RubyValue, b: RubyValue): boolean {
  if (isNumber(a) && isNumber(b)) return a.value === b.value;
  if (a.kind === "array" && b.kind === "array") return a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i]!));
  if (a.kind !== b.kind) return false;
  return a.kind === "nil" || (a as { value: unknown }).value === (b as { value: unknown }).value;
}

function method(name: MethodName, v: RubyValue): RubyValue {
  switch (name) {
    case "to_s":
      return str(toS(v));
    case "to_i":
      if (v.kind === "str") return int(rubyStringToI(v.value));
      if (v.kind === "nil") return int(0);
      if (isNumber(v)) return toInteger(Math.trunc(v.value), ".to_i");
      break;
    case "to_f":
      if (v.kind === "str") return float(rubyStringToF(v.value));
      if (v.kind === "nil") return float(0);
      if (isNumber(v)) return float(v.value);
      break;
    case "ceil":
    case "floor":
    case "round":
      if (v.kind === "int") return v;
      if (v.kind === "float") return toInteger(name === "ceil" ? Math.ceil(v.value) : name === "floor" ? Math.floor(v.value) : roundHalfAway(v.value), `.${name}`);
      break;
    case "abs":
      if (isNumber(v)) return { kind: v.kind, value: Math.abs(v.value) };
      break;
    case "zero?":
    case "positive?":
    case "negative?":
      if (isNumber(v)) return bool(name === "zero?" ? v.value === 0 : name === "positive?" ? v.value > 0 : v.value < 0);
      break;
    case "presence":
      return isBlank(v) ? NIL : v;
    case "present?":
      return bool(!isBlank(v));
    case "blank?":
      return bool(isBlank(v));
    case "nil?":
      return bool(v.kind === "nil");
    case "empty?":
      if (v.kind === "str") return bool(v.value.length === 0);
      if (v.kind === "array") return bool(v.items.length === 0);
      break;
    case "strip":
      if (v.kind === "str") return str(v.value.replace(/^[\t\n\v\f\r \0]+|[\t\n\v\f\r \0]+$/g, ""));
      break;
    case "downcase":
    case "upcase":
      if (v.kind === "str") return str(name === "downcase" ? v.value.toLowerCase() : v.value.toUpperCase());
      break;
    case "max":
    case "min":
      if (v.kind === "array") {
        if (v.items.length === 0) return NIL;
        return v.items.reduce((best, x) => (spaceship(x, best) * (name === "max" ? 1 : -1) > 0 ? x : best));
      }
      break;
  }
  throw noMethod(name, v);
}

function arithmetic(op: "+" | "-" | "*" | "/" | "%", a: RubyValue, b: RubyValue): RubyValue {
  if (isNumber(a) && isNumber(b)) {
    if (a.kind === "int" && b.kind === "int") {
      if ((op === "/" || op === "%") && b.value === 0) throw new ErbEvaluationError("divided by 0 (Ruby raises ZeroDivisionError)");
      if (op === "/") return int(Math.floor(a.value / b.value));
      if (op === "%") return int(a.value - b.value * Math.floor(a.value / b.value));
    }
    const x = a.value;
    const y = b.value;
    const value = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : x - y * Math.floor(x / y);
    return a.kind === "int" && b.kind === "int" ? int(value) : float(value);
  }
  if (a.kind === "str") {
    if (op === "+" && b.kind === "str") return str(a.value + b.value);
    if (op === "*" && isNumber(b)) {
      const times = (toInteger(Math.trunc(b.value), "") as { value: number }).value; // Ruby truncates a Float count
      if (times < 0) throw new ErbEvaluationError("negative argument (Ruby raises ArgumentError)");
      if (a.value.length * times > YAML_LIMITS.bytes) throw new ErbEvaluationError(`the text is longer than ${YAML_LIMITS.bytes} characters`);
      return str(a.value.repeat(times));
    }
    // String#% is format: without a directive it is the string itself (the argument is ignored).
    if (op === "%") {
      if (!a.value.includes("%")) return a;
      throw new UnsupportedErb("String#% (format) with % directives is not supported");
    }
    if (op === "*" && b.kind === "nil") throw new ErbEvaluationError("no implicit conversion from nil to integer (Ruby raises TypeError)");
    if (op === "+" || op === "*") {
      const wanted = op === "+" ? "String" : "Integer";
      throw new ErbEvaluationError(`no implicit conversion of ${b.kind === "nil" ? "nil" : className(b)} into ${wanted} (Ruby raises TypeError)`);
    }
    throw noMethod(op, a);
  }
  if (isNumber(a)) throw new ErbEvaluationError(`${operand(b)} can't be coerced into ${className(a)} (Ruby raises TypeError)`);
  throw noMethod(op, a);
}

function kernel(fn: "Integer" | "Float", v: RubyValue): RubyValue {
  if (v.kind === "str") {
    const n = fn === "Integer" ? rubyKernelInteger(v.value) : rubyKernelFloat(v.value);
    if (n === undefined) throw new ErbEvaluationError(`invalid value for ${fn}(): ${inspect(v)} (Ruby raises ArgumentError)`);
    return fn === "Integer" ? int(n) : float(n);
  }
  if (isNumber(v)) return fn === "Float" ? float(v.value) : toInteger(Math.trunc(v.value), "");
  const shown = v.kind === "array" ? "Array" : inspect(v);
  throw new ErbEvaluationError(`can't convert ${shown} into ${fn} (Ruby raises TypeError)`);
}

export function evaluate(e: Expr, ctx: ErbContext): RubyValue {
  switch (e.k) {
    case "lit":
      return e.value;
    case "env": {
      const value = ctx.vars[e.name];
      return value === undefined ? NIL : str(value);
    }
    case "envKey":
      return bool(ctx.vars[e.name] !== undefined);
    case "fetch": {
      // Ruby evaluates the argument first and the block only when the variable is unset.
      const fallback = e.fallback ? evaluate(e.fallback, ctx) : undefined;
      if (e.fallback && e.block) ctx.warnings.push(`ENV.fetch("${e.name}"): the block's default supersedes the argument (Ruby warns the same)`);
      const value = ctx.vars[e.name];
      if (value !== undefined) return str(value);
      if (e.block) return evaluate(e.block, ctx);
      if (fallback) return fallback;
      throw new ErbEvaluationError(`ENV.fetch("${e.name}") has no default and ${e.name} is not set (Ruby raises KeyError)`);
    }
    case "cpu": {
      if (ctx.cpuCount === undefined) {
        ctx.warnings.push(
          `${e.what} is jobsim's virtual CPU count, ${DEFAULT_CPU_COUNT} by default; set it with config.cpu_count in a scenario, --cpus on the command line, or the loader's cpuCount option`,
        );
      }
      const n = ctx.cpuCount ?? DEFAULT_CPU_COUNT;
      return CPU_COUNTS[e.what] === "float" ? float(n) : int(n);
    }
    case "railsEnv":
      return str(ctx.env);
    case "railsEnvIs":
      return bool(ctx.env === e.name);
    case "kernel":
      return kernel(e.fn, evaluate(e.arg, ctx));
    case "array":
      return { kind: "array", items: e.items.map((x) => evaluate(x, ctx)) };
    case "call": {
      const recv = evaluate(e.recv, ctx);
      return e.safe && recv.kind === "nil" ? NIL : method(e.method, recv);
    }
    case "not":
      return bool(!truthy(evaluate(e.arg, ctx)));
    case "neg": {
      const v = evaluate(e.arg, ctx);
      if (!isNumber(v)) throw noMethod("-@", v);
      return { kind: v.kind, value: -v.value };
    }
    case "and": {
      const left = evaluate(e.left, ctx);
      return truthy(left) ? evaluate(e.right, ctx) : left;
    }
    case "or": {
      const left = evaluate(e.left, ctx);
      return truthy(left) ? left : evaluate(e.right, ctx);
    }
    case "cond":
      return truthy(evaluate(e.test, ctx)) ? evaluate(e.then, ctx) : evaluate(e.else, ctx);
    case "bin": {
      const a = evaluate(e.left, ctx);
      const b = evaluate(e.right, ctx);
      switch (e.op) {
        case "==":
          return bool(equal(a, b));
        case "!=":
          return bool(!equal(a, b));
        case "<":
          return bool(compare(e.op, a, b) < 0);
        case "<=":
          return bool(compare(e.op, a, b) <= 0);
        case ">":
          return bool(compare(e.op, a, b) > 0);
        case ">=":
          return bool(compare(e.op, a, b) >= 0);
        default:
          return arithmetic(e.op, a, b);
      }
    }
  }
}
