import { execFile, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/temp.js";
import { CONSUMER_FILES } from "./support/consumer-files.js";
import { docExamples, type DocExample } from "./support/doc-examples.js";

// jobsim as a user gets it: built and packed (`npm pack`, under os.tmpdir(), the working tree
// untouched), installed offline into a fresh TypeScript project whose only other packages are
// vitest, vite, typescript and @types/node (the repository's node_modules, hard-linked: no
// network, no npm cache needed, so it works on a fresh clone after `npm ci`). There, strict
// `tsc --noEmit` with `skipLibCheck: false` checks jobsim's published declarations and a test
// file that uses every matcher, helper and entry point; vitest runs it; and the docs' examples
// run against the installed package. Pack and install happen once for the whole file.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const exec = promisify(execFile);
const work = tempDir("package");
const app = join(work, "app");

// The outer vitest's and npm's own variables would confuse the inner tools.
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !k.startsWith("npm_") && k !== "NODE_OPTIONS")),
  CI: "1",
  NO_COLOR: "1",
};

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: "utf8", env, timeout: 300_000 });
}

function output(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}${r.error ? ` (${r.error.message})` : ""}\n${r.stdout}\n${r.stderr}`.slice(-8000);
}

const examples = docExamples(ROOT);
let skipped: string | undefined;

beforeAll(() => {
  if (process.env.JOBSIM_SKIP_PACKAGE_TEST === "1") {
    skipped = "JOBSIM_SKIP_PACKAGE_TEST=1";
    return;
  }
  const npm = run(NPM, ["--version"], ROOT);
  if (npm.status !== 0) {
    skipped = `npm is not runnable here (${output(npm).split("\n")[0]})`;
    return;
  }
  // Build into the staging folder, not into the repository's dist/.
  const stage = join(work, "stage");
  mkdirSync(stage);
  const build = run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--outDir", join(stage, "dist")], ROOT);
  expect(build.status, `the build failed:\n${output(build)}`).toBe(0);
  for (const f of ["package.json", "README.md", "bin", "schema"]) cpSync(join(ROOT, f), join(stage, f), { recursive: true });
  const pack = run(NPM, ["pack", "--ignore-scripts", "--pack-destination", work], stage);
  expect(pack.status, `npm pack failed:\n${output(pack)}`).toBe(0);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  expect(tarball, "npm pack wrote no tarball").toBeDefined();

  mkdirSync(app);
  linkNodeModules(join(ROOT, "node_modules"), join(app, "node_modules"));
  for (const [file, text] of Object.entries(CONSUMER_FILES)) write(file, text);
  for (const ex of examples) write(ex.file, ex.code);
  write("run-programs.mjs", PROGRAM_RUNNER);
  // docs/config.md reads config/queue.yml and config/recurring.yml: the example app's.
  for (const f of ["queue.yml", "recurring.yml"]) write(`config/${f}`, readFileSync(join(ROOT, "scenarios/config", f), "utf8"));
  const install = run(NPM, ["install", "--offline", "--no-audit", "--no-fund", join(work, tarball!)], app);
  expect(install.status, `npm install --offline failed:\n${output(install)}`).toBe(0);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(dirname(join(app, file)), { recursive: true });
  writeFileSync(join(app, file), text);
}

// Hard links (fast, no copy of the data; npm's changes to the consumer's tree never reach the
// repository's files); a plain copy where the temp folder is on another device.
function linkNodeModules(from: string, to: string): void {
  const linked = spawnSync("cp", ["-al", from, to]);
  if (linked.status !== 0) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  for (const cache of [".package-lock.json", ".vite", ".vite-temp", ".cache"]) rmSync(join(to, cache), { recursive: true, force: true });
}

// tsc, vitest and the doc programs are independent: started together once installed.
interface Ran {
  code: number;
  out: string;
}
let checks: { tsc: Promise<Ran>; vitest: Promise<Ran>; programs: Promise<{ file: string; problem?: string }[]> } | undefined;

function started() {
  checks ??= {
    tsc: runAsync([join(app, "node_modules/typescript/bin/tsc"), "-p", "."]),
    vitest: runAsync([join(app, "node_modules/vitest/vitest.mjs"), "run", "--testTimeout=120000"]), // a loaded machine
    programs: runPrograms(examples.filter((e) => e.kind === "program")),
  };
  return checks;
}

async function runAsync(args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await exec(process.execPath, args, { cwd: app, env, encoding: "utf8", timeout: 300_000 });
    return { code: 0, out: `${stdout}\n${stderr}` };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof err.code === "number" ? err.code : -1, out: `${err.message}\n${err.stdout ?? ""}\n${err.stderr ?? ""}`.slice(-8000) };
  }
}


describe("the npm package, installed into a TypeScript project", () => {
  it("has no type that needs a package the consumer lacks, and every entry point", (ctx) => {
    if (skipped !== undefined) return skipWith(ctx);
    started();
    const installed = readdirSync(join(app, "node_modules", "@types"));
    expect(installed, "the consumer must not have @types/sql.js").not.toContain("sql.js");
    const manifest = JSON.parse(readFileSync(join(app, "node_modules/jobsim/package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports)).toEqual([".", "./vitest", "./property", "./scenario", "./report", "./package.json"]);
    const declarations = readdirSync(join(app, "node_modules/jobsim/dist"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".d.ts"));
    const leaks = declarations.filter((f) => /from "sql\.js"|@types\//.test(readFileSync(join(app, "node_modules/jobsim/dist", f), "utf8")));
    expect(leaks, "declarations that import sql.js's types").toEqual([]);
  });

  it("passes strict tsc (skipLibCheck: false) over jobsim's declarations, the API test and the docs' examples", async (ctx) => {
    if (skipped !== undefined) return skipWith(ctx);
    const tsc = await started().tsc;
    expect(tsc.code, `tsc in the consumer project:\n${tsc.out}`).toBe(0);
  }, 600_000);

  it("runs the API test, the setup-file registration and the docs' vitest examples with vitest", async (ctx) => {
    if (skipped !== undefined) return skipWith(ctx);
    const vitest = await started().vitest;
    expect(vitest.code, `vitest in the consumer project:\n${vitest.out}`).toBe(0);
    const files = Object.keys(CONSUMER_FILES).filter((f) => f.endsWith(".test.ts")).length + examples.filter((e) => e.kind === "test").length;
    expect(vitest.out).toMatch(new RegExp(`Test Files +${files} passed`));
    expect(vitest.out).not.toMatch(/skipped|todo/);
  }, 600_000);

  it("runs every documented program against the installed package and prints what the docs show", async (ctx) => {
    if (skipped !== undefined) return skipWith(ctx);
    expect(examples.filter((e) => e.kind === "program").length).toBeGreaterThanOrEqual(15);
    const results = await started().programs;
    expect(results.filter((r) => r.problem !== undefined)).toEqual([]);
  }, 600_000);
});

// The programs run one after another in one `node --import tsx` process (PROGRAM_RUNNER), each
// with its stdout captured byte for byte: a process each cost a second or more of CPU apiece,
// two dozen times over.
async function runPrograms(programs: readonly DocExample[]): Promise<{ file: string; problem?: string }[]> {
  const ran = await runAsync(["--import", "tsx", "run-programs.mjs", ...programs.map((p) => p.file)]);
  const marker = ran.out.lastIndexOf(RESULTS_MARKER);
  if (ran.code !== 0 || marker < 0) return [{ file: "run-programs.mjs", problem: `the program runner failed:\n${ran.out}` }];
  const results = JSON.parse(ran.out.slice(marker + RESULTS_MARKER.length).split("\n")[0]!) as { file: string; out: string; error?: string }[];
  return programs.map((ex, i) => {
    const r = results[i];
    if (r === undefined || r.file !== ex.file) return { file: ex.file, problem: `${ex.source} did not run (the runner stopped before it)` };
    if (r.error !== undefined) return { file: ex.file, problem: `${ex.source} fails: ${r.error}`.slice(0, 3000) };
    if (ex.output !== undefined && r.out !== ex.output) return { file: ex.file, problem: `prints\n${r.out}\nwhere ${ex.source} shows\n${ex.output}` };
    return { file: ex.file };
  });
}

const RESULTS_MARKER = "\n@@program-results@@";

const PROGRAM_RUNNER = `import { pathToFileURL } from "node:url";
const write = process.stdout.write.bind(process.stdout);
const results = [];
for (const file of process.argv.slice(2)) {
  let out = "";
  process.stdout.write = (chunk, ...rest) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const done = rest.find((r) => typeof r === "function");
    if (done) done();
    return true;
  };
  let error;
  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } finally {
    process.stdout.write = write;
  }
  results.push(error === undefined ? { file, out } : { file, out, error });
}
write(${JSON.stringify(RESULTS_MARKER)} + JSON.stringify(results) + "\\n");
`;

function skipWith(ctx: { skip: () => void }): void {
  console.warn(`[package.test] skipped: ${skipped}`);
  ctx.skip();
}
