// Generated Rails apps for the differential test: random combinations of the declarations
// `jobsim import rails` reads, rendered as Ruby, plus what they mean per
// /work/shared/spec/active-job.md (computed here from the declarations, not from the importer).
import fc from "fast-check";

export const ERRORS = ["E1", "E2", "E3", "E4"] as const;

export type Wait = { int: number } | { float: number } | { dur: [number, "seconds" | "minutes" | "hours"] } | { poly: true } | { linear: number };
export type Decl =
  | { queue: string | null }
  | { queueBlock: [string, string] }
  | { priority: number | null }
  | { retry: { errors: string[]; wait?: Wait; attempts?: number | "unlimited"; jitter?: number | null; queue?: string; priority?: number } }
  | { discard: string[] }
  | { rescue: string[] }
  | { jitter: number }
  | { limits: { to?: number; key: "whole" | "id" | "pair" | "literal"; minutes?: number; group?: string; onConflict?: "block" | "discard" } }
  | { callback: ["before_perform" | "after_perform" | "around_perform", "m1" | "m2" | "m3"] };

export interface ClassSpec {
  name: string;
  parent: string;
  decls: Decl[];
  params: ("req" | "opt" | "rest" | "keyreq" | "key" | "keyrest")[];
}

export interface AppSpec {
  prefix: string | null;
  delimiter: string;
  loadDefaults: number | null;
  classes: ClassSpec[];
}

const queueName = fc.constantFrom("low", "critical", "mailers", "");
const errs = fc.uniqueArray(fc.constantFrom(...ERRORS), { minLength: 1, maxLength: 2 });
const wait: fc.Arbitrary<Wait> = fc.oneof(
  fc.integer({ min: 0, max: 600 }).map((n) => ({ int: n })),
  fc.constantFrom(0.5, 2.5, 10.25).map((f) => ({ float: f })),
  fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom("seconds" as const, "minutes" as const, "hours" as const)).map((d) => ({ dur: d })),
  fc.constant({ poly: true as const }),
  fc.integer({ min: 1, max: 60 }).map((k) => ({ linear: k })),
);

const decl: fc.Arbitrary<Decl> = fc.oneof(
  fc.option(queueName, { nil: null }).map((q) => ({ queue: q })),
  fc.tuple(queueName.filter((q) => q !== ""), fc.constantFrom("other", "bulk")).map((q) => ({ queueBlock: q })),
  fc.option(fc.integer({ min: -5, max: 50 }), { nil: null }).map((p) => ({ priority: p })),
  fc
    .record(
      { errors: errs, wait, attempts: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant("unlimited" as const)), jitter: fc.option(fc.constantFrom(0, 0.25, 0.5), { nil: null }), queue: queueName.filter((q) => q !== ""), priority: fc.integer({ min: 0, max: 9 }) },
      { requiredKeys: ["errors"] },
    )
    .map((retry) => ({ retry })),
  errs.map((discard) => ({ discard })),
  errs.map((rescue) => ({ rescue })),
  fc.constantFrom(0, 0.1, 0.4).map((jitter) => ({ jitter })),
  fc
    .record(
      { to: fc.integer({ min: 1, max: 4 }), key: fc.constantFrom("whole" as const, "id" as const, "pair" as const, "literal" as const), minutes: fc.integer({ min: 1, max: 30 }), group: fc.constant("grp"), onConflict: fc.constantFrom("block" as const, "discard" as const) },
      { requiredKeys: ["key"] },
    )
    .map((limits) => ({ limits })),
  fc.tuple(fc.constantFrom("before_perform" as const, "after_perform" as const, "around_perform" as const), fc.constantFrom("m1" as const, "m2" as const, "m3" as const)).map((callback) => ({ callback })),
);

export const appSpec: fc.Arbitrary<AppSpec> = fc
  .record({
    prefix: fc.constantFrom(null, "app"),
    delimiter: fc.constantFrom("_", "."),
    loadDefaults: fc.constantFrom(null, 6.0, 7.1, 8.0),
    base: fc.array(decl, { maxLength: 4 }),
    jobs: fc.array(fc.record({ decls: fc.array(decl, { maxLength: 6 }), parentIndex: fc.nat(), params: fc.array(fc.constantFrom("req" as const, "opt" as const, "rest" as const, "keyreq" as const, "key" as const, "keyrest" as const), { maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ prefix, delimiter, loadDefaults, base, jobs }) => {
    const classes: ClassSpec[] = [{ name: "ApplicationJob", parent: "ActiveJob::Base", decls: base, params: [] }];
    jobs.forEach((j, i) => {
      // Each job inherits from ApplicationJob or from a job generated before it.
      const parent = classes[j.parentIndex % classes.length]!.name;
      classes.push({ name: `Job${i + 1}Job`, parent, decls: j.decls, params: normalParams(j.params) });
    });
    return { prefix, delimiter, loadDefaults, classes };
  });

/** Ruby's parameter order: req, opt, rest, keyreq, key, keyrest; each at most once except req/keys. */
function normalParams(ps: ClassSpec["params"]): ClassSpec["params"] {
  const order = ["req", "opt", "rest", "keyreq", "key", "keyrest"] as const;
  const once = new Set(["rest", "keyrest"]);
  const seen = new Set<string>();
  return [...ps].sort((a, b) => order.indexOf(a) - order.indexOf(b)).filter((p) => (once.has(p) ? !seen.has(p) && seen.add(p) !== undefined : true));
}

const rubyQueue = (q: string) => (q === "" ? '""' : `:${q}`);

function rubyWait(w: Wait): string {
  if ("int" in w) return String(w.int);
  if ("float" in w) return String(w.float);
  if ("dur" in w) return `${w.dur[0]}.${w.dur[1]}`;
  if ("poly" in w) return ":polynomially_longer";
  return `->(executions) { executions * ${w.linear} }`;
}

export function rubyDecl(d: Decl): string {
  if ("queue" in d) return d.queue === null ? "queue_as nil" : `queue_as ${rubyQueue(d.queue)}`;
  if ("queueBlock" in d) return `queue_as { arguments.first ? :${d.queueBlock[0]} : :${d.queueBlock[1]} }`;
  if ("priority" in d) return `queue_with_priority ${d.priority === null ? "nil" : d.priority}`;
  if ("retry" in d) {
    const r = d.retry;
    const opts = [
      r.wait !== undefined ? `wait: ${rubyWait(r.wait)}` : "",
      r.attempts !== undefined ? `attempts: ${r.attempts === "unlimited" ? ":unlimited" : r.attempts}` : "",
      r.jitter !== undefined ? `jitter: ${r.jitter === null ? "nil" : r.jitter}` : "",
      r.queue !== undefined ? `queue: :${r.queue}` : "",
      r.priority !== undefined ? `priority: ${r.priority}` : "",
    ].filter(Boolean);
    return `retry_on ${[...r.errors, ...opts].join(", ")}`;
  }
  if ("discard" in d) return `discard_on ${d.discard.join(", ")}`;
  if ("rescue" in d) return `rescue_from ${d.rescue.join(", ")}, with: :handle_it`;
  if ("jitter" in d) return `self.retry_jitter = ${d.jitter}`;
  if ("limits" in d) {
    const l = d.limits;
    const key = { whole: "->(a) { a }", id: "->(a) { a.id }", pair: '->(a, b) { "#{a.id}-#{b}" }', literal: '"fixed"' }[l.key];
    const opts = [l.to !== undefined ? `to: ${l.to}` : "", `key: ${key}`, l.minutes !== undefined ? `duration: ${l.minutes}.minutes` : "", l.group !== undefined ? `group: "${l.group}"` : "", l.onConflict !== undefined ? `on_conflict: :${l.onConflict}` : ""].filter(Boolean);
    return `limits_concurrency ${opts.join(", ")}`;
  }
  return `${d.callback[0]} :${d.callback[1]}`;
}

const PARAM_RUBY: Record<ClassSpec["params"][number], (i: number) => string> = { req: (i) => `a${i}`, opt: (i) => `o${i} = ${i}`, rest: () => "*rest", keyreq: (i) => `k${i}:`, key: (i) => `ko${i}: ${i}`, keyrest: () => "**opts" };

export function rubyClass(c: ClassSpec): string {
  const body = c.decls.map((d) => `  ${rubyDecl(d)}`);
  const params = c.params.map((p, i) => PARAM_RUBY[p](i));
  return [
    `class ${c.name} < ${c.parent}`,
    ...body,
    ...(c.name === "ApplicationJob" ? ["", "  def handle_it(*) = nil", "  def m1 = nil", "  def m2 = nil", "  def m3 = yield"] : [`  def perform(${params.join(", ")}) = nil`]),
    "end",
    "",
  ].join("\n");
}

export function rubyApplication(app: AppSpec): string {
  return [
    "module Generated",
    "  class Application < Rails::Application",
    ...(app.loadDefaults !== null ? [`    config.load_defaults ${app.loadDefaults.toFixed(1)}`] : []),
    ...(app.prefix !== null ? [`    config.active_job.queue_name_prefix = "${app.prefix}"`] : []),
    `    config.active_job.queue_name_delimiter = "${app.delimiter}"`,
    "  end",
    "end",
    "",
  ].join("\n");
}
