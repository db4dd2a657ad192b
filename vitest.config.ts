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
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
