import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readExportTable } from "../../src/rails/export-table.js";
import { cli, writeApp } from "./support.js";

// Bad input gets a positioned message and exit 2; an unknown macro is listed, not fatal.

const APP_RB = "module Shop\n  class Application < Rails::Application\n  end\nend\n";

describe("jobsim import rails: bad input", () => {
  it("a Ruby syntax error names file:line:col and exits 2", async () => {
    const app = writeApp({
      "config/application.rb": APP_RB,
      "app/jobs/application_job.rb": "class ApplicationJob < ActiveJob::Base\nend\n",
      "app/jobs/broken_job.rb": "class BrokenJob < ApplicationJob\n  queue_as :low\n  def perform(a,\n  end\nend\n",
    });
    try {
      const r = await cli(["import", "rails", app.dir, "--out", app.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^jobsim import rails: ${app.dir}/app/jobs/broken_job\\.rb:3:16: Ruby syntax error: unexpected `));
      expect(r.stderr).not.toContain("    at ");
    } finally {
      app.remove();
    }
  });

  it("an unknown macro is listed with its place and why; the rest of the class is read", async () => {
    const app = writeApp({
      "app/jobs/application_job.rb": "class ApplicationJob < ActiveJob::Base\nend\n",
      "app/jobs/legacy_job.rb": "class LegacyJob < ApplicationJob\n  sidekiq_options retry: 5\n  queue_as :legacy\n  good_job_control_concurrency_with(perform_limit: 1)\nend\n",
    });
    try {
      const r = await cli(["import", "rails", app.dir, "--out", app.dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`${app.dir}/app/jobs/legacy_job.rb:2:3: sidekiq_options: unknown macro`);
      expect(r.stdout).toContain(`${app.dir}/app/jobs/legacy_job.rb:4:3: good_job_control_concurrency_with: unknown macro`);
      const model = readFileSync(`${app.dir}/job-model.yml`, "utf8");
      expect(model).toContain("declared: legacy");
      expect(model).toContain("at: app/jobs/legacy_job.rb:2:3\n    class: LegacyJob\n    what: sidekiq_options");
    } finally {
      app.remove();
    }
  });

  it("a folder that is not a Rails app, and unknown options, exit 2", async () => {
    const empty = writeApp({ "README": "x" });
    try {
      expect((await cli(["import", "rails", empty.dir])).stderr).toContain("not a Rails app (no app/ folder)");
      const r = await cli(["import", "rails", empty.dir, "--outt", "x"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown option --outt");
    } finally {
      empty.remove();
    }
  });
});

describe("jobsim import export: bad input", () => {
  it("a CSV export without required columns names them at the header, exit 2", async () => {
    const dir = writeApp({ "jobs.csv": "id,queue_name,arguments\n1,default,[]\n" });
    try {
      const r = await cli(["import", "export", `${dir.dir}/jobs.csv`, "--out", dir.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`jobsim import export: ${dir.dir}/jobs.csv:1:1: solid_queue_jobs export: missing columns class_name, created_at; the header has id, queue_name, arguments\n`);
    } finally {
      dir.remove();
    }
  });

  it("a JSON-lines export with a line missing a column names that line", async () => {
    const dir = writeApp({
      "jobs.jsonl": '{"id":1,"class_name":"A","queue_name":"q","created_at":"2026-03-03 00:00:00"}\n\n{"id":2,"class_name":"B","created_at":"2026-03-03 00:00:01"}\n',
    });
    try {
      const r = await cli(["import", "export", `${dir.dir}/jobs.jsonl`, "--out", dir.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir.dir}/jobs.jsonl:3:1: solid_queue_jobs export: this line has no "queue_name"`);
    } finally {
      dir.remove();
    }
  });

  it("a bad timestamp and a failed-executions file without its columns are positioned", async () => {
    const dir = writeApp({
      "jobs.csv": "id,class_name,queue_name,created_at\n1,A,q,2026-03-03 00:00:00\n2,A,q,yesterday\n",
      "failed.csv": "id,error\n1,boom\n",
    });
    try {
      let r = await cli(["import", "export", `${dir.dir}/jobs.csv`, "--out", dir.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir.dir}/jobs.csv:3:7: created_at: cannot read "yesterday" as a time`);
      r = await cli(["import", "export", `${dir.dir}/jobs.csv`, "--failed", `${dir.dir}/failed.csv`, "--out", dir.dir]);
      expect(r.stderr).toContain(`${dir.dir}/failed.csv:1:1: solid_queue_failed_executions export: missing column job_id`);
    } finally {
      dir.remove();
    }
  });
});

describe("CSV as databases write it", () => {
  it("reads quotes, doubled quotes, embedded newlines, CRLF and NULLs, keeping positions", () => {
    const t = readExportTable("x.csv", 'id,note,other\r\n1,"a ""quoted"" word, and\na newline",\r\n2,plain,"x"\r\n');
    expect(t.rows.map((r) => r.get("note")!.value)).toEqual(['a "quoted" word, and\na newline', "plain"]);
    expect(t.rows[0]!.get("other")!.value).toBeNull();
    expect(t.rows[1]!.get("note")!.pos).toEqual({ file: "x.csv", line: 4, col: 3 });
  });

  it("an unclosed quote and a ragged row are positioned errors", () => {
    expect(() => readExportTable("x.csv", 'a,b\n1,"open\n')).toThrow("x.csv:2:3: CSV: a quoted field is not closed");
    expect(() => readExportTable("x.csv", "a,b\n1,2,3\n")).toThrow("x.csv:2:1: CSV: row 1 has 3 fields, the header has 2");
  });
});

describe("JSON-lines exports (MySQL's JSON_OBJECT)", () => {
  it("replays arrivals with their arguments, one per Active Job id, and measured durations", async () => {
    const { replayExport } = await import("../../src/rails/export-replay.js");
    const payload = (args: unknown[]) => JSON.stringify({ job_class: "A", job_id: "j1", arguments: args });
    const jobs = readExportTable(
      "jobs.jsonl",
      [
        { id: 1, class_name: "A", queue_name: "q", priority: 3, active_job_id: "j1", arguments: payload([{ _aj_globalid: "gid://shop/Billing::Invoice/9" }, { _aj_serialized: "ActiveJob::Serializers::SymbolSerializer", value: "ups" }, { a: 1, _aj_ruby2_keywords: ["a"] }]), created_at: "2026-03-03 10:00:00.250000", scheduled_at: "2026-03-03 10:05:00.000000" },
        { id: 2, class_name: "A", queue_name: "q", priority: 3, active_job_id: "j1", arguments: payload([]), created_at: "2026-03-03 10:06:00.000000" },
        { id: 3, class_name: "B", queue_name: "r", active_job_id: "j2", arguments: null, created_at: "2026-03-03T09:00:00+01:00" },
      ].map((o) => JSON.stringify(o)).join("\n"),
    );
    const durations = readExportTable("d.jsonl", '{"job_id":"j1","duration":1500}\n{"job_id":"j1","duration":500}\n{"job_id":"j2","duration":20}\n');
    const r = replayExport(jobs, { durations });
    expect(r.arrivals).toEqual([
      { at: Date.UTC(2026, 2, 3, 8), job: "B", args: [], queue: "r", priority: 0 },
      { at: Date.UTC(2026, 2, 3, 10, 0, 0, 250), job: "A", args: [{ $record: "Billing::Invoice", id: 9 }, "ups", { a: 1 }], queue: "q", priority: 3, waitUntil: Date.UTC(2026, 2, 3, 10, 5) },
    ]);
    expect(r.classes.get("A")).toMatchObject({ samples: [1.5, 0.5], estimated: false, executions: 2, retries: 1 });
    expect(r.classes.get("B")).toMatchObject({ samples: [0.02], executions: 1, retries: 0 });
  });
});
