import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// jobsim as a dependency: build, pack, install the tarball into a throwaway project (plain
// JavaScript, no TypeScript, no tsx) and run its vitest suite there. Slow (a build and an
// install); skipped with a notice when npm or the registry cannot be reached, or when
// JOBSIM_SKIP_PACKAGE_TEST=1.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const work = mkdtempSync(join(tmpdir(), "jobsim-package-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

// The outer vitest's own variables (VITEST, VITEST_WORKER_ID, ...) would confuse the inner one.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: "utf8", env: { ...env, CI: "1", NO_COLOR: "1" }, timeout: 240_000 });
}

function output(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}${r.error ? ` (${r.error.message})` : ""}\n${r.stdout}\n${r.stderr}`.slice(-6000);
}

const CONSUMER_TEST = `
import { describe, expect, it } from "vitest";
import { Job } from "jobsim";
import { assertEnqueuedJobs, performEnqueuedJobs, useTestAdapter } from "jobsim/vitest";

class HelloJob extends Job {
  static {
    this.queueAs("low");
  }
  async perform(name) {
    this.log("hello " + name);
  }
}

describe("jobsim from its package", () => {
  const t = useTestAdapter();

  it("has the matchers and helpers", async () => {
    await expect(() => HelloJob.performLater("ada")).toHaveEnqueuedJob(HelloJob, { args: ["ada"], queue: "low" });
    assertEnqueuedJobs(1);
    expect(HelloJob).toHaveBeenEnqueued({ args: [expect.any(String)] });
    await expect(() => performEnqueuedJobs()).toHavePerformedJob(HelloJob, { args: ["ada"] });
    expect(t.logs.map((l) => l.message)).toEqual(["hello ada"]);
    await expect(expect(() => {}).toHaveEnqueuedJob()).rejects.toThrow("expected to enqueue exactly 1 jobs, but enqueued 0");
  });
});
`;

describe("the npm package", () => {
  it("builds, packs, installs and runs a plain JavaScript vitest suite", { timeout: 600_000 }, (ctx) => {
    if (process.env.JOBSIM_SKIP_PACKAGE_TEST === "1") {
      console.warn("[package.test] skipped: JOBSIM_SKIP_PACKAGE_TEST=1");
      return ctx.skip();
    }
    const version = run(NPM, ["--version"], ROOT);
    if (version.status !== 0) {
      console.warn(`[package.test] skipped: npm is not runnable here (${output(version).split("\n")[0]})`);
      return ctx.skip();
    }

    const build = run(NPM, ["run", "build"], ROOT);
    expect(build.status, `npm run build failed:\n${output(build)}`).toBe(0);

    const packDir = join(work, "pack");
    mkdirSync(packDir);
    const pack = run(NPM, ["pack", "--ignore-scripts", "--pack-destination", packDir], ROOT);
    expect(pack.status, `npm pack failed:\n${output(pack)}`).toBe(0);
    const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
    expect(tarball, "npm pack wrote no tarball").toBeDefined();

    const app = join(work, "app");
    mkdirSync(app);
    const manifest = {
      name: "jobsim-consumer",
      private: true,
      type: "module",
      devDependencies: { jobsim: `file:${join(packDir, tarball!)}`, vitest: "4.1.12", vite: "8.3.8" },
    };
    writeFileSync(join(app, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(app, "jobs.test.js"), CONSUMER_TEST);

    // The npm cache this repository's `npm ci` filled has everything; the network is a fallback.
    let install = run(NPM, ["install", "--offline", "--no-audit", "--no-fund"], app);
    if (install.status !== 0) install = run(NPM, ["install", "--no-audit", "--no-fund"], app);
    if (install.status !== 0) {
      console.warn(`[package.test] skipped: cannot install from the npm cache or the registry:\n${output(install)}`);
      return ctx.skip();
    }

    const vitest = run(NPM, ["exec", "--", "vitest", "run"], app);
    expect(vitest.status, `vitest failed in the consumer project:\n${output(vitest)}`).toBe(0);
    expect(vitest.stdout).toMatch(/1 passed/);
  });
});
