#!/usr/bin/env node
// Runs the CLI through tsx, so scenario job modules written in TypeScript load without a build.
// In this repository the sources run directly; an installed package runs its built dist/.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsx = join(dirname(require.resolve("tsx/package.json")), "dist", "cli.mjs");
const entry = [join(here, "..", "src", "cli", "main.ts"), join(here, "..", "dist", "cli", "main.js")].find((p) => existsSync(p));
const r = spawnSync(process.execPath, [tsx, entry, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 2);
