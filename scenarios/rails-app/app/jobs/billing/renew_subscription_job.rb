module Billing
  # A payment that renews a subscription: the payment rules, on the billing queue.
  class RenewSubscriptionJob < ProcessPaymentJob
    queue_as :billing
    self.retry_jitter = 0.3

    retry_on Billing::GracePeriod, wait: 1.day, attempts: 3 do |job, error|
      SubscriptionMailer.lapsed(job.arguments.first).deliver_later
    end

    def perform(subscription, renew_on: Date.current)
      subscription.renew!(renew_on)
    end
  end
end
