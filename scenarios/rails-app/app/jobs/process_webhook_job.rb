# Webhooks from the payment provider: payment events are urgent, the rest can wait.
class ProcessWebhookJob < ApplicationJob
  queue_as do
    event = arguments.first
    event["type"].start_with?("payment.") ? :critical : :default
  end

  retry_on Timeout::Error, Net::OpenTimeout, wait: 5.seconds, attempts: :unlimited
  limits_concurrency to: 3, key: ->(event) { event["account_id"] }, on_conflict: :discard

  def perform(event)
    WebhookHandler.for(event["type"]).call(event)
  end
end
