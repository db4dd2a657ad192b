// Error classes for the names a model uses (retry_on Net::OpenTimeout, a failure raising
// Stripe::APIConnectionError). Ruby's handlers match with is_a?, so a class is made with its
// real superclass where the name is a well-known one: `retry_on Timeout::Error` handles a
// modelled Net::OpenTimeout as it does in Ruby. Names not listed here are StandardErrors; the
// handler lookup (job/handlers.ts) matches a name against every class in the error's chain.

/** Ruby's ancestry of error classes Rails apps commonly name in retry_on / discard_on. */
const PARENTS: Record<string, string> = {
  StandardError: "Exception",
  RuntimeError: "StandardError",
  IOError: "StandardError",
  "Timeout::Error": "RuntimeError",
  "Net::OpenTimeout": "Timeout::Error",
  "Net::ReadTimeout": "Timeout::Error",
  "Net::WriteTimeout": "Timeout::Error",
  "Net::ProtocolError": "StandardError",
  "Net::SMTPError": "StandardError",
  "Net::SMTPServerBusy": "Net::ProtocolError",
  "Errno::ECONNREFUSED": "SystemCallError",
  "Errno::ECONNRESET": "SystemCallError",
  "Errno::ENOENT": "SystemCallError",
  SystemCallError: "StandardError",
  "ActiveRecord::ActiveRecordError": "StandardError",
  "ActiveRecord::StatementInvalid": "ActiveRecord::ActiveRecordError",
  "ActiveRecord::TransactionRollbackError": "ActiveRecord::StatementInvalid",
  "ActiveRecord::Deadlocked": "ActiveRecord::TransactionRollbackError",
  "ActiveRecord::LockWaitTimeout": "ActiveRecord::StatementInvalid",
  "ActiveRecord::RecordNotFound": "ActiveRecord::ActiveRecordError",
  "ActiveRecord::StaleObjectError": "ActiveRecord::ActiveRecordError",
  "ActiveJob::DeserializationError": "StandardError",
  "Faraday::Error": "StandardError",
  "Faraday::ClientError": "Faraday::Error",
  "Faraday::ServerError": "Faraday::Error",
  "Faraday::TimeoutError": "Faraday::ServerError",
  "Faraday::ConnectionFailed": "Faraday::Error",
  "Stripe::StripeError": "StandardError",
  "Stripe::APIConnectionError": "Stripe::StripeError",
  "Stripe::APIError": "Stripe::StripeError",
  "Stripe::CardError": "Stripe::StripeError",
  "Stripe::RateLimitError": "Stripe::StripeError",
};

export type ErrorClass = new (message?: string) => Error;

/** One class per name, built on demand with its superclass (Exception's parent is Error). */
export class ErrorClasses {
  private readonly classes = new Map<string, ErrorClass>();

  get(name: string): ErrorClass {
    let cls = this.classes.get(name);
    if (cls !== undefined) return cls;
    const parentName = PARENTS[name] ?? (name === "Exception" ? undefined : "StandardError");
    const parent: ErrorClass = parentName === undefined ? Error : this.get(parentName);
    // A computed key names the class, so failed executions record "Net::OpenTimeout".
    cls = { [name]: class extends parent {} }[name]!;
    Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
    this.classes.set(name, cls);
    return cls;
  }

  /** Every class made so far, by name (services and SQL faults throw them by name too). */
  byName(): Record<string, ErrorClass> {
    return Object.fromEntries(this.classes);
  }
}
