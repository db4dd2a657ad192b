// Which files `jobsim run` / `check` / scenarioTests mean: a file as given, or every *.yml /
// *.yaml directly inside a folder (not its subfolders, where config files live), sorted.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "./errors.js";

export function scenarioFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let dir: boolean;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      throw ScenarioError.at(undefined, `${p}: no such file or folder`);
    }
    if (!dir) {
      out.push(p);
      continue;
    }
    const found = readdirSync(p)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()
      .map((n) => join(p, n))
      .filter((f) => statSync(f).isFile());
    if (found.length === 0) throw ScenarioError.at(undefined, `${p}: no scenario files (*.yml) in this folder`);
    out.push(...found);
  }
  return out;
}
