import type { JobClass } from "../job/job.js";

// rspec-rails' signature check (active-job.md §8.3 step 3): each matching job's deserialized
// arguments are checked against its perform method, with rspec-support's
// StrictSignatureVerifier messages. Ruby reads the signature from the method; here it is read
// from perform's parameter list in its source (what Function#toString gives at run time):
// - `a`: required positional; `a = 1`: optional; `...rest`: any number more;
// - a destructured object as the LAST parameter, `{ one, two = 2, ...more }`, stands for Ruby's
//   keyword arguments: names without a default are required keywords, `...more` is `**more`.
// A class may declare `static performSignature` instead (then the source is not read). When the
// list cannot be read (a bound or native function), nothing is checked. See docs/fidelity.md.

export interface PerformSignature {
  required: number;
  optional?: number;
  rest?: boolean;
  requiredKeywords?: readonly string[];
  optionalKeywords?: readonly string[];
  keywordRest?: boolean;
}

// rspec-rails checks only when rspec-mocks' verify_partial_doubles is on, which the
// spec_helper.rb that rspec-rails generates turns on; so it is on here unless turned off.
let verifying = true;

/** Turns the matchers' perform signature check on or off (rspec-mocks' verify_partial_doubles); returns the previous setting. */
export function verifyPartialDoubles(on: boolean): boolean {
  const previous = verifying;
  verifying = on;
  return previous;
}

/** "Incorrect arguments passed to <Job>: <details>", or undefined when the arguments fit. */
export function signatureMismatch(job: JobClass<any>, args: readonly unknown[]): string | undefined {
  if (!verifying) return undefined;
  const sig = signatureOf(job);
  if (sig === undefined) return undefined;
  const problem = verify(sig, args);
  return problem === undefined ? undefined : `Incorrect arguments passed to ${job.jobClassName}: ${problem}`;
}

export function signatureOf(job: JobClass<any>): PerformSignature | undefined {
  const declared = (job as unknown as { performSignature?: PerformSignature }).performSignature;
  if (declared !== undefined) return declared;
  const perform = (job.prototype as { perform?: unknown }).perform;
  return typeof perform === "function" ? parseParameters(Function.prototype.toString.call(perform)) : undefined;
}

// rspec-support's MethodSignatureVerifier: split trailing keywords, then check them and the count.
function verify(sig: PerformSignature, given: readonly unknown[]): string | undefined {
  const required = sig.required;
  const max = sig.rest === true ? Infinity : required + (sig.optional ?? 0);
  const reqKw = sig.requiredKeywords ?? [];
  const allowedKw = [...reqKw, ...(sig.optionalKeywords ?? [])];
  const takesKeywords = sig.keywordRest === true || allowedKw.length > 0;
  let positional = [...given];
  let keywords: string[] = [];
  const last = given[given.length - 1];
  if (takesKeywords && given.length > required && isPlainObject(last)) {
    positional = given.slice(0, -1);
    keywords = Object.keys(last);
  }
  const missing = reqKw.filter((k) => !keywords.includes(k));
  if (missing.length > 0) return `Missing required keyword arguments: ${missing.join(", ")}`;
  const invalid = sig.keywordRest === true ? [] : keywords.filter((k) => !allowedKw.includes(k));
  if (invalid.length > 0) return `Invalid keyword arguments provided: ${invalid.join(", ")}`;
  if (positional.length < required || positional.length > max) {
    const arity = max === Infinity ? `at least ${required}` : max === required ? `${required}` : `${required} to ${max}`;
    return `Wrong number of arguments. Expected ${arity}, got ${positional.length}.`;
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Reads `name(a, b = 1, ...c)` or `name(a, { k, j = 2 })` from a method's source. */
export function parseParameters(source: string): PerformSignature | undefined {
  const open = source.indexOf("(");
  if (open < 0 || /\{\s*\[native code\]\s*\}\s*$/.test(source)) return undefined;
  const params = splitTopLevel(source, open + 1, ")");
  if (params === undefined) return undefined;
  const sig: PerformSignature = { required: 0, optional: 0, rest: false };
  params.forEach((raw, i) => {
    const p = raw.trim();
    if (p === "") return;
    if (p.startsWith("...")) sig.rest = true;
    else if (p.startsWith("{") && i === params.length - 1) Object.assign(sig, keywordsOf(p));
    else if (hasTopLevelDefault(p)) sig.optional! += 1;
    else sig.required += 1; // as Ruby's `def m(a = 1, b)`: b is required wherever it stands
  });
  return sig;
}

function keywordsOf(pattern: string): Partial<PerformSignature> {
  const entries = splitTopLevel(pattern, 1, "}") ?? [];
  const requiredKeywords: string[] = [];
  const optionalKeywords: string[] = [];
  let keywordRest = false;
  for (const raw of entries) {
    const e = raw.trim();
    if (e === "") continue;
    if (e.startsWith("...")) keywordRest = true;
    else {
      const name = /^["']?([\w$]+)/.exec(e)?.[1] ?? e;
      (hasTopLevelDefault(e) ? optionalKeywords : requiredKeywords).push(name);
    }
  }
  return { requiredKeywords, optionalKeywords, keywordRest };
}

// The comma-separated pieces from `start` to the bracket closing the list, skipping nested
// brackets, strings and template literals.
function splitTopLevel(s: string, start: number, close: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(s, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (depth === 0 && c === close) {
      parts.push(s.slice(from, i));
      return parts;
    } else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  return undefined;
}

function skipString(s: string, i: number): number {
  const quote = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === "\\") j++;
    else if (s[j] === quote) return j;
  }
  return s.length;
}

function hasTopLevelDefault(param: string): boolean {
  let depth = 0;
  for (let i = 0; i < param.length; i++) {
    const c = param[i]!;
    if (c === '"' || c === "'" || c === "`") i = skipString(param, i);
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "=" && depth === 0 && param[i + 1] !== ">" && param[i + 1] !== "=") return true;
  }
  return false;
}
