import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Every folder the suite writes goes under the OS temp folder with one prefix, so nothing lands
// in the working tree and leftovers are easy to find (.ci/check-clean looks for them). The run's
// id (set by test/global-setup.ts) is part of the name: the global teardown removes exactly this
// run's folders, even those of a test that failed before its own cleanup, and never another
// run's.

export const TEMP_PREFIX = "jobsim-test-";

/** The prefix of this run's folders: `jobsim-test-<run>-`. */
export function runPrefix(): string {
  return `${TEMP_PREFIX}${process.env.JOBSIM_TEST_RUN ?? "solo"}-`;
}

/** A fresh folder under os.tmpdir(), removed at the end of the run (earlier if the test removes it). */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `${runPrefix()}${label}-`));
}
