import { currentEnvironment } from "./environment.js";
import { Job } from "./job.js";

// Action Mailer's shape, small: a mailer's methods build a message; deliverNow records it in the
// environment's deliveries (the test mailer), deliverLater enqueues ActionMailer::MailDeliveryJob
// with the mailer name, the method and its arguments, as Rails does. Its queue is the mailer's
// deliverLaterQueueName: null (the default queue) as in apps on load_defaults >= 6.1; Action
// Mailer's own default is "mailers".

export interface Mail {
  to: string | string[];
  subject: string;
  from?: string;
  body?: string;
  [key: string]: unknown;
}

export interface DeliveredMail extends Mail {
  mailer: string;
  action: string;
  deliveredAt: number;
}

type MailerClass = new () => Mailer;
const mailers = new Map<string, MailerClass>();

export class Mailer {
  static get mailerName(): string {
    return this.name;
  }

  /** The queue deliverLater uses; null means Active Job's default queue. */
  static deliverLaterQueueName: string | null = null;
}

export class MessageDelivery<M extends Mailer, A extends keyof M & string> {
  constructor(
    readonly mailer: new () => M,
    readonly action: A,
    readonly args: unknown[],
  ) {
    mailers.set((mailer as unknown as typeof Mailer).mailerName, mailer as unknown as MailerClass);
  }

  private build(): Mail {
    const instance = new this.mailer() as unknown as Record<string, (...a: unknown[]) => Mail>;
    const method = instance[this.action];
    if (typeof method !== "function") throw new TypeError(`${this.mailer.name} has no mailer method ${this.action}`);
    return method.apply(instance, this.args);
  }

  /** Builds and delivers at once (the test mailer records it). */
  deliverNow(): DeliveredMail {
    const env = currentEnvironment();
    const mail: DeliveredMail = { ...this.build(), mailer: (this.mailer as unknown as typeof Mailer).mailerName, action: this.action, deliveredAt: env.now() };
    env.deliver(mail);
    return mail;
  }

  /** Enqueues ActionMailer::MailDeliveryJob; options as Job.set (wait, waitUntil, queue, priority). */
  deliverLater(options: { wait?: number | string; waitUntil?: Date | number; queue?: string; priority?: number } = {}): Promise<MailDeliveryJob | false> {
    const name = (this.mailer as unknown as typeof Mailer).mailerName;
    return MailDeliveryJob.set(options).performLater(name, this.action, "deliver_now", { args: this.args });
  }
}

/** `mail(UserMailer, "welcome", user).deliverLater()` — Rails' `UserMailer.welcome(user).deliver_later`. */
export function mail<M extends Mailer, A extends keyof M & string>(
  mailer: new () => M,
  action: A,
  ...args: M[A] extends (...a: infer P) => Mail ? P : never
): MessageDelivery<M, A> {
  return new MessageDelivery(mailer, action, args);
}

export class MailDeliveryJob extends Job {
  static {
    this.jobClassName = "ActionMailer::MailDeliveryJob";
    // Per mailer, read when the job's queue is first needed (Rails reads the mailer class too).
    this.queueAs((job: MailDeliveryJob) => (mailers.get(String(job.arguments[0])) as unknown as typeof Mailer | undefined)?.deliverLaterQueueName ?? null);
  }

  override async perform(mailerName: string, action: string, _deliveryMethod: string, params: { args: unknown[] }): Promise<void> {
    const mailer = mailers.get(mailerName);
    if (mailer === undefined) throw new Error(`Unknown mailer ${mailerName}: deliver a message of it once (mail(...)) so jobsim knows the class`);
    new MessageDelivery(mailer as new () => Mailer & Record<string, (...a: unknown[]) => Mail>, action, params.args).deliverNow();
  }
}
