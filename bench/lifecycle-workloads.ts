import initSqlJs from "sql.js";
import { Job } from "../src/job/job.js";
import { performAllLater } from "../src/job/bulk.js";
import { createSimulation } from "../src/sim/simulation.js";
import { SCHEMA } from "../src/store/schema.js";
import { dbTime } from "../src/store/time.js";

// N no-op jobs through the whole lifecycle (enqueue, dispatch, claim, perform, finish): the engine,
// its baseline (the same SQL statements written by hand on sql.js, no engine around them), and a
// bare per-row floor (Solid Queue's statements one row at a time over its schema and indexes,
// independent of the engine's statement design: do not change it to match the engine).

const BATCH = 500;
const THREADS = 5;

// The same bytes per row as the engine stores: a whole Active Job payload.
const PAYLOAD = JSON.stringify({
  job_class: "NoopJob",
  job_id: "9190299e-c101-4b27-a3af-522f7d71fb05",
  provider_job_id: null,
  queue_name: "default",
  priority: null,
  arguments: [12345],
  executions: 0,
  exception_executions: {},
  locale: "en",
  timezone: "UTC",
  enqueued_at: "2026-01-01T00:00:00.000000000Z",
  scheduled_at: "2026-01-01T00:00:01.000000000Z",
});

class NoopJob extends Job {
  override perform(_i: number): void {}
}

export async function baseline(N: number): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec("PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536");
  db.exec(SCHEMA);
  db.exec("BEGIN");
  const insJob = db.prepare(
    "INSERT INTO solid_queue_jobs (id, queue_name, class_name, arguments, priority, active_job_id, scheduled_at, concurrency_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insSched = db.prepare("INSERT INTO solid_queue_scheduled_executions (id, job_id, queue_name, priority, scheduled_at, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const due = db.prepare("SELECT job_id, queue_name, priority, scheduled_at FROM solid_queue_scheduled_executions WHERE scheduled_at <= ? ORDER BY scheduled_at, priority, job_id LIMIT ?");
  const findJob = db.prepare("SELECT id, queue_name, class_name, arguments, priority, active_job_id, scheduled_at, finished_at, concurrency_key, created_at FROM solid_queue_jobs WHERE id = ?");
  const delSched = db.prepare("DELETE FROM solid_queue_scheduled_executions WHERE job_id = ?");
  const insReady = db.prepare("INSERT INTO solid_queue_ready_executions (id, job_id, queue_name, priority, created_at) VALUES (?, ?, ?, ?, ?)");
  const selReady = db.prepare("SELECT job_id, queue_name, priority FROM solid_queue_ready_executions ORDER BY priority, job_id LIMIT ?");
  // Claims as Solid Queue writes them: one multi-row insert, one delete, one load per poll.
  const bySize = new Map<string, ReturnType<typeof db.prepare>>();
  const sized = (sql: (n: number) => string, n: number) => {
    const text = sql(n);
    let st = bySize.get(text);
    if (st === undefined) bySize.set(text, (st = db.prepare(text)));
    return st;
  };
  const list = (n: number) => Array.from({ length: n }, () => "?").join(", ");
  const insClaimed = (n: number) => sized((k) => `INSERT INTO solid_queue_claimed_executions (id, job_id, process_id, created_at) VALUES ${Array.from({ length: k }, () => "(?, ?, ?, ?)").join(", ")}`, n);
  const delReady = (n: number) => sized((k) => `DELETE FROM solid_queue_ready_executions WHERE job_id IN (${list(k)})`, n);
  const loadJobs = (n: number) =>
    sized((k) => `SELECT id, queue_name, class_name, arguments, priority, active_job_id, scheduled_at, finished_at, concurrency_key, created_at FROM solid_queue_jobs WHERE id IN (${list(k)})`, n);
  const delClaimed = db.prepare("DELETE FROM solid_queue_claimed_executions WHERE job_id = ? AND process_id = ?");
  const finish = db.prepare("UPDATE solid_queue_jobs SET finished_at = ?, updated_at = ? WHERE id = ?");
  const t0 = Date.UTC(2026, 0, 1);
  const now = dbTime(t0);
  const later = dbTime(t0 + 1000);
  for (let i = 1; i <= N; i++) {
    insJob.run([i, "default", "NoopJob", PAYLOAD, 0, "9190299e-c101-4b27-a3af-522f7d71fb05", later, null, now, now]);
    insSched.run([i, i, "default", 0, later, now]);
  }
  let readyId = 0;
  let claimedId = 0;
  for (;;) {
    due.bind([later, BATCH]);
    const rows: number[] = [];
    while (due.step()) rows.push(due.get()[0] as number);
    due.reset();
    if (rows.length === 0) break;
    for (const id of rows) {
      findJob.get([id]);
      findJob.reset();
      delSched.run([id]);
    }
    for (const id of rows) insReady.run([++readyId, id, "default", 0, later]);
    for (;;) {
      selReady.bind([THREADS]);
      const claim: number[] = [];
      while (selReady.step()) claim.push(selReady.get()[0] as number);
      selReady.reset();
      if (claim.length === 0) break;
      insClaimed(claim.length).run(claim.flatMap((id) => [++claimedId, id, 1, later]));
      delReady(claim.length).run(claim);
      const load = loadJobs(claim.length);
      load.bind(claim);
      while (load.step()) load.get();
      load.reset();
      for (const id of claim) {
        delClaimed.run([id, 1]);
        finish.run([later, later, id]);
      }
    }
  }
  db.close();
}

export async function engine(N: number): Promise<void> {
  const sim = await createSimulation({
    jobs: [NoopJob],
    queueConfig: { text: `dispatchers: [{ polling_interval: 1, batch_size: ${BATCH} }]\nworkers: [{ queues: "*", threads: ${THREADS}, polling_interval: 0.1 }]` },
    invariants: false,
    traceLimit: 0,
  });
  // Enqueued 10,000 at a time, as an app would: the engine's memory is measured, not a caller
  // holding a million Job objects at once (the rows are the same as one call).
  for (let start = 0; start < N; start += 10_000) {
    await performAllLater(Array.from({ length: Math.min(10_000, N - start) }, (_, k) => new NoopJob(start + k).set({ wait: 1 })));
  }
  await sim.runUntilIdle();
  const finished = sim.db.value("SELECT COUNT(*) FROM solid_queue_jobs WHERE finished_at IS NOT NULL");
  if (finished !== N) throw new Error(`expected ${N} finished jobs, got ${String(finished)}`);
  sim.dispose();
}


export async function floor(N: number): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec("PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536");
  db.exec(SCHEMA);
  db.exec("BEGIN");
  const insJob = db.prepare(
    "INSERT INTO solid_queue_jobs (id, queue_name, class_name, arguments, priority, active_job_id, scheduled_at, concurrency_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insSched = db.prepare("INSERT INTO solid_queue_scheduled_executions (id, job_id, queue_name, priority, scheduled_at, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const due = db.prepare("SELECT job_id FROM solid_queue_scheduled_executions WHERE scheduled_at <= ? ORDER BY scheduled_at, priority, job_id LIMIT ?");
  const delSched = db.prepare("DELETE FROM solid_queue_scheduled_executions WHERE job_id = ?");
  const insReady = db.prepare("INSERT INTO solid_queue_ready_executions (id, job_id, queue_name, priority, created_at) VALUES (?, ?, ?, ?, ?)");
  const oneReady = db.prepare("SELECT job_id FROM solid_queue_ready_executions ORDER BY priority, job_id LIMIT 1");
  const insClaimed = db.prepare("INSERT INTO solid_queue_claimed_executions (id, job_id, process_id, created_at) VALUES (?, ?, ?, ?)");
  const delReady = db.prepare("DELETE FROM solid_queue_ready_executions WHERE job_id = ?");
  const delClaimed = db.prepare("DELETE FROM solid_queue_claimed_executions WHERE job_id = ?");
  const finish = db.prepare("UPDATE solid_queue_jobs SET finished_at = ?, updated_at = ? WHERE id = ?");
  const now = dbTime(Date.UTC(2026, 0, 1));
  for (let i = 1; i <= N; i++) {
    insJob.run([i, "default", "NoopJob", PAYLOAD, 0, "9190299e-c101-4b27-a3af-522f7d71fb05", now, null, now, now]);
    insSched.run([i, i, "default", 0, now, now]);
  }
  let id = 0;
  for (;;) {
    due.bind([now, BATCH]);
    const rows: number[] = [];
    while (due.step()) rows.push(due.get()[0] as number);
    due.reset();
    if (rows.length === 0) break;
    for (const j of rows) {
      insReady.run([++id, j, "default", 0, now]);
      delSched.run([j]);
    }
    for (;;) {
      const r = oneReady.get();
      oneReady.reset();
      if (r.length === 0) break;
      const j = r[0] as number;
      insClaimed.run([++id, j, 1, now]);
      delReady.run([j]);
      delClaimed.run([j]);
      finish.run([now, now, j]);
    }
  }
  db.close();
}
