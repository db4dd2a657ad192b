// Generates export/: one day (Tuesday 2026-03-03, UTC) of the example shop's production
// traffic as Solid Queue stores it, written the way `psql \copy ... CSV HEADER` writes it.
//   solid_queue_jobs.csv                every row, retries as new rows with the same active_job_id
//   solid_queue_failed_executions.csv   jobs that failed for good
//   perform_durations.jsonl             perform.active_job notifications (duration in ms)
// Seeded (jobsim's xoshiro128**): the same files, byte for byte, on every run.
//   npx tsx scenarios/rails-app/generate-export.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Random } from "../../src/sim/random.js";

const SEED = 20260303;
const DAY = Date.UTC(2026, 2, 3);
const HOUR = 3_600_000;
/** Keeps the day small enough to commit its replay (about 3,000 jobs). */
const SCALE = 0.45;

interface Kind {
  job: string;
  queue: string;
  priority: number;
  /** Arrivals per hour at the busiest hour. */
  peak: number;
  /** Run time: median and 95th percentile, seconds. */
  p50: number;
  p95: number;
  args: (r: Random, i: number) => unknown[];
  /** Chance a run fails with a retried error, and that error. */
  retried?: { p: number; wait: (n: number) => number; attempts: number };
  /** Chance a job fails for good (a failed execution row). */
  fatal?: { p: number; error: string; message: string };
  scheduledIn?: number;
}

const gid = (model: string, id: number) => ({ _aj_globalid: `gid://shop/${model}/${id}` });
const kwargs = (o: Record<string, unknown>) => ({ ...o, _aj_ruby2_keywords: Object.keys(o) });

const KINDS: Kind[] = [
  {
    job: "ProcessPaymentJob", queue: "shop_critical", priority: 0, peak: 90, p50: 0.8, p95: 2.5,
    args: (r) => [gid("Order", 10_000 + r.int(5000))],
    retried: { p: 0.03, wait: (n) => n ** 4 + 2, attempts: 10 },
  },
  {
    job: "ProcessWebhookJob", queue: "shop_critical", priority: 0, peak: 160, p50: 0.15, p95: 0.6,
    args: (r, i) => [{ type: r.next() < 0.6 ? "payment.succeeded" : "customer.updated", account_id: `acct_${r.int(40)}`, id: `evt_${i}`, _aj_symbol_keys: [] }],
  },
  {
    job: "SendReceiptJob", queue: "shop_mailers", priority: 0, peak: 85, p50: 0.4, p95: 1.2,
    args: (r) => [10_000 + r.int(5000), kwargs({ email: `customer${r.int(3000)}@example.com` })],
    fatal: { p: 0.004, error: "Net::ReadTimeout", message: "Net::ReadTimeout with #<TCPSocket:(closed)>" },
  },
  {
    job: "Fulfillment::ShipOrderJob", queue: "shop_fulfillment", priority: 0, peak: 70, p50: 2.0, p95: 6.0,
    args: (r) => [gid("Order", 10_000 + r.int(5000)), { _aj_serialized: "ActiveJob::Serializers::SymbolSerializer", value: r.next() < 0.7 ? "ups" : "dhl" }],
  },
  {
    job: "SyncInventoryJob", queue: "shop_low", priority: 20, peak: 40, p50: 4.0, p95: 15.0,
    args: (r) => [gid("Warehouse", 1 + r.int(3)), `SKU-${1000 + r.int(800)}`, kwargs({ full: false })],
  },
  {
    job: "GenerateReportJob", queue: "shop_reports", priority: 0, peak: 6, p50: 35, p95: 120,
    args: (r) => [r.int(900), "pdf"],
  },
  {
    job: "SendNewsletterJob", queue: "shop_mailers", priority: 30, peak: 25, p50: 0.5, p95: 1.5,
    args: (r) => [r.int(50_000), 12, kwargs({ vip: r.next() < 0.1 })],
    scheduledIn: 600,
  },
  {
    job: "ReindexSearchJob", queue: "shop_search", priority: 0, peak: 12, p50: 8, p95: 30,
    args: (r) => ["Product", Array.from({ length: 3 }, () => r.int(20_000))],
  },
];

/** Traffic by hour of the day (UTC): quiet at night, a morning and an evening peak. */
const SHAPE = [0.1, 0.08, 0.06, 0.05, 0.06, 0.1, 0.2, 0.4, 0.65, 0.8, 0.85, 0.9, 0.95, 0.9, 0.85, 0.8, 0.8, 0.85, 0.95, 1.0, 0.9, 0.7, 0.4, 0.2];

function normal(r: Random): number {
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function runTime(r: Random, k: Kind): number {
  const sigma = Math.log(k.p95 / k.p50) / 1.6449;
  return k.p50 * Math.exp(sigma * normal(r));
}

/** "2026-03-03 08:00:03.123456" as PostgreSQL prints a timestamp(6) without zone. */
function stamp(ms: number): string {
  return `${new Date(Math.floor(ms)).toISOString().replace("T", " ").replace("Z", "")}000`;
}

function csvField(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

interface Row {
  id: number;
  queue: string;
  job: string;
  payload: string;
  priority: number;
  activeJobId: string;
  scheduledAt: number;
  finishedAt: number | null;
  createdAt: number;
}

export function generate(): { jobs: string; failed: string; durations: string } {
  const root = new Random(SEED);
  const rows: Omit<Row, "id">[] = [];
  const failed: { activeJobId: string; at: number; error: string; message: string }[] = [];
  const durations: { at: number; line: string }[] = [];
  for (const k of KINDS) {
    const r = root.fork(k.job);
    let i = 0;
    for (let hour = 0; hour < 24; hour++) {
      const rate = k.peak * SCALE * SHAPE[hour]!;
      let t = DAY + hour * HOUR;
      for (;;) {
        t += (-Math.log(1 - r.next()) / rate) * HOUR;
        if (t >= DAY + (hour + 1) * HOUR) break;
        i++;
        const activeJobId = r.uuid();
        const args = k.args(r, i);
        let created = Math.round(t);
        const scheduled = k.scheduledIn !== undefined ? created + k.scheduledIn * 1000 : created;
        for (let attempt = 1; ; attempt++) {
          const run = runTime(r, k);
          const start = Math.max(created, scheduled) + 5 + r.int(200);
          const fails = k.retried !== undefined && attempt < k.retried.attempts && r.next() < k.retried.p;
          const fatal = !fails && k.fatal !== undefined && r.next() < k.fatal.p;
          const payload = JSON.stringify({ job_class: k.job, job_id: activeJobId, provider_job_id: null, queue_name: k.queue, priority: k.priority, arguments: args, executions: attempt - 1, exception_executions: attempt > 1 ? { "[Stripe::APIConnectionError, Stripe::RateLimitError]": attempt - 1 } : {}, locale: "en", timezone: "Europe/Berlin", enqueued_at: new Date(created).toISOString(), scheduled_at: new Date(scheduled).toISOString() });
          rows.push({ queue: k.queue, job: k.job, payload, priority: k.priority, activeJobId, scheduledAt: attempt === 1 ? scheduled : created, finishedAt: fatal ? null : Math.round(start + run * 1000), createdAt: created });
          durations.push({ at: start + run * 1000, line: JSON.stringify({ event: "perform.active_job", job_class: k.job, job_id: activeJobId, queue_name: k.queue, executions: attempt, duration: Math.round(run * 1e6) / 1000 }) });
          if (fatal) failed.push({ activeJobId, at: Math.round(start + run * 1000), error: k.fatal!.error, message: k.fatal!.message });
          if (!fails) break;
          created = Math.round(start + run * 1000 + k.retried!.wait(attempt) * 1000);
        }
      }
    }
  }
  rows.sort((a, b) => a.createdAt - b.createdAt || (a.activeJobId < b.activeJobId ? -1 : 1));
  const header = "id,queue_name,class_name,arguments,priority,active_job_id,scheduled_at,finished_at,concurrency_key,created_at,updated_at";
  const idOf = new Map<string, number>();
  const lines = rows.map((row, n) => {
    idOf.set(row.activeJobId, n + 1);
    return [n + 1, row.queue, row.job, row.payload, row.priority, row.activeJobId, stamp(row.scheduledAt), row.finishedAt === null ? null : stamp(row.finishedAt), null, stamp(row.createdAt), stamp(row.finishedAt ?? row.createdAt)].map(csvField).join(",");
  });
  const failedLines = failed.map((f, n) => [n + 1, idOf.get(f.activeJobId)!, JSON.stringify({ exception_class: f.error, message: f.message, backtrace: ["app/jobs/send_receipt_job.rb:7:in `perform'"] }), stamp(f.at)].map(csvField).join(","));
  durations.sort((a, b) => a.at - b.at);
  return {
    jobs: `${header}\n${lines.join("\n")}\n`,
    failed: `id,job_id,error,created_at\n${failedLines.join("\n")}\n`,
    durations: `${durations.map((d) => d.line).join("\n")}\n`,
  };
}

const isEntry = process.argv[1] !== undefined && /generate-export\.ts$/.test(process.argv[1]);
if (isEntry) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "export");
  mkdirSync(dir, { recursive: true });
  const out = generate();
  writeFileSync(join(dir, "solid_queue_jobs.csv"), out.jobs);
  writeFileSync(join(dir, "solid_queue_failed_executions.csv"), out.failed);
  writeFileSync(join(dir, "perform_durations.jsonl"), out.durations);
  process.stdout.write(`wrote ${out.jobs.split("\n").length - 2} job rows to scenarios/rails-app/export/\n`);
}
