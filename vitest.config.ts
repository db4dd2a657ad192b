import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The package's own names resolve to the sources (tsconfig.json's "paths" say the same for tsc
// and tsx), so the repository's doc tests import "jobsim" as a user does, without a build.
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^jobsim$/, replacement: src("index.ts") },
      { find: /^jobsim\/vitest$/, replacement: src("testing/vitest.ts") },
      { find: /^jobsim\/property$/, replacement: src("property/index.ts") },
      { find: /^jobsim\/scenario$/, replacement: src("scenario/entry.ts") },
      { find: /^jobsim\/report$/, replacement: src("report/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Temporary folders: one prefix per run, removed when the run ends (test/helpers/temp.ts).
    globalSetup: ["./test/global-setup.ts"],
    // One worker per core: vitest's default keeps one core free, which on a 2-core CI machine
    // runs the files one at a time while several of them mostly wait on child processes.
    maxWorkers: availableParallelism(),
    // Test files share a worker's module cache instead of re-importing jobsim (and compiling
    // sql.js's WASM) for each of 130 files: on 2 cores the suite takes about 115 s instead of
    // 200 s. Safe because no test mocks modules or keeps global state past its file: the
    // simulation, the test adapter and the environment are made and disposed per test.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
