// The `jobsim` command. Each subcommand lives in its own module; this file only dispatches and
// turns unexpected errors into a message and exit code 2 (never a stack trace).

import { readFileSync } from "node:fs";
import type { CliIO } from "./io.js";

const USAGE = `usage: jobsim <command> [options]
       jobsim --version

commands:
  run <files or folders> [--seed N] [--cpus N] [--report ...] [--out DIR]   replay scenarios
  check <files or folders> [--cpus N]                                       validate scenarios without running
  schedule "<schedule>" [--tz ZONE] [--from ISO] [--next N] [--json]        parse a schedule, print next times
  schedule --file config/recurring.yml [--env ENV] [--cpus N] [--next N]    next runs of every recurring task
  fuzz <scenario or job module> --runs N [--seed S] [--shard i/n]           property campaign
  import rails <app-dir> [--out DIR] [--env ENV]                            read a Rails app's jobs into a job model
  import export <jobs.csv|jobs.jsonl> [--out DIR]                           production arrivals and run times
  whatif <scenario> [--config a.yml --config b.yml] [--find "q p95 < 5s"]    the same timeline under other queue configs
`;

export type { CliIO } from "./io.js";

type Command = (argv: string[], io: CliIO) => Promise<number> | number;

const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import("./run.js")).runCommand,
  check: async () => (await import("./run.js")).checkCommand,
  schedule: async () => {
    const m = await import("./schedule.js");
    // The CLI is the one place that reads the real clock: "now" for schedules without --from.
    return (argv, io) => m.runSchedule(argv, io, Date.now(), process.env);
  },
  fuzz: async () => (await import("./fuzz.js")).fuzzCommand,
  import: async () => (await import("./import.js")).importCommand,
  whatif: async () => (await import("./whatif.js")).whatifCommand,
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout(`jobsim ${version()}\n`);
    return 0;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(USAGE);
    return 0;
  }
  const load = commands[name];
  if (load === undefined) {
    io.stderr(`jobsim: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    io.stderr(`jobsim ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

/** The package's version: package.json sits two folders up, from src/cli/ and from dist/cli/ alike. */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return String(manifest.version);
}

const isEntry = process.argv[1] !== undefined && /main\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  const io: CliIO = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      io.stderr(`jobsim: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
