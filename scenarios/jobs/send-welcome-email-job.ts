import { Job, mail } from "../../src/index.js";
import { User, UserMailer } from "./app.js";

// Seed: SendWelcomeEmailJob (queue_as :default; User.find, UserMailer.welcome(user).deliver_now).
export class SendWelcomeEmailJob extends Job {
  static {
    this.queueAs("default");
  }

  override async perform(userId: number): Promise<void> {
    const user = await this.find(User, userId);
    mail(UserMailer, "welcome", user).deliverNow();
  }
}
