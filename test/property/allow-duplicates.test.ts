import { describe, expect, it } from "vitest";
import { assertProperty, idempotence } from "../../src/property/index.js";
import { REPORTS_SCHEMA, ReportReadyJob } from "./fixtures/mail-jobs.js";

// A job that may send its mail twice declares it; everything else must still match.

describe("idempotence with allowed duplicates", () => {
  it("counts a repeated mail as a difference unless it is allowed", async () => {
    const strict = idempotence({ job: ReportReadyJob, args: [1], setup: REPORTS_SCHEMA });
    await expect(assertProperty(strict, { runs: 3, reportsDir: null })).rejects.toThrow(
      'mail NoticeMailer.notice to ada@example.com: "Your report is ready" happened 2 times after performing it twice, once after performing it once',
    );
    for (const allow of ["mailer.deliver", "NoticeMailer.notice"]) {
      await assertProperty(idempotence({ job: ReportReadyJob, args: [1], setup: REPORTS_SCHEMA, allowDuplicates: [allow] }), { runs: 3, reportsDir: null });
    }
  });
});
