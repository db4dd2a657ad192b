import { createSimulation, defineModel, Job, mail, Mailer, type Mail } from "../src/index.js";

class User extends defineModel<{ id: number; email: string }>("User", { table: "users" }) {}

class UserMailer extends Mailer {
  welcome(user: User): Mail {
    return { to: user.email, subject: "Welcome!" };
  }
}

class SendWelcomeEmailJob extends Job {
  override async perform(user: User) {
    mail(UserMailer, "welcome", user).deliverNow();
  }
}

class RemindJob extends Job {
  override async perform(userId: number) {
    const user = await this.find(User, userId); // User.find(user_id)
    await mail(UserMailer, "welcome", user).deliverLater({ wait: "5 minutes" });
  }
}

const sim = await createSimulation({
  jobs: [SendWelcomeEmailJob, RemindJob],
  models: [User],
  setupSql: "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users VALUES (1, 'ada@example.com');",
});
const ada = User.find(sim.db, 1);
await SendWelcomeEmailJob.performLater(ada);
await RemindJob.performLater(1);
console.log(JSON.stringify(sim.jobs()[0]!.args));
await sim.runUntilIdle();
console.log(sim.jobs().map((j) => `${j.className} on ${j.queueName}: ${j.status}`));
console.log(sim.deliveries.map((d) => `${d.mailer}#${d.action} to ${d.to} at ${new Date(d.deliveredAt).toISOString()}`));
sim.dispose();
