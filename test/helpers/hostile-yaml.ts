// The hostile YAML corpus of issue 13 item 8, generated (never committed as big files): used by
// test/config/hostile-input.test.ts and bench/hostile-yaml.ts. Each case says where and how
// jobsim refuses it.

import { YAML_LIMITS } from "../../src/config/yaml-input-error.js";

export interface Case {
  name: string;
  content: () => string | Buffer;
  /** The message after "file:line:col: ". */
  message: string;
  line: number;
  col: number;
}

function aliasBomb(): string {
  // Level 0 holds 10 scalars, each next level 10 aliases of the previous: 10^20 leaves at level 19.
  const lines = ["name: alias bomb", "steps: []", "x:", "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i < 20; i++) lines.push(`  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

function fiftyMegabytes(): Buffer {
  const line = Buffer.from("  - { job: ImportJob, args: [1, 2, 3], note: padding to fifty megabytes }\n");
  const head = Buffer.from("name: big\nsteps: []\nrows:\n");
  const count = Math.ceil((50 * 1024 * 1024) / line.length);
  const out = Buffer.alloc(head.length + count * line.length);
  head.copy(out, 0);
  for (let i = 0; i < count; i++) line.copy(out, head.length + i * line.length);
  return out;
}

const LINE_BYTES = "  - { job: ImportJob, args: [1, 2, 3], note: padding to fifty megabytes }\n".length;
const BIG_LIMIT = YAML_LIMITS.bytes - "name: big\nsteps: []\nrows:\n".length;

export const CASES: Case[] = [
  // Level 5 (line 9) is the first list past 250,000 nodes: 10 aliases of 111,111 nodes each.
  { name: "alias-bomb", content: aliasBomb, message: "this list expands to more than 250,000 nodes through its aliases (*l4, ...)", line: 9, col: 11 },
  { name: "deep-flow", content: () => `name: deep\nsteps: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`, message: "YAML nested more than 100 levels deep (flow collections [ { )", line: 2, col: 108 },
  { name: "deep-block", content: () => `name: deep\nsteps:\n${"- ".repeat(50_000)}x\n`, message: "YAML nested more than 100 levels deep (block indentation)", line: 3, col: 201 },
  {
    name: "fifty-mb",
    content: fiftyMegabytes,
    message: "the file is 50.0 MiB, more than the 128 KiB jobsim reads from one YAML file; it stops reading here",
    line: 4 + Math.floor(BIG_LIMIT / LINE_BYTES),
    col: 1 + (BIG_LIMIT % LINE_BYTES),
  },
  { name: "nul-byte", content: () => "name: nul\nsteps: []\ndescription: a\0b\n", message: "a NUL byte (U+0000) is not allowed in YAML", line: 3, col: 15 },
  {
    name: "bad-utf8",
    content: () => Buffer.concat([Buffer.from("name: bad\nsteps: []\ndescription: café "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]),
    message: "invalid UTF-8 (byte 0xFF at byte offset 39)",
    line: 3,
    col: 19,
  },
];

