import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../scenarios/rails-app/generate-export.js";
import { cli } from "./support.js";

// docs/rails.md: every command in its ```sh blocks runs and prints exactly what the page
// shows. Output folders and the generated export live under os.tmpdir() instead.

const doc = readFileSync("docs/rails.md", "utf8");
const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const steps: { command: string; output: string[] }[] = [];
for (const block of blocks) {
  for (const line of block.trimEnd().split("\n")) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2), output: [] });
    else steps[steps.length - 1]!.output.push(line);
  }
}

describe("docs/rails.md", () => {
  const tmp = mkdtempSync(join(tmpdir(), "jobsim-rails-doc-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const here = (s: string) => s.replaceAll("scenarios/rails-app/export/", `${tmp}/export/`).replaceAll("my-model", `${tmp}/my-model`);

  it("shows commands", () => {
    expect(steps.map((s) => s.command.split(" ").slice(0, 3).join(" "))).toEqual(["npx tsx scenarios/rails-app/generate-export.ts", "jobsim import rails", "jobsim import export"]);
  });

  it("runs each command with the output it shows", async () => {
    for (const step of steps) {
      if (step.command.startsWith("npx tsx scenarios/rails-app/generate-export.ts")) {
        const day = generate();
        mkdirSync(`${tmp}/export`, { recursive: true });
        writeFileSync(`${tmp}/export/solid_queue_jobs.csv`, day.jobs);
        writeFileSync(`${tmp}/export/solid_queue_failed_executions.csv`, day.failed);
        writeFileSync(`${tmp}/export/perform_durations.jsonl`, day.durations);
        expect(step.output).toEqual([`wrote ${day.jobs.split("\n").length - 2} job rows to scenarios/rails-app/export/`]);
        continue;
      }
      const argv = here(step.command).split(" ").slice(1);
      const r = await cli(argv);
      expect(r.stderr, step.command).toBe("");
      expect(r.code, step.command).toBe(0);
      expect(r.stdout.trimEnd().split("\n"), step.command).toEqual(step.output.map(here));
    }
  });
});
