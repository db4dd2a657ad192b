import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JobClassModel } from "../../src/model/types.js";
import { importRailsApp } from "../../src/rails/import-app.js";
import { appSpec, ERRORS, rubyApplication, rubyClass, type AppSpec } from "./differential-gen.js";
import { meaning, outcome, type Meaning } from "./differential-meaning.js";
import { writeApp } from "./support.js";

// Differential: generated Ruby job files with random combinations of declarations. The model
// `jobsim import rails` writes must equal what the declarations mean per the Active Job spec
// (differential-meaning.ts); where Debian's ruby-activejob is installed, the same files
// loaded under real Active Job must agree too.

const SEED = 16_2026;

function filesOf(app: AppSpec): Record<string, string> {
  const files: Record<string, string> = { "config/application.rb": rubyApplication(app) };
  for (const c of app.classes) files[`app/jobs/${c.name.replace(/(.)([A-Z])/g, "$1_$2").toLowerCase()}.rb`] = rubyClass(c);
  return files;
}

/** The importer's model in the shape of a Meaning. */
function asMeaning(job: JobClassModel): Meaning {
  const out: Meaning = {
    queue: "name" in job.queue ? { name: job.queue.name } : { candidates: job.queue.candidates },
    priority: "value" in job.priority ? job.priority.value : NaN,
    retryJitter: job.retry_jitter,
    handlers: job.handlers.map((h) => {
      if (h.kind !== "retry_on") return { kind: h.kind, errors: h.errors };
      const wait = typeof h.wait === "object" ? { formula: h.wait.formula ?? `unmapped ${h.wait.proc}` } : h.wait;
      return { kind: h.kind, errors: h.errors, wait, attempts: h.attempts, jitter: h.jitter, ...(h.queue !== undefined ? { queue: h.queue } : {}), ...(h.priority !== undefined ? { priority: h.priority } : {}) };
    }),
    callbacks: Object.fromEntries(Object.entries(job.callbacks).map(([k, list]) => [k, list!.map((c) => c.method ?? `block ${c.block}`)])),
  };
  if (job.concurrency !== undefined) {
    const c = job.concurrency;
    out.concurrency = { to: c.to, key: "literal" in c.key ? { literal: c.key.literal } : { parts: c.key.parts ?? [] }, group: typeof c.group === "string" ? c.group : "dynamic", duration: c.duration, on_conflict: c.on_conflict };
  }
  if (job.perform !== undefined) out.params = job.perform.params.map((p) => p.kind);
  return out;
}

const withoutOracleNotes = (m: Meaning): Meaning => ({ ...m, handlers: m.handlers.map(({ newerThan61: _, ...h }) => h) });

describe("import rails: generated declarations (differential)", () => {
  it("imports every generated app to what its declarations mean", async () => {
    await fc.assert(
      fc.asyncProperty(appSpec, async (app) => {
        const dir = writeApp(filesOf(app));
        try {
          const { model } = await importRailsApp(dir.dir, { outDir: dir.dir });
          expect(Object.keys(model.jobs).sort()).toEqual(app.classes.map((c) => c.name).sort());
          for (const c of app.classes) expect(asMeaning(model.jobs[c.name]!), c.name).toEqual(withoutOracleNotes(meaning(app, c.name)));
          expect(model.unmapped).toEqual([]);
        } finally {
          dir.remove();
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  const ruby = spawnSync("ruby", ["-e", 'require "active_job"'], { encoding: "utf8" });
  const hasActiveJob = ruby.status === 0;
  if (!hasActiveJob) console.log("notice: ruby with active_job is not installed; skipping the comparison with real Active Job");

  it.skipIf(!hasActiveJob)("agrees with real Active Job loading the same files", () => {
    const apps = fc.sample(appSpec, { seed: SEED + 1, numRuns: 30 });
    const input = apps.map((app) => ({
      prefix: app.prefix,
      delimiter: app.delimiter,
      jitter: app.loadDefaults !== null && app.loadDefaults >= 6.1 ? 0.15 : 0,
      files: app.classes.map((c) => [c.name, rubyClass(c)]),
    }));
    const r = spawnSync("ruby", ["test/rails/active-job-oracle.rb"], { input: JSON.stringify(input), encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    const results = JSON.parse(r.stdout) as Record<string, any>[];
    let compared = 0;
    apps.forEach((app, i) => {
      for (const c of app.classes) {
        const m = meaning(app, c.name);
        const real = results[i]![c.name];
        const where = `app ${i} ${c.name}:\n${rubyClass(c)}`;
        expect(real.queues, where).toEqual("name" in m.queue ? [m.queue.name] : m.queue.candidates);
        expect(real.priority, where).toBe(m.priority);
        expect(real.retry_jitter, where).toBeCloseTo(m.retryJitter, 12);
        expect(real.callbacks, where).toEqual(Object.fromEntries(Object.entries(m.callbacks).filter(([, v]) => v.length > 0)));
        const RUBY_PARAM = { required: "req", optional: "opt", rest: "rest", keyword: "keyreq", optional_keyword: "key", keyword_rest: "keyrest" } as Record<string, string>;
        expect(real.params, where).toEqual(m.params === undefined ? null : m.params.map((p) => RUBY_PARAM[p]));
        if (m.concurrency === undefined) expect(real.concurrency, where).toBeNull();
        else {
          const args = ["O7", "x"];
          const key = "literal" in m.concurrency.key ? m.concurrency.key.literal : (m.concurrency.key.parts as { literal?: string; arg?: number; path?: string[] }[]).map((p) => p.literal ?? (p.path !== undefined ? "7" : args[p.arg!])).join("");
          expect(real.concurrency, where).toEqual({ ...m.concurrency, key });
        }
        for (const e of ERRORS) {
          for (const [k, rand] of [0, 1].entries()) {
            const expected = outcome(m, e, rand);
            if (expected === "skip") continue;
            compared++;
            const got = real.errors[e][k];
            expect(got.result, `${where}\n${e} rand ${rand}`).toBe(expected.result);
            expect(got.delays.length, `${where}\n${e} rand ${rand}`).toBe(expected.delays.length);
            got.delays.forEach((d: [number, string | null, number | null], n: number) => {
              expect(d[0]).toBeCloseTo(expected.delays[n]![0], 9);
              expect([d[1], d[2]]).toEqual([expected.delays[n]![1], expected.delays[n]![2]]);
            });
          }
        }
      }
    });
    expect(compared).toBeGreaterThan(100);
  });
});
