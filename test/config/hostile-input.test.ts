// Issue 13 item 8: hostile YAML never hangs. Each file of a corpus generated here (an alias
// bomb of ~10^20 nodes, nesting 50,000 deep in flow and block style, a 50 MB file, a NUL byte,
// invalid UTF-8) is refused with exit 2 and a message naming the file and the place, both as a
// scenario and as a config file a scenario references. The real CLI runs once per command over
// the whole corpus (a hang would hit the spawn timeout); each file also runs in-process on its own
// for its exit code. How fast is measured in bench/, not here: the bounds make a hang impossible.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { CASES, type Case } from "../helpers/hostile-yaml.js";
import { tempDir } from "../helpers/temp.js";

let dir = "";
const hostile = (c: Case) => join(dir, `${c.name}.yml`);
const referring = (c: Case) => join(dir, `${c.name}-as-config.yml`);
const replaying = (c: Case) => join(dir, `${c.name}-as-arrivals.yml`);

beforeAll(() => {
  dir = tempDir("hostile");
  for (const c of CASES) {
    writeFileSync(hostile(c), c.content());
    writeFileSync(referring(c), `name: ${c.name} as queue.yml\nconfig:\n  queue: ./${c.name}.yml\nsteps: []\n`);
    writeFileSync(replaying(c), `name: ${c.name} as arrivals\nsteps:\n  - replay: ./${c.name}.yml\n`);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message for the hostile file itself, with its position. */
const expected = (c: Case) => `${hostile(c)}:${c.line}:${c.col}: ${c.message}`;

function cli(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [resolve("bin/jobsim.js"), ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stderr: r.stderr };
}

describe("the real CLI over the hostile corpus", () => {
  it("jobsim check refuses each file, as a scenario and as a referenced config file, with exit 2", () => {
    const files = CASES.flatMap((c) => [hostile(c), referring(c)]);
    const r = cli(["check", ...files]);
    expect(r.status).toBe(2);
    for (const c of CASES) {
      expect(r.stderr).toContain(expected(c));
      // The config file's problem, then where the scenario loads it from.
      expect(r.stderr).toContain(`(config.queue loads ./${c.name}.yml from here)`);
    }
    expect(r.stderr).not.toMatch(/unexpected error|RangeError|heap/);
  }, 90_000);

  it("jobsim run refuses each file with exit 2 and still writes its reports", () => {
    const out = join(dir, "reports");
    const files = CASES.flatMap((c) => [hostile(c), referring(c)]);
    const r = cli(["run", ...files, "--out", out, "--report", "json"]);
    expect(r.status).toBe(2);
    for (const c of CASES) expect(r.stderr).toContain(expected(c));
    expect(r.stderr.match(/config\.queue loads/g)?.length).toBe(CASES.length);
  }, 90_000);
});

describe("as an arrivals file that replay: plays (data: 32 MiB, 4,000,000 nodes)", () => {
  // The 50 MB file is over the data bound too, with its own numbers; the others fail as above.
  for (const c of CASES.filter((c) => c.name !== "fifty-mb")) {
    it(`check ${c.name}-as-arrivals.yml: exit 2 in ${c.name}.yml`, async () => {
      let stderr = "";
      const io = { stdout: () => {}, stderr: (s: string) => void (stderr += s), isTTY: false };
      expect(await main(["check", replaying(c)], io)).toBe(2);
      // The bomb crosses the data bound one level later (line 10: 10 aliases of 1,111,111 nodes).
      const bomb = `${hostile(c)}:10:11: this list expands to more than 4,000,000 nodes through its aliases (*l5, ...)`;
      expect(stderr).toContain(c.name === "alias-bomb" ? bomb : expected(c));
    }, 30_000);
  }
  it("check fifty-mb-as-arrivals.yml: refused after 32 MiB", async () => {
    let stderr = "";
    const io = { stdout: () => {}, stderr: (s: string) => void (stderr += s), isTTY: false };
    expect(await main(["check", replaying(CASES.find((c) => c.name === "fifty-mb")!)], io)).toBe(2);
    expect(stderr).toContain("the file is 50.0 MiB, more than the 32.0 MiB jobsim reads from one YAML file; it stops reading here");
  }, 30_000);
});

describe("each file on its own (in-process)", () => {
  const io = () => {
    const out = { stderr: "" };
    return { out, io: { stdout: () => {}, stderr: (s: string) => void (out.stderr += s), isTTY: false } };
  };
  for (const c of CASES) {
    for (const command of ["check", "run"] as const) {
      it(`${command} ${c.name}.yml: exit 2 at ${c.line}:${c.col}`, async () => {
        const extra = command === "run" ? ["--out", join(dir, `reports-${c.name}`), "--report", "json"] : [];
        const direct = io();
        expect(await main([command, hostile(c), ...extra], direct.io)).toBe(2);
        expect(direct.out.stderr).toContain(expected(c));
        const viaConfig = io();
        expect(await main([command, referring(c), ...extra], viaConfig.io)).toBe(2);
        expect(viaConfig.out.stderr).toContain(expected(c));
      }, 30_000);
    }
  }
});
