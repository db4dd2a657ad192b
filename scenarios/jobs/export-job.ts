import { Job } from "../../src/index.js";
import { Export, type RecordRow } from "./app.js";

// Seed: ExportJob (queue_as :default): status "processing", progress every 100 records,
// "completed" at 100; on any error, status "failed" with the message, then re-raise.

const FIND_EACH_BATCH = 1000;

export class ExportJob extends Job {
  static {
    this.queueAs("default");
  }

  override async perform(exportId: number): Promise<void> {
    let exp: Export | undefined;
    try {
      exp = await this.find(Export, exportId);
      await this.update(exp.id, { status: "processing" });

      // export.user.records
      const total = Number(await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE user_id = ?", [exp.user_id]).then((r) => r!.n));
      let index = 0;
      for (let afterId = 0; ; ) {
        const batch = await this.db.all<RecordRow>(`SELECT * FROM records WHERE user_id = ? AND id > ? ORDER BY id LIMIT ${FIND_EACH_BATCH}`, [exp.user_id, afterId]);
        for (const record of batch) {
          await this.processRecord(record, exp);
          // Update progress every 100 records
          if ((index + 1) % 100 === 0) await this.update(exp.id, { progress: Math.round(((index + 1) / total) * 100) });
          index++;
        }
        if (batch.length < FIND_EACH_BATCH) break;
        afterId = batch[batch.length - 1]!.id;
      }

      await this.update(exp.id, { status: "completed", progress: 100 });
    } catch (e) {
      // In Ruby `export` is nil here when Export.find itself failed (and update! would raise
      // NoMethodError); this port keeps the original error instead.
      if (exp !== undefined) await this.update(exp.id, { status: "failed", error_message: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  private async processRecord(record: RecordRow, exp: Export): Promise<void> {
    await this.db.run("INSERT INTO export_lines (export_id, record_id) VALUES (?, ?)", [exp.id, record.id]);
  }

  // export.update!(...)
  private async update(id: number, fields: Partial<Record<"status" | "progress" | "error_message", string | number>>): Promise<void> {
    const keys = Object.keys(fields);
    await this.db.run(`UPDATE exports SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE id = ?`, [...keys.map((k) => fields[k as keyof typeof fields]!), id]);
  }
}
