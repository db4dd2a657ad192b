import { describe, expect, it } from "vitest";
import { importRailsApp } from "../../src/rails/import-app.js";
import { writeApp } from "./support.js";

// Focused cases of `jobsim import rails`: the forms the issue names, settings, and what is
// reported instead of mapped.

async function imported(files: Record<string, string>) {
  const app = writeApp({ "app/jobs/application_job.rb": "class ApplicationJob < ActiveJob::Base\nend\n", ...files });
  try {
    return (await importRailsApp(app.dir, { outDir: app.dir })).model;
  } finally {
    app.remove();
  }
}

const job = (body: string, name = "TestJob", parent = "ApplicationJob") => ({ [`app/jobs/${name.toLowerCase()}.rb`]: `class ${name} < ${parent}\n${body}\nend\n` });

describe("import rails: declarations", () => {
  it("maps limits_concurrency key lambdas to argument paths", async () => {
    const keys = ["->(user) { user }", "->(order) { order.id }", '->(a, b) { "#{a.id}-#{b}" }', "->(account:) { account }", "lambda { |event| event[:account][\"id\"] }", '"global"'];
    for (const [i, key] of keys.entries()) {
      const m = await imported(job(`  limits_concurrency to: 2, key: ${key}, duration: 90.seconds, group: :imports, on_conflict: :discard`));
      const c = m.jobs["TestJob"]!.concurrency!;
      expect({ to: c.to, duration: c.duration, group: c.group, on_conflict: c.on_conflict }).toEqual({ to: 2, duration: 90, group: "imports", on_conflict: "discard" });
      const expected = [
        { source: keys[0], parts: [{ arg: 0 }] },
        { source: keys[1], parts: [{ arg: 0, path: ["id"] }] },
        { source: keys[2], parts: [{ arg: 0, path: ["id"] }, { literal: "-" }, { arg: 1 }] },
        { source: keys[3] },
        { source: keys[4], parts: [{ arg: 0, path: ["account", "id"] }] },
        { literal: "global" },
      ][i];
      expect(c.key, key).toEqual(expected);
      expect(m.unmapped.length, key).toBe(i === 3 ? 1 : 0);
    }
  });

  it("reads retry_on waits, attempts, jitter, queue and priority", async () => {
    const m = await imported(
      job(
        [
          "  retry_on A, wait: 5.seconds, attempts: :unlimited, jitter: nil",
          "  retry_on B, wait: 1.minute + 30.seconds, queue: :retries, priority: 7",
          "  retry_on C, wait: :polynomially_longer, attempts: 12, report: true",
          "  retry_on D, wait: ->(executions) { 2 ** executions * 10 }",
          "  retry_on E, wait: :exponentially_longer",
          "  retry_on F, wait: 0.5",
        ].join("\n"),
      ),
    );
    const h = m.jobs["TestJob"]!.handlers;
    expect(h.map((x) => (x.kind === "retry_on" ? [x.errors[0], x.wait, x.attempts, x.jitter, x.jitter_declared] : []))).toEqual([
      ["A", 5, "unlimited", 0, true],
      ["B", 90, 5, 0, false],
      ["C", "polynomially_longer", 12, 0, false],
      ["D", { proc: "->(executions) { 2 ** executions * 10 }", arity: 1, formula: "2 ** n * 10" }, 5, 0, false],
      ["E", "polynomially_longer", 5, 0, false],
      ["F", 0.5, 5, 0, false],
    ]);
    expect(h[1]).toMatchObject({ queue: "retries", priority: 7 });
    expect(h[2]).toMatchObject({ report: true });
    expect(m.unmapped).toEqual([{ at: "app/jobs/testjob.rb:6:21", class: "TestJob", what: "retry_on wait: :exponentially_longer", why: expect.stringContaining("removed in Rails 7.2") }]);
  });

  it("keeps blocks as dynamic with their source; rescue_from blocks and after_discard too", async () => {
    const m = await imported(
      job(
        [
          "  queue_as do",
          "    case arguments.first",
          '    when :urgent then "critical"',
          "    else :default",
          "    end",
          "  end",
          "  queue_with_priority { arguments.size }",
          "  rescue_from(KeyError) { |e| log(e) }",
          "  after_discard { |job, error| notify(error) }",
          "  before_perform :a, :b, if: -> { arguments.any? }",
        ].join("\n"),
      ),
    );
    const j = m.jobs["TestJob"]!;
    expect(j.queue).toMatchObject({ candidates: ["critical", "default"], at: "app/jobs/testjob.rb:2:3" });
    expect(j.priority).toEqual({ dynamic: "{ arguments.size }", at: "app/jobs/testjob.rb:8:3" });
    expect(j.handlers).toEqual([{ kind: "rescue_from", errors: ["KeyError"], at: "app/jobs/testjob.rb:9:3", block: "{ |e| log(e) }" }]);
    expect(j.callbacks.after_discard).toEqual([{ block: "{ |job, error| notify(error) }", at: "app/jobs/testjob.rb:10:3" }]);
    expect(j.callbacks.before_perform).toEqual([
      { method: "a", if: "-> { arguments.any? }", at: "app/jobs/testjob.rb:11:3" },
      { method: "b", if: "-> { arguments.any? }", at: "app/jobs/testjob.rb:11:3" },
    ]);
  });

  it("finds job classes anywhere under app/, in modules, reopened, and skips other classes", async () => {
    const m = await imported({
      "app/models/billing/invoice.rb": "module Billing\n  class Invoice < ApplicationRecord\n    has_many :lines\n  end\n  class SendJob < ::ApplicationJob\n    queue_as :billing\n  end\nend\n",
      "app/jobs/base/chained_job.rb": "module Base\n  class ChainedJob < Billing::SendJob\n  end\nend\n",
      "app/jobs/reopened_job.rb": "class ReopenedJob < ApplicationJob\n  queue_as :first\nend\n",
      "app/jobs/zz_reopened_job.rb": "class ReopenedJob\n  queue_as :second\n  include Tracing\nend\n",
    });
    expect(Object.keys(m.jobs)).toEqual(["ApplicationJob", "Base::ChainedJob", "Billing::SendJob", "ReopenedJob"]);
    expect(m.jobs["Base::ChainedJob"]!.queue).toMatchObject({ name: "billing", inherited_from: "Billing::SendJob" });
    expect(m.jobs["Base::ChainedJob"]!.ancestors).toEqual(["Billing::SendJob", "ApplicationJob", "ActiveJob::Base"]);
    expect(m.jobs["ReopenedJob"]!.queue).toMatchObject({ name: "second" });
    expect(m.unmapped.map((u) => `${u.at} ${u.what}`)).toEqual(["app/jobs/zz_reopened_job.rb:3:3 include Tracing"]);
  });

  it("reports a job under app/jobs whose superclass is not in the app", async () => {
    const m = await imported({ "app/jobs/legacy_job.rb": "class LegacyJob < Sidekiq::Job\n  queue_as :legacy\nend\n" });
    expect(m.jobs["LegacyJob"]!.queue).toMatchObject({ name: "legacy" });
    expect(m.unmapped).toEqual([{ at: "app/jobs/legacy_job.rb:1:1", class: "LegacyJob", what: "superclass Sidekiq::Job", why: expect.stringContaining("not defined in app/ and not ActiveJob::Base") }]);
  });
});

describe("import rails: app settings", () => {
  it("reads application.rb, then the environment file, with #{Rails.env} and load_defaults", async () => {
    const m = await imported({
      "config/application.rb": 'module Shop\n  class Application < Rails::Application\n    config.load_defaults 8.2\n    config.time_zone = "Eastern Time (US & Canada)"\n    config.active_job.queue_name_prefix = "shop_#{Rails.env}"\n  end\nend\n',
      "config/environments/production.rb": 'Rails.application.configure do\n  config.active_job.queue_name_delimiter = "."\n  config.solid_queue.process_alive_threshold = 2.minutes\n  config.solid_queue.silence_polling = false\n  config.solid_queue.logger = ActiveSupport::Logger.new(STDOUT)\nend\n',
      ...job("  queue_as :low"),
    });
    expect(m.settings).toEqual({
      time_zone: "Eastern Time (US & Canada)",
      load_defaults: 8.2,
      queue_name_prefix: "shop_production",
      queue_name_delimiter: ".",
      retry_jitter: 0.15,
      enqueue_after_transaction_commit: true,
      solid_queue: { process_alive_threshold: 120, silence_polling: false },
    });
    expect(m.jobs["TestJob"]!.queue).toMatchObject({ name: "shop_production.low" });
    expect(m.jobs["ApplicationJob"]!.queue).toEqual({ name: "shop_production.default" });
    expect(m.unmapped.map((u) => `${u.at} ${u.what}`)).toEqual(["config/environments/production.rb:5:31 config.solid_queue.logger ="]);
  });

  it("checks queue.yml and recurring.yml with the loaders `jobsim run` uses", async () => {
    const m = await imported({
      "config/queue.yml": "production:\n  workers:\n    - queues: [default]\n      threads: 2\n",
      "config/recurring.yml": "production:\n  nightly:\n    class: NightlyJob\n    schedule: every day at 2am\n",
    });
    expect(m.config).toEqual({ queue: "config/queue.yml", recurring: "config/recurring.yml" });
    expect(m.unmapped).toEqual([{ at: "config/recurring.yml:2:3", what: "recurring task nightly", why: "class NightlyJob is not a job class of the app" }]);
    await expect(imported({ "config/queue.yml": "production:\n  workers:\n    - threads: many\n" })).rejects.toThrow(/config\/queue\.yml:3:\d+: .*threads/);
  });
});
