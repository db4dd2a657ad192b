// `jobsim import rails <app-dir>` and `jobsim import export <file>`: bring a Rails app's jobs
// and its production traffic into jobsim. Each kind has its own module, loaded on demand (the
// Rails reader loads Ruby's parser, WebAssembly, only when it is used).
import { UsageError, type CliIO } from "./io.js";

export const IMPORT_USAGE = `usage: jobsim import rails <app-dir> [--out DIR] [--env ENV]
       jobsim import export <jobs.csv|jobs.jsonl> [--out DIR] [--failed FILE] [--durations FILE] [--model FILE] [--exclude A,B]

  rails    read app/jobs/**/*.rb (and every job class under app/), config/application.rb,
           config/environments/<env>.rb, config/queue.yml and config/recurring.yml;
           write <out>/job-model.yml and list what could not be mapped
  export   read a solid_queue_jobs export (CSV or JSON lines); write <out>/arrivals.yml
           (enqueue steps at the recorded instants) and <out>/behaviour.yml (run-time samples)

exit status: 0 written, 2 bad input (a Ruby syntax error, a missing column, ...)
`;

export { UsageError };

export interface Flags {
  positional: string[];
  values: Map<string, string>;
}

/** `--name value` / `--name=value` options from `allowed`; anything else is a UsageError. */
export function readFlags(argv: readonly string[], allowed: readonly string[]): Flags | "help" {
  const flags: Flags = { positional: [], values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (!arg.startsWith("--")) {
      flags.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = (eq < 0 ? arg : arg.slice(0, eq)).slice(2);
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}; options: ${allowed.map((a) => `--${a}`).join(", ")}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
    flags.values.set(name, value);
  }
  return flags;
}

export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const [what, ...rest] = argv;
  if (what === undefined || what === "--help" || what === "-h") {
    (what === undefined ? io.stderr : io.stdout)(IMPORT_USAGE);
    return what === undefined ? 2 : 0;
  }
  try {
    if (what === "rails") return await (await import("./import-rails.js")).importRailsCommand(rest, io);
    if (what === "export") return await (await import("./import-export.js")).importExportCommand(rest, io);
    throw new UsageError(`jobsim import takes "rails" or "export", got ${JSON.stringify(what)}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`jobsim import: ${e.message}\n${IMPORT_USAGE}`);
    return 2;
  }
}
