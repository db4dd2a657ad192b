import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { runScenario, type ScenarioRun } from "../../src/scenario/run.js";
import { ScenarioError } from "../../src/scenario/errors.js";

// Scenario `trace:` expectations on instrumentation events and payload fields, and `errors:`
// expectations on what reached Rails.error (issue 12, items 1 and 2; solid-queue.md §9.8,
// active-job.md §5.8). Job modules from test/scenario/fixtures/jobs.ts.

const FILE = "test/scenario/fixtures/inline.yml";
const HEAD = 'name: r\nstart: "2026-03-02 09:00"\njobs: ./jobs.ts\n';

async function run(body: string): Promise<ScenarioRun> {
  return runScenario(await loadScenario(FILE, HEAD + body));
}

function messages(r: ScenarioRun): Record<string, string | undefined> {
  return Object.fromEntries(r.result.expectations.filter((e) => e.name !== "invariants").map((e) => [e.name, e.passed ? `ok: ${e.measured}` : e.message]));
}

// FlakyJob retries ApiError (wait 3, attempts 3); the api fails every call, so its third attempt
// fails the job, which Solid Queue reports to Rails.error as unhandled.
const FLAKY = `
services:
  api:
    call: { throws: ApiError }
steps:
  - enqueue: { job: FlakyJob, args: [1] }
  - enqueue: { job: GreetJob, args: [ada] }
  - run_until_idle: true
`;

describe("trace: expectations", () => {
  it("count instrumentation events by name, job, queue and payload fields", async () => {
    const r = await run(`${FLAKY}
setup:
  sql: CREATE TABLE greetings (name TEXT);
expect:
  - { name: performs, trace: { type: perform.active_job, count: 4 } }
  - { name: flaky performs, trace: { type: perform.active_job, job: FlakyJob, count: 3 } }
  - { name: on critical, trace: { type: perform_start.active_job, queue: critical, count: 3 } }
  - { name: retries, trace: { type: enqueue_retry.active_job, payload: { wait: 3, error: ApiError }, count: 2 } }
  - { name: stopped, trace: { type: retry_stopped.active_job, payload: { job: FlakyJob }, count: 1 } }
  - { name: job fields, trace: { type: enqueue.active_job, payload: { job: { queue_name: critical, arguments: [1] } }, count: 1 } }
  - { name: claims, trace: { type: claim.solid_queue, payload: { size: 1 }, count: ">= 1" } }
  - { name: wrong payload, trace: { type: enqueue_retry.active_job, payload: { wait: 5 }, count: 2 } }
`);
    expect(messages(r)).toEqual({
      performs: "ok: 4 perform.active_job events",
      "flaky performs": "ok: 3 perform.active_job events of FlakyJob",
      "on critical": "ok: 3 perform_start.active_job events on critical",
      retries: 'ok: 2 enqueue_retry.active_job events with {"wait":3,"error":"ApiError"}',
      stopped: 'ok: 1 retry_stopped.active_job events with {"job":"FlakyJob"}',
      "job fields": 'ok: 1 enqueue.active_job events with {"job":{"queue_name":"critical","arguments":[1]}}',
      claims: expect.stringMatching(/^ok: \d+ claim\.solid_queue events with \{"size":1\}$/),
      "wrong payload": expect.stringMatching(/^expected 2 enqueue_retry\.active_job events with \{"wait":5\}; found 0 \(of 2 enqueue_retry\.active_job events; payloads such as \{"job":"FlakyJob","adapter":"SolidQueueAdapter","error":"ApiError","wait":3\}/),
    });
  });

  it("match a trace event's fields and data", async () => {
    const r = await run(`${FLAKY}
setup:
  sql: CREATE TABLE greetings (name TEXT);
expect:
  - { name: retried, trace: { type: retried, payload: { jobClass: FlakyJob, wait: 3 }, count: 2 } }
  - { name: failed, trace: { type: failed, job: FlakyJob, count: 1 } }
`);
    expect(messages(r)).toMatchObject({ retried: expect.stringMatching(/^ok: 2 retried events/), failed: "ok: 1 failed events of FlakyJob" });
  });

  it("refuse an unknown event with the nearest name, at its place", async () => {
    const err = await loadScenario(FILE, `${HEAD}steps: []\nexpect:\n  - { trace: { type: claims.solid_queue, count: 1 } }\n`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toMatch(/inline\.yml:6:\d+: expect\[0\]\.trace\.type: unknown trace event type "claims\.solid_queue"; did you mean "claim\.solid_queue"\?/);
  });
});

describe("errors: expectations", () => {
  it("count Rails.error reports by class, handled, severity, source and message", async () => {
    const r = await run(`${FLAKY}
setup:
  sql: CREATE TABLE greetings (name TEXT);
expect:
  - { name: unhandled, errors: { class: ApiError, handled: false, severity: error, count: 1 } }
  - { name: any, errors: {} }
  - { name: none handled, errors: { handled: true, count: 0 } }
  - { name: wrong source, errors: { class: ApiError, source: application.active_job } }
`);
    expect(messages(r)).toEqual({
      unhandled: 'ok: 1 error reports (ApiError, handled: false, severity: "error")',
      any: "ok: 1 error reports",
      "none handled": "ok: 0 error reports (handled: true)",
      "wrong source": expect.stringMatching(/^expected >= 1 error reports \(ApiError, source: "application\.active_job"\); found 0 of 1 reported: ApiError \("[^"]*"\) handled: false, severity: error, source: /),
    });
  });

  it("refuse unknown keys and bad values, at their place", async () => {
    const err = await loadScenario(FILE, `${HEAD}steps: []\nexpect:\n  - { errors: { klass: ApiError, severity: fatal } }\n`).catch((e: unknown) => e);
    expect((err as Error).message).toContain('unknown key "klass" in expect[0].errors; did you mean "class"?');
    expect((err as Error).message).toContain("expect[0].errors.severity must be one of error, warning, info");
  });
});
