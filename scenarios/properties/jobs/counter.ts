import { Job } from "../../../src/index.js";

// A page-view counter. CountViewJob reads the count and writes it back plus one: run twice (a
// duplicate delivery, or a retry after a crash past the UPDATE) it counts twice. The idempotence
// property finds it at once.
export class CountViewJob extends Job {
  override async perform(counterId: number): Promise<void> {
    const row = await this.db.get<{ n: number }>("SELECT n FROM counters WHERE id = ?", [counterId]);
    await this.db.run("UPDATE counters SET n = ? WHERE id = ?", [(row?.n ?? 0) + 1, counterId]);
  }
}

// Corrected: each job records its own id in a ledger (a no-op when already there), and the
// count is recomputed from the ledger. Both statements are safe to repeat, in any crash order.
export class LedgerCountViewJob extends Job {
  override async perform(counterId: number): Promise<void> {
    await this.db.run("INSERT INTO counted_views (job_id, counter_id) VALUES (?, ?) ON CONFLICT (job_id) DO NOTHING", [this.jobId, counterId]);
    await this.db.run("UPDATE counters SET n = (SELECT COUNT(*) FROM counted_views WHERE counter_id = ?) WHERE id = ?", [counterId, counterId]);
  }
}

export const COUNTER_SCHEMA = `
CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE counted_views (job_id TEXT PRIMARY KEY, counter_id INTEGER NOT NULL);
INSERT INTO counters (id, n) VALUES (1, 0), (2, 0), (3, 0);
`;
