import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCommand, runCommand } from "../../src/cli/run.js";
import { tempDir } from "../helpers/temp.js";

// Every broken scenario exits 2 through the CLI with a message naming file:line:col, never a
// stack trace. The expected text is the first line(s) of stderr.

const dir = "test/scenario/broken";
const out = tempDir("broken");

function capture() {
  let stdout = "";
  let stderr = "";
  return {
    io: { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s), isTTY: false },
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

const cases: [file: string, message: string, when?: "run only"][] = [
  ["syntax-error.yml", "syntax-error.yml:4:42: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  ["duplicate-key.yml", "duplicate-key.yml:4:1: YAML syntax error: Map keys must be unique"],
  ["empty.yml", "empty.yml:1:1: the scenario file is empty; it needs at least a name and steps"],
  [
    "wrong-type.yml",
    'wrong-type.yml:2:7: seed must be a whole number, got the text "forty-two"\n' +
      `${dir}/wrong-type.yml:4:14: supervisors must be a whole number (0 or more), got the number -1\n` +
      `${dir}/wrong-type.yml:6:37: steps[0].enqueue.args must be a list of arguments, e.g. [1] or [{ id: 7 }], got the text "ada"`,
  ],
  [
    "unknown-key.yml",
    'unknown-key.yml:2:1: unknown key "seeed" at the top level; did you mean "seed"?\n' +
      `${dir}/unknown-key.yml:5:44: unknown key "wiat" in steps[0].enqueue; did you mean "wait"?`,
  ],
  [
    "unknown-job.yml",
    'unknown-job.yml:4:21: unknown job class "GreeetJob"; did you mean "GreetJob"? Known job classes: ActionMailer::MailDeliveryJob, ChargeJob, FlakyJob, GreetJob, HangJob, NoopJob, SlowJob',
  ],
  [
    "bad-duration.yml",
    'bad-duration.yml:5:14: steps[1].advance: cannot read the text "10 minits" as a duration; use seconds (90), "90s", "5m", "1.5h", "2 days", "1h30m", "250ms"',
  ],
  ["missing-module.yml", `missing-module.yml:2:7: job module not found: ${dir}/no-such-jobs.ts (paths are relative to the scenario file)`],
  ["bad-sql.yml", 'bad-sql.yml:6:5: setup.sql: SQL error: near "CREAT": syntax error'],
  [
    "bad-time.yml",
    'bad-time.yml:5:9: steps[0].at: cannot read the text "noon" as a time; use a local time of the start day ("12:00", "12:00:30"), an offset from the start ("+3h", "+90s"), or an instant ("2026-03-02 18:00" read in Etc/UTC, "2026-03-02T17:00:00Z")',
  ],
  [
    "unknown-expectation.yml",
    'unknown-expectation.yml:6:5: expect[0]: unknown expectation "jobb"; did you mean "job"? (one of job, id, order, table, sql, latency, no_failed_jobs, deliveries, trace, errors, logs, calls, invariants)',
  ],
  ["bad-queue-config.yml", 'bad-queue-config.yml:7:9: unknown key "thread" in workers[0]; did you mean "threads"?'],
  ["bad-schedule.yml", `bad-schedule.yml:7:17: Invalid recurring tasks:\n${dir}/bad-schedule.yml:7:17: - nightly: Schedule is not a supported recurring schedule`],
  ["missing-config-file.yml", `missing-config-file.yml:4:10: config.queue: file not found: ${dir}/config/queue.yml (paths are relative to the scenario file)`],
  ["bad-rate.yml", 'bad-rate.yml:4:52: steps[0].arrivals.rate: cannot read the text "lots" as a rate; use "<number>/<unit>" such as "120/hour", "2/s", "30/5m", "10 per minute"'],
  ["unknown-trace-type.yml", 'unknown-trace-type.yml:6:20: expect[0].trace.type: unknown trace event type "retryed"; did you mean "retried"?'],
  ["two-actions.yml", 'two-actions.yml:5:5: steps[0] does one thing; it has "enqueue" and "advance": split it into 2 steps'],
  ["bad-zone.yml", 'bad-zone.yml:2:12: time_zone: Invalid Timezone: Europe/Pariss; did you mean "Europe/Paris"? (use an IANA name such as "Europe/Paris", one of ActiveSupport\'s names such as "Eastern Time (US & Canada)", or an offset such as "+01:00")'],
  ["bad-expect-sql.yml", "bad-expect-sql.yml:8:5: sql SELECT nme FROM greetings: count 0: SQL error: no such column: nme"],
  ["unknown-process.yml", 'unknown-process.yml:4:5: steps[0] (kill): no process "worker:7": use a name or worker:N', "run only"],
  [
    "time-in-past.yml",
    "time-in-past.yml:6:5: steps[1].run_until: 2026-03-02T10:00:00+00:00 is before the current virtual time 2026-03-02T11:00:00+00:00; steps run in order and time only moves forward",
    "run only",
  ],
];

describe("broken scenarios through `jobsim run`", () => {
  for (const [file, message] of cases) {
    it(file, async () => {
      const c = capture();
      const code = await runCommand([`${dir}/${file}`, "--out", out], c.io);
      expect(code).toBe(2);
      expect(c.stderr).toContain(`${dir}/${message}`);
      expect(c.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
      expect(c.stdout).toContain("ERROR");
    });
  }

  it("keeps going after a bad file and exits 2", async () => {
    const c = capture();
    const code = await runCommand([`${dir}/unknown-job.yml`, "scenarios/welcome-email.yml", "--out", out], c.io);
    expect(code).toBe(2);
    expect(c.stdout).toContain("✓ welcome email (scenarios/welcome-email.yml)");
    expect(c.stdout).toContain("1 of 2 scenarios passed");
  });
});

describe("broken scenarios through `jobsim check`", () => {
  for (const [file, message, when] of cases) {
    if (when === "run only") continue;
    it(file, async () => {
      const c = capture();
      expect(await checkCommand([`${dir}/${file}`], c.io)).toBe(2);
      expect(c.stderr).toContain(`${dir}/${message}`);
    });
  }

  it("finds a process selector that does not exist without running", async () => {
    const c = capture();
    expect(await checkCommand([`${dir}/unknown-process.yml`], c.io)).toBe(2);
    expect(c.stderr).toContain(`${dir}/unknown-process.yml:4:5: steps[0].kill: no process "worker:7"`);
  });

  it("does not run time: a step in the past is only found by run", async () => {
    const c = capture();
    expect(await checkCommand([`${dir}/time-in-past.yml`], c.io)).toBe(0);
    expect(c.stdout).toBe(`ok  ${dir}/time-in-past.yml\n`);
  });
});

describe("command line", () => {
  it("refuses unknown options and missing files with exit 2", async () => {
    const a = capture();
    expect(await runCommand(["--sed", "3", "scenarios"], a.io)).toBe(2);
    expect(a.stderr).toContain("jobsim run: unknown option --sed");
    const b = capture();
    expect(await runCommand(["no/such/dir"], b.io)).toBe(2);
    expect(b.stderr).toBe("jobsim run: no/such/dir: no such file or folder\n");
    const c = capture();
    expect(await runCommand(["scenarios", "--report", "pdf"], c.io)).toBe(2);
    expect(c.stderr).toContain('--report takes json, junit and/or html (comma-separated), got "pdf"');
    const d = capture();
    expect(await runCommand(["scenarios", "--seed", "x"], d.io)).toBe(2);
    expect(d.stderr).toContain('--seed wants a whole number, got "x"');
  });
});
