// What every `jobsim` subcommand shares: its IO, the real clock (the CLI is the one place that
// reads it; src/ below never does), how paths are shown, and the command prologue (read the
// flags; --help prints the usage and exits 0; bad flags print the problem and the usage, exit 2).

import { relative } from "node:path";

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  isTTY: boolean;
  /** The real clock the progress line reads (ms); `realNow` unless a test drives it. */
  wallClock?: () => number;
}

/** What a command that never draws progress needs. */
export type CommandOutput = Pick<CliIO, "stdout" | "stderr">;

// Bound at load, before a simulation fakes `performance` while it runs.
export const realNow: () => number = performance.now.bind(performance);

/** Bad flags: the prologue prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}

/**
 * The flags `read` finds in argv, or the exit code when the command is done already
 * (0 after --help, 2 after a UsageError; both printed).
 */
export function commandFlags<F>(command: string, argv: readonly string[], read: (argv: readonly string[]) => F | "help", usage: string, out: CommandOutput): F | number {
  let flags: F | "help";
  try {
    flags = read(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.stderr(`jobsim ${command}: ${e.message}\n${usage}`);
    return 2;
  }
  if (flags === "help") {
    out.stdout(usage);
    return 0;
  }
  return flags;
}

/** A path as the user would write it: relative to the working folder when it is inside it. */
export function shownPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r === "" || r.startsWith("..") ? p : r;
}
