// `jobsim import rails <app-dir> [--out DIR] [--env ENV]`: writes <out>/job-model.yml and
// prints every declaration it could not map (app-dir/file:line:col: what: why).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../config/index.js";
import { MODEL_FILE, stringifyJobModel } from "../model/write.js";
import { importRailsApp } from "../rails/import-app.js";
import { IMPORT_USAGE, readFlags, UsageError } from "./import.js";
import type { CliIO } from "./io.js";

const SCHEMA = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "schema", "job-model.schema.json");

export async function importRailsCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = readFlags(argv, ["out", "env"]);
  if (flags === "help") {
    io.stdout(IMPORT_USAGE);
    return 0;
  }
  if (flags.positional.length !== 1) throw new UsageError("import rails takes one app folder");
  const appDir = flags.positional[0]!;
  const out = flags.values.get("out") ?? ".";
  const env = flags.values.get("env") ?? "production";
  let result;
  try {
    result = await importRailsApp(appDir, { env, outDir: out });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // Ruby files are named relative to the app in the model; name them from here in messages.
    io.stderr(`jobsim import rails: ${e.pos !== undefined && /^(app|config)\//.test(e.pos.file) ? `${appDir.replace(/\/+$/, "")}/${e.message}` : e.message}\n`);
    return 2;
  }
  const { model, warnings } = result;
  mkdirSync(out, { recursive: true });
  const file = join(out, MODEL_FILE);
  const schema = relative(out, SCHEMA).split(sep).join("/");
  writeFileSync(file, stringifyJobModel(model, schema, [`Imported by \`jobsim import rails\` (env ${env}); edit behaviour: sections by hand.`]));
  for (const w of warnings) io.stderr(`${w}\n`);
  const jobs = Object.keys(model.jobs).length;
  io.stdout(`${file}: ${jobs} job class${jobs === 1 ? "" : "es"} from ${result.files} Ruby file${result.files === 1 ? "" : "s"} under ${join(appDir, "app")}\n`);
  if (model.unmapped.length > 0) {
    io.stdout(`not mapped (${model.unmapped.length}; listed under unmapped: in the model):\n`);
    for (const u of model.unmapped) io.stdout(`  ${join(appDir, u.at)}: ${u.what}: ${u.why}\n`);
  }
  return 0;
}
