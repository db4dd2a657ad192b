// Temporary entry point (schedule command only); the lead replaces this file.
import { runSchedule } from "./schedule.js";

const [command, ...rest] = process.argv.slice(2);
const out = {
  stdout: (s: string) => process.stdout.write(s),
  stderr: (s: string) => process.stderr.write(s),
};
if (command === "schedule") {
  process.exitCode = runSchedule(rest, out, Date.now());
} else {
  out.stderr("usage: jobsim schedule \"<schedule>\" [--tz ZONE] [--from ISO] [--next N] [--json]\n");
  process.exitCode = 2;
}
