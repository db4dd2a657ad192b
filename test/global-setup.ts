import { readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPrefix } from "./helpers/temp.js";

// Gives the run an id (inherited by the test workers, which start after this) and removes the
// run's temporary folders when it ends (test/helpers/temp.ts).

export default function setup(): () => void {
  process.env.JOBSIM_TEST_RUN ??= String(process.pid);
  const prefix = runPrefix();
  return () => {
    for (const name of readdirSync(tmpdir())) {
      if (name.startsWith(prefix)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  };
}
