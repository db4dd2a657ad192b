import { Job } from "../../src/index.js";
import type { RecordRow } from "./app.js";

// Seed: BatchProcessJob (queue_as :low) and the each_slice(100) loop that enqueues it.

/** find_each's batch size: records are read in id order, 1000 at a time. */
const FIND_EACH_BATCH = 1000;

export class BatchProcessJob extends Job {
  static {
    this.queueAs("low");
  }

  override async perform(recordIds: number[]): Promise<void> {
    if (recordIds.length === 0) return;
    const marks = recordIds.map(() => "?").join(", ");
    // Record.where(id: record_ids).find_each
    for (let afterId = 0; ; ) {
      const batch = await this.db.all<RecordRow>(`SELECT * FROM records WHERE id IN (${marks}) AND id > ? ORDER BY id LIMIT ${FIND_EACH_BATCH}`, [...recordIds, afterId]);
      for (const record of batch) await this.processRecord(record);
      if (batch.length < FIND_EACH_BATCH) break;
      afterId = batch[batch.length - 1]!.id;
    }
  }

  private async processRecord(record: RecordRow): Promise<void> {
    await this.db.run("UPDATE records SET status = 'processed', processed_at = ? WHERE id = ?", [this.now().getTime(), record.id]);
  }
}

/** Anything that reads rows: the simulation's `sim.db` (sync) or a job's `this.db` (async). */
export interface RowReader {
  all(sql: string): unknown;
}

/** `Record.pending.pluck(:id).each_slice(100) { |ids| BatchProcessJob.perform_later(ids) }`. */
export async function enqueuePendingRecords(db: RowReader, sliceSize = 100): Promise<(BatchProcessJob | false)[]> {
  const rows = (await db.all("SELECT id FROM records WHERE status = 'pending' ORDER BY id")) as { id: number }[];
  const ids = rows.map((r) => r.id);
  const enqueued: (BatchProcessJob | false)[] = [];
  for (let i = 0; i < ids.length; i += sliceSize) enqueued.push(await BatchProcessJob.performLater(ids.slice(i, i + sliceSize)));
  return enqueued;
}
