class SendReceiptJob < ApplicationJob
  queue_as "mailers"

  retry_on Net::SMTPServerBusy, Net::ReadTimeout, wait: 1.minute, attempts: 3, jitter: 0.3

  def perform(order_id, email:)
    OrderMailer.receipt(order_id, email).deliver_now
  end
end
