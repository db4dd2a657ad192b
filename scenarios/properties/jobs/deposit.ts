import { Job } from "../../../src/index.js";

// Deposits into an account. DepositJob reads the balance, waits on a (simulated) fraud check,
// then writes balance + amount: two deposits running at once on one worker's threads both read
// the old balance, and one deposit is lost. The serializable property finds it.
export class DepositJob extends Job {
  override async perform(accountId: number, cents: number): Promise<void> {
    const row = await this.db.get<{ balance: number }>("SELECT balance FROM accounts WHERE id = ?", [accountId]);
    await this.sleep(0.2);
    await this.db.run("UPDATE accounts SET balance = ? WHERE id = ?", [(row?.balance ?? 0) + cents, accountId]);
  }
}

// Corrected: the database adds in one statement, so no thread works from a stale read.
export class AtomicDepositJob extends Job {
  override async perform(accountId: number, cents: number): Promise<void> {
    await this.sleep(0.2);
    await this.db.run("UPDATE accounts SET balance = balance + ? WHERE id = ?", [cents, accountId]);
  }
}

export const ACCOUNTS_SCHEMA = `
CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
INSERT INTO accounts (id, balance) VALUES (1, 0), (2, 0);
`;
