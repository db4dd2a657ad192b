// A world built once and reset for each run: the setup SQL runs once, each simulation rolls the
// database back to it. Run it: npx tsx docs/examples/world-template.ts
import { Job, WorldTemplate } from "jobsim";

class DepositJob extends Job {
  override async perform(account: number, cents: number): Promise<void> {
    const row = await this.db.get<{ balance: number }>("SELECT balance FROM accounts WHERE id = ?", [account]);
    await this.sleep(0.01); // another thread may run here: a read-modify-write race
    await this.db.run("UPDATE accounts SET balance = ? WHERE id = ?", [row!.balance + cents, account]);
  }
}

const queueConfig = { text: 'workers: [{ queues: "*", threads: 2, polling_interval: 0.1 }]' };
const template = await WorldTemplate.build((sim) => sim.db.exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 0);"), {
  jobs: [DepositJob],
});

for (const seed of [1, 2, 3, 4]) {
  const sim = await template.simulation({ jobs: [DepositJob], queueConfig, seed }); // the previous one is disposed
  await DepositJob.performLater(1, 100);
  await DepositJob.performLater(1, 250);
  await sim.runUntilIdle();
  const { balance } = sim.db.get<{ balance: number }>("SELECT balance FROM accounts WHERE id = 1")!;
  console.log(`seed ${seed}: balance ${balance}${balance === 350 ? "" : " (an update was lost)"}`);
}
template.dispose();
