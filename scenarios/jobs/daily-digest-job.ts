import { Job, mail } from "../../src/index.js";
import { User, UserMailer } from "./app.js";

// Recurring (send_daily_digest, every day at 8am): one digest mail per user, delivered later.
export class DailyDigestJob extends Job {
  override async perform(): Promise<void> {
    const users = await this.db.all("SELECT * FROM users ORDER BY id");
    for (const row of users) await mail(UserMailer, "dailyDigest", new User(row)).deliverLater();
  }
}
