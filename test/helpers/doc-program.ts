import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { format } from "node:util";

// A doc's program run inside the test's own process, where jobsim is loaded already: a child
// `node --import tsx` per example costs a second or two of CPU each, and the package test runs
// the same programs again in child processes against the installed package. What the program
// prints with console.log is returned, formatted as console.log formats it on a pipe. Run one at
// a time: console.log is swapped while a program runs.

export async function runDocProgram(code: string, file: string): Promise<string> {
  writeFileSync(file, code);
  let out = "";
  const log = console.log;
  console.log = (...args: unknown[]) => void (out += `${format(...args)}\n`);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
  }
  return out;
}
