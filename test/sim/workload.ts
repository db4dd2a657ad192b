import { Job } from "../../src/job/job.js";
import type { Simulation, SimulationOptions } from "../../src/sim/simulation.js";
import { Random } from "../../src/sim/random.js";
import { world } from "../helpers/world.js";

// A reusable busy workload: jobs on three queues with sleeps, app writes, retries and a
// concurrency limit, so determinism and poll-skipping tests exercise most of the engine.

export class Flaky extends Error {}

export class WorkJob extends Job {
  static {
    this.retryOn(Flaky, { wait: 2, attempts: 3 });
  }
  override async perform(n: number, ms: number): Promise<void> {
    await this.db.run("INSERT INTO work (n, at) VALUES (?, ?)", [n, this.now().toISOString()]);
    await this.sleep(ms / 1000);
    if (n % 7 === 0 && this.executions < 2) throw new Flaky(`flaky ${n}`);
  }
}

export class LimitedJob extends Job {
  static {
    this.limitsConcurrency({ key: (account: number) => account, to: 1, duration: 30 });
  }
  override async perform(account: number): Promise<void> {
    const row = await this.db.get<{ balance: number }>("SELECT balance FROM accounts WHERE id = ?", [account]);
    await this.sleep(0.5);
    await this.db.run("UPDATE accounts SET balance = ? WHERE id = ?", [(row?.balance ?? 0) + 1, account]);
  }
}

export const QUEUES = `
dispatchers: [{ polling_interval: 1, batch_size: 100 }]
workers:
  - { queues: [critical, default], threads: 3, polling_interval: 0.1 }
  - { queues: "*", threads: 2, processes: 2, polling_interval: 0.2 }
`;

export async function busyWorld(opts: SimulationOptions & { jobs?: number } = {}): Promise<Simulation> {
  const sim = await world({
    jobs: [WorkJob, LimitedJob],
    queueConfig: { text: QUEUES },
    setupSql: "CREATE TABLE work (n INTEGER, at TEXT); CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 0), (2, 0), (3, 0);",
    ...opts,
  });
  const r = new Random(opts.seed ?? 1);
  const n = opts.jobs ?? 200;
  for (let i = 1; i <= n; i++) {
    const queue = ["critical", "default", "low"][r.int(3)]!;
    const wait = r.int(4) === 0 ? r.int(120) : 0;
    if (r.int(5) === 0) await sim.enqueue(LimitedJob, [1 + r.int(3)], { wait, queue });
    else await sim.enqueue(WorkJob, [i, r.int(3000)], { wait, queue, priority: r.int(3) });
  }
  return sim;
}
